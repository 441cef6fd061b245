from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "payung.employers"
    verbose_name = "Pemberi kerja"

    def ready(self) -> None:
        from payung.employers.staff_import import KINDS
        from payung.imports import kinds

        for kind in KINDS:
            kinds.register(kind)
