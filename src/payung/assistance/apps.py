from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "payung.assistance"
    verbose_name = "Bantuan iuran"
