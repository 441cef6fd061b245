from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    name = "payung.participants"
    verbose_name = "Kepesertaan BPJS TK"

    def ready(self) -> None:
        from payung.imports import kinds
        from payung.participants.importer import KIND

        kinds.register(KIND)
