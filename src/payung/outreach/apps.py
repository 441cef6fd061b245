from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "payung.outreach"
    verbose_name = "Sosialisasi dan CSR"
