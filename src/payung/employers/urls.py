from django.urls import path

from payung.employers import staffpages, views

app_name = "employers"
urlpatterns = [
    path("", views.index, name="index"),
    path("pegawai/<slug:slug>/", staffpages.roster, name="roster"),
    path("usaha/", views.business_list, name="businesses"),
    path("usaha/<str:nib>/", views.business_detail, name="business"),
    path("pasangan/", views.reviews, name="reviews"),
    path("jalankan/", views.run, name="run"),
    path("cek-izin/", views.permit, name="permit"),
    path("tindak-lanjut/", views.overdue, name="overdue"),
    path("proyek/", views.projects, name="projects"),
    path("proyek/<str:package>/", views.project, name="project"),
    path("tindak-lanjut/<int:pk>/surat.<slug:kind>", views.letter, name="letter"),
]
