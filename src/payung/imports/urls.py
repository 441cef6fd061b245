from django.urls import path

from payung.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("tugas/<str:job>/", views.job, name="job"),
    path("batch/<int:pk>/", views.batch, name="batch"),
    path("batch/<int:pk>/perbaikan.xlsx", views.issues_workbook, name="issues"),
]
