from django.urls import path

from payung.coverage import views

app_name = "coverage"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("tabel/", views.table, name="table"),
    path("ekspor.<str:fmt>", views.export_table, name="export"),
    path("angka/", views.figures, name="figures"),
    path("snapshot/", views.snapshot, name="snapshot"),
]
