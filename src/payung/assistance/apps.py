from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "payung.assistance"
    verbose_name = "Bantuan iuran"

    def ready(self) -> None:
        from payung.assistance.tasks import reconcile_after_change, standing_after_change
        from payung.linkage.events import LINKS_CHANGED
        from payung.participants.events import PARTICIPANTS_CHANGED
        from payung.registry.events import REGISTRY_CHANGED

        # A new export or new links say again which enrolled workers BPJS TK has active.
        for event in (PARTICIPANTS_CHANGED, LINKS_CHANGED):
            event.subscribe(reconcile_after_change)
        # Any of the three changes who each programme may take, and in which order.
        for event in (REGISTRY_CHANGED, PARTICIPANTS_CHANGED, LINKS_CHANGED):
            event.subscribe(standing_after_change)
