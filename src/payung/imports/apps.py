from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "payung.imports"
    verbose_name = "Impor data"
