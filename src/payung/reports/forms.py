from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from payung.lib.forms import DecimalTextField


def percent_field(label: str | Promise, *, required: bool = True) -> DecimalTextField:
    """A percentage as typed (17,2 or 17.2), kept as typed: the poverty rate is written in
    percent wherever BPS publishes it."""
    return DecimalTextField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
    )


class PovertyRateForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    rate = percent_field(_("poverty rate (%)"))
    target = percent_field(_("target (%)"), required=False)
    source = forms.CharField(
        label=_("source"),
        max_length=300,
        help_text=_("e.g. BPS Kabupaten Boalemo, Persentase Penduduk Miskin, Maret 2025"),
    )


class ParitranaEntryForm(forms.Form):
    item = forms.CharField(widget=forms.HiddenInput)
    achievement = percent_field(_("met (0-100)"))
    evidence = forms.CharField(
        label=_("evidence"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The document that shows it: its number, date and where it is kept."),
    )
