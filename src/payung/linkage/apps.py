from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "payung.linkage"
    verbose_name = "Pencocokan data"
