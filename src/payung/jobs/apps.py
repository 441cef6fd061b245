from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "payung.jobs"
    verbose_name = "Pekerjaan latar"
