from django.apps import AppConfig


class CoverageConfig(AppConfig):
    name = "payung.coverage"
    verbose_name = "Cakupan"
