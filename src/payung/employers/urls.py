from django.urls import path

from payung.employers import views

app_name = "employers"
urlpatterns = [
    path("", views.index, name="index"),
    path("pegawai/<slug:slug>/", views.roster, name="roster"),
]
