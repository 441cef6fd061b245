from django.urls import path

from payung.coverage import mappages, views

app_name = "coverage"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("tabel/", views.table, name="table"),
    path("ekspor.<str:fmt>", views.export_table, name="export"),
    path("angka/", views.figures, name="figures"),
    path("angka/penduduk-bekerja/", views.save_population, name="save_population"),
    path("angka/target/", views.save_target, name="save_target"),
    path("angka/masa-tenggang/", views.save_grace, name="save_grace"),
    path("angka/impor/", views.import_figures, name="import_figures"),
    path("snapshot/", views.snapshot, name="snapshot"),
    path("peta/", mappages.boundaries, name="boundaries"),
]
