from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """Finding a worker and everything Payung knows of them: reads the registry, the links,
    coverage and the programmes, so it stands above all of them."""

    name = "payung.directory"
    verbose_name = "Cari pekerja"
