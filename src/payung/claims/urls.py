from django.urls import path

from payung.claims import views

app_name = "claims"
urlpatterns = [
    path("", views.index, name="index"),
    path("kasus/", views.case_register, name="cases"),
]
