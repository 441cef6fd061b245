from django.urls import path

from payung.monev import reportpages, scorepages, views

app_name = "monev"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("periode/<int:pk>/", views.period, name="period"),
    path("periode/<int:pk>/target/", views.targets, name="targets"),
    path("periode/<int:pk>/verifikasi/", views.queue, name="queue"),
    path("periode/<int:pk>/buka-kembali/", views.reopen, name="reopen"),
    path("periode/<int:pk>/rekomendasi/", views.recommendations, name="recommendations"),
    path("periode/<int:pk>/skor/", scorepages.scorecard, name="scorecard"),
    path("periode/<int:pk>/peringkat/", scorepages.league, name="league"),
    path("periode/<int:pk>/opd/<slug:code>/", scorepages.opd, name="opd"),
    path("periode/<int:pk>/rapat/", scorepages.meeting, name="meeting"),
    path("periode/<int:pk>/laporan/", reportpages.report, name="report"),
    path("potret/<int:pk>/laporan.<slug:kind>", reportpages.download, name="report_file"),
    path("butir/<int:pk>/", views.item, name="item"),
    path("butir/<int:pk>/ajukan/", views.submit, name="submit"),
    path("butir/<int:pk>/verifikasi/", views.verify, name="verify"),
    path("butir/<int:pk>/kembalikan/", views.return_item, name="return"),
    path("butir/<int:pk>/hapus-bukti/", views.remove_evidence, name="remove_evidence"),
    path("bukti/<int:pk>/", views.evidence_file, name="evidence"),
]
