from django.urls import path

from payung.linkage import views

app_name = "linkage"
urlpatterns = [
    path("", views.quality, name="quality"),
    path("jalankan/", views.run, name="run"),
    path("jalankan/<str:job>/", views.job, name="job"),
    path("tinjau/", views.review, name="review"),
    path("tinjau/<int:pk>/", views.decide, name="decide"),
    path("tanpa-pekerja/", views.unlinked, name="unlinked"),
]
