from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "payung.participants"
    verbose_name = "Kepesertaan BPJS TK"

    def ready(self) -> None:
        from payung.imports import kinds
        from payung.participants.events import PARTICIPANTS_CHANGED
        from payung.participants.importer import (
            PARTICIPANT_SYNONYMS,
            REQUIRED,
            prepare_participants,
            write_participants,
        )

        kinds.register(
            kinds.ImportKind(
                name="participants",
                label=_("BPJS TK participants"),
                synonyms=PARTICIPANT_SYNONYMS,
                required=REQUIRED,
                prepare=prepare_participants,
                write=write_participants,
                changed=PARTICIPANTS_CHANGED,
                action="import.participants",
            )
        )
