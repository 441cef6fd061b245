from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "payung.claims"
    verbose_name = "Klaim"

    def ready(self) -> None:
        from payung.claims import importer
        from payung.imports import kinds

        kinds.register(importer.KIND)

        from payung.claims.tasks import relink_after_change
        from payung.linkage.events import LINKS_CHANGED
        from payung.participants.events import PARTICIPANTS_CHANGED

        # A claim finds its participant by KPJ and its worker through the participant's link.
        for event in (PARTICIPANTS_CHANGED, LINKS_CHANGED):
            event.subscribe(relink_after_change)
