from django.apps import AppConfig


class SynthConfig(AppConfig):
    name = "payung.synth"
    verbose_name = "Data sintetis"
