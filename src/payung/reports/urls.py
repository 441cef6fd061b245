from django.urls import path

from payung.reports import paritranapages, views

app_name = "reports"
urlpatterns = [
    path("", views.executive, name="executive"),
    path("kemiskinan/", views.poverty_rate, name="poverty_rate"),
    path("bulanan/", views.monthly_list, name="monthly"),
    path("bulanan/<int:pk>.<slug:kind>", views.monthly_file, name="monthly_file"),
    path("paritrana/", paritranapages.assessment, name="paritrana"),
    path("paritrana/dosier.<slug:kind>", paritranapages.dossier_file, name="dossier"),
]
