from django.urls import path

from payung.monev import views

app_name = "monev"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("periode/<int:pk>/", views.period, name="period"),
]
