from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "payung.reports"
    verbose_name = "Laporan"
