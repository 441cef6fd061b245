from django.apps import AppConfig


class MonevConfig(AppConfig):
    """Monitoring and evaluation of every agency's actions under Inpres 2/2021: reads coverage,
    assistance (and employers, once there) to fill indicators, so it stands above them."""

    name = "payung.monev"
    verbose_name = "Monev Inpres 2/2021"
