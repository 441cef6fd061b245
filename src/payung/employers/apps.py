from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "payung.employers"
    verbose_name = "Pemberi kerja"

    def ready(self) -> None:
        from payung.employers import employer_import, staff_import
        from payung.imports import kinds

        for kind in [*staff_import.KINDS, *employer_import.KINDS]:
            kinds.register(kind)
