from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from payung.accounts.views import LoginView, two_factor_setup, two_factor_verify
from payung.api import api
from payung.core import views as core_views

admin.site.site_header = "Payung — Administrasi"
admin.site.site_title = "Payung"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("modul/<slug:slug>/", core_views.module, name="module"),
    path("iuran/", include("payung.contributions.urls")),
    path("masuk/", LoginView.as_view(), name="login"),
    path("masuk/kode/", two_factor_verify, name="two_factor_verify"),
    path("akun/dua-langkah/", two_factor_setup, name="two_factor_setup"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("sandi/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("impor/", include("payung.imports.urls")),
    path("registri/", include("payung.registry.urls")),
    path("registri/", include("payung.directory.urls")),
    path("registry/", RedirectView.as_view(pattern_name="directory:search", query_string=True)),
    path("tugas/", include("payung.jobs.urls")),
    path("kepesertaan/", include("payung.linkage.urls")),
    path("cakupan/", include("payung.coverage.urls")),
    path("bantuan/", include("payung.assistance.urls")),
    path("klaim/", include("payung.claims.urls")),
    path("sosialisasi/", include("payung.outreach.urls")),
    path("pemberi-kerja/", include("payung.employers.urls")),
    path("monev/", include("payung.monev.urls")),
    path("laporan/", include("payung.reports.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
