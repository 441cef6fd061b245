from django.urls import path

from payung.contributions import views

app_name = "contributions"

urlpatterns = [
    path("", views.calculator, name="calculator"),
]
