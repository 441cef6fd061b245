from django.urls import path

from payung.registry import views

app_name = "registry"
urlpatterns = [
    path("perubahan/", views.changes, name="changes"),
    path("perubahan/<int:pk>/", views.decide, name="decide"),
]
