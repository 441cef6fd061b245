from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "payung.employers"
    verbose_name = "Pemberi kerja"

    def ready(self) -> None:
        from payung.employers import employer_import, jakon_import, staff_import
        from payung.imports import kinds

        for kind in [*staff_import.KINDS, *employer_import.KINDS, *jakon_import.KINDS]:
            kinds.register(kind)

        from payung.employers.events import EMPLOYERS_CHANGED
        from payung.employers.tasks import reclassify_after_change
        from payung.participants.events import PARTICIPANTS_CHANGED

        # A business's findings rest on both lists and on the participants carrying its NPP.
        for event in (EMPLOYERS_CHANGED, PARTICIPANTS_CHANGED):
            event.subscribe(reclassify_after_change)
