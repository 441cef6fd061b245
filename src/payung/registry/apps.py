from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "payung.registry"
    verbose_name = "Registry pekerja"

    def ready(self) -> None:
        from payung.imports import kinds
        from payung.registry.events import REGISTRY_CHANGED
        from payung.registry.importer import (
            REQUIRED,
            WORKER_SYNONYMS,
            prepare_workers,
            write_workers,
        )

        kinds.register(
            kinds.ImportKind(
                name="workers",
                label=_("Workers (registry)"),
                synonyms=WORKER_SYNONYMS,
                required=REQUIRED,
                prepare=prepare_workers,
                write=write_workers,
                changed=REGISTRY_CHANGED,
                action="import.workers",
            )
        )
