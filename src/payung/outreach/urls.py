from django.urls import path

from payung.outreach import views

app_name = "outreach"
urlpatterns = [path("", views.index, name="index")]
