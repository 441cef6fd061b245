from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "payung.accounts"
    verbose_name = "Akun dan peran"

    def ready(self) -> None:
        from payung.accounts import signals  # noqa: F401  (connects the audit receivers)
