"""Template filters for numbers as Indonesians read them, built into every template
(settings.TEMPLATES builtins): `{{ n|ribuan }}` 78.485, `{{ amount|rupiah }}` Rp 1.500.000,
`{{ share|persen }}` 17,2 %."""

from __future__ import annotations

from typing import Any

from django import template

from payung.lib import numbers

register = template.Library()


@register.filter
def ribuan(value: Any) -> str:
    return numbers.grouped(value) if value not in (None, "") else "–"


@register.filter
def rupiah(value: Any) -> str:
    return numbers.rupiah(value) if value not in (None, "") else "–"


@register.filter
def persen(value: Any, decimals: int = 1) -> str:
    return numbers.percent(value, int(decimals)) if value not in (None, "") else "–"
