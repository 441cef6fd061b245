from django.urls import path

from payung.assistance import views

app_name = "assistance"
urlpatterns = [
    path("", views.index, name="index"),
    path("baru/", views.create, name="create"),
    path("simulasi/", views.simulate, name="simulate"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.edit, name="edit"),
    path("<int:pk>/prioritas/", views.ranking, name="ranking"),
    path("<int:pk>/pilih/", views.select, name="select"),
    path("<int:pk>/batal-pilih/", views.reset, name="reset"),
    path("<int:pk>/tambah/", views.add, name="add"),
    path("<int:pk>/tambah-berkas/", views.add_file, name="add_file"),
    path("<int:pk>/desa/<str:code>/", views.desa, name="desa"),
    path("<int:pk>/desa/<str:code>/verifikasi/", views.verify, name="verify"),
    path("<int:pk>/penerima/<int:beneficiary>/tolak/", views.reject, name="reject"),
    path("<int:pk>/penerima/<int:beneficiary>/keluar/", views.leave, name="leave"),
    path("<int:pk>/pendaftaran.xlsx", views.enrolment_file, name="enrolment_file"),
    path("<int:pk>/terdaftar/", views.enrol, name="enrol"),
    path("<int:pk>/tagihan/", views.bill, name="bill"),
    path("<int:pk>/pembayaran/", views.pay, name="pay"),
    path("<int:pk>/rekonsiliasi/", views.reconcile, name="reconcile"),
    path("<int:pk>/rekonsiliasi/selesaikan/", views.settle, name="settle"),
]
