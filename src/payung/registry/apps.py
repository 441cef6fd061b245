from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "payung.registry"
    verbose_name = "Registry pekerja"

    def ready(self) -> None:
        from payung.imports import kinds
        from payung.registry.importer import KIND

        kinds.register(KIND)
