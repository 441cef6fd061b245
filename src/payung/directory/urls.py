from django.urls import path

from payung.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.search, name="search"),
    path("pekerja/<int:pk>/", views.worker, name="worker"),
    path("belum-tercakup/", views.uncovered, name="uncovered"),
]
