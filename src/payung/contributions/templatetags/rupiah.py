from django import template

from payung.contributions.calculator import rp

register = template.Library()


@register.filter
def rupiah(value: int | str | None) -> str:
    """1500000 → Rp 1.500.000 (Indonesian grouping, whatever the UI language); a template's
    missing value ("") stays empty."""
    return "" if value is None or value == "" else rp(int(value))
