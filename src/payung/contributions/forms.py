from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from payung.contributions.calculator import MAX_MONTHS
from payung.contributions.models import Programme, RiskGroup, Sector, Segment
from payung.lib.forms import AmountField

PROGRAMME_CHOICES = [(p.value, p.label) for p in Programme]


class CalculatorForm(forms.Form):
    """What an officer types to explain a bill; the calculator does the rest."""

    segment = forms.ChoiceField(label=_("Segment"), choices=Segment.choices)
    amount = AmountField(
        label=_("Income, wage or contract value (Rp)"),
        min_value=1,
        help_text=_("BPU: declared monthly income; PU: monthly wage; Jakon: contract value."),
    )
    risk_group = forms.TypedChoiceField(
        label=_("Risk group (PU)"),
        choices=RiskGroup.choices,
        coerce=int,
        required=False,
        empty_value=None,
    )
    programs = forms.MultipleChoiceField(
        label=_("Programmes"),
        choices=PROGRAMME_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Empty: the segment's usual programmes."),
    )
    months = forms.IntegerField(
        label=_("Months"), min_value=1, max_value=MAX_MONTHS, initial=1, required=False
    )
    sector = forms.ChoiceField(
        label=_("Sector (BPU)"),
        choices=Sector.choices,
        initial=Sector.OTHER,
        required=False,
        help_text=_("For a temporary cut of BPU contributions (PP 50/2025)."),
    )
    public_funds = forms.BooleanField(
        label=_("Paid from APBN or APBD (BPU)"),
        required=False,
        help_text=_("An assistance programme pays full price: the temporary cut excludes it."),
    )
    on_date = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The rules in force on this date are used (today if empty)."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("segment") == Segment.PU and not data.get("risk_group"):
            self.add_error("risk_group", _("Choose the risk group for a wage earner."))
        return data

    def calculator_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        segment = data["segment"]
        key = {"pu": "wage", "bpu": "income", "jakon": "contract_value"}[segment]
        return {
            key: data["amount"],
            "risk_group": data.get("risk_group"),
            "programs": data.get("programs") or None,
            "months": data.get("months") or 1,
            "on_date": data.get("on_date"),
            "sector": data.get("sector") or Sector.OTHER,
            "public_funds": bool(data.get("public_funds")),
        }
