from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "payung.core"
    verbose_name = "Payung"
