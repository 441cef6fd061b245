from django.urls import path

from payung.jobs import views

app_name = "jobs"
urlpatterns = [path("ulang/<uuid:result>/", views.retry, name="retry")]
