from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    name = "payung.participants"
    verbose_name = "Kepesertaan BPJS TK"
