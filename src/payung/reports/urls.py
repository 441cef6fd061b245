from django.urls import path

from payung.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.executive, name="executive"),
    path("kemiskinan/", views.poverty_rate, name="poverty_rate"),
]
