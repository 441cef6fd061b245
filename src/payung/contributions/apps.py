from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "payung.contributions"
    verbose_name = "Iuran dan manfaat"
