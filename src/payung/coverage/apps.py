from django.apps import AppConfig


class CoverageConfig(AppConfig):
    name = "payung.coverage"
    verbose_name = "Cakupan"

    def ready(self) -> None:
        from payung.coverage.tasks import snapshot_after_change
        from payung.linkage.events import LINKS_CHANGED
        from payung.participants.events import PARTICIPANTS_CHANGED
        from payung.registry.events import REGISTRY_CHANGED

        # Who is covered depends on the workers, their participations and the links between.
        for event in (REGISTRY_CHANGED, PARTICIPANTS_CHANGED, LINKS_CHANGED):
            event.subscribe(snapshot_after_change)
