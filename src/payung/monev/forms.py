"""Forms of the reporting cycle. Numbers are typed the Indonesian way (lib.forms); a share in
percent is typed as a percentage and kept as a share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from payung.accounts.models import Opd
from payung.lib.forms import DecimalTextField
from payung.monev.models import Kind, Realisation

DONE_CHOICES = [("", "–"), ("1", _("done")), ("0", _("not yet"))]


class EntryForm(forms.Form):
    """The agency's entry for one item; its fields follow the indicator's kind. A computed item
    takes a narrative only: its figure is Payung's."""

    narrative = forms.CharField(
        label=_("Narrative: what was done, what stands in the way"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args: Any, item: Realisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        indicator = item.indicator
        percent = indicator.unit == "%"
        if item.computed:
            return
        if indicator.kind == Kind.RATIO:
            self.fields["numerator"] = DecimalTextField(
                label=indicator.numerator or _("numerator"), required=False, min_value=0
            )
            self.fields["denominator"] = DecimalTextField(
                label=indicator.denominator or _("denominator"), required=False, min_value=0
            )
        elif indicator.kind == Kind.MILESTONE:
            self.fields["done"] = forms.ChoiceField(
                label=_("Reached?"), choices=DONE_CHOICES, required=False
            )
            self.fields["achieved_on"] = forms.DateField(
                label=_("Date reached"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
        else:
            self.fields["value"] = DecimalTextField(
                label=_("Realisation") + (" (%)" if percent else ""),
                required=False,
                percent=percent,
                min_value=0,
            )
        self.order_fields([f for f in self.fields if f != "narrative"] + ["narrative"])

    def values(self) -> dict[str, Any]:
        """The cleaned entry as workflow.enter's keyword arguments."""
        data = self.cleaned_data
        found: dict[str, Any] = {"narrative": data.get("narrative", "")}
        if "numerator" in data:
            found["numerator"], found["denominator"] = data["numerator"], data["denominator"]
        if "done" in data:
            found["value"] = None if data["done"] == "" else int(data["done"])
            found["achieved_on"] = data.get("achieved_on")
        if "value" in data:
            found["value"] = data["value"]
        return found


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("What it is"), max_length=200)
    file = forms.FileField(label=_("File (PDF, JPG or PNG)"), required=False)
    link = forms.URLField(
        label=_("or a link"), required=False, max_length=500, assume_scheme="https"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("file")) == bool(data.get("link")):
            raise forms.ValidationError(_("Give either a file or a link."))
        return data


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for return (the agency reads it in its fix list)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ReopenForm(forms.Form):
    opd = forms.ModelChoiceField(label=_("OPD"), queryset=Opd.objects.order_by("short_name"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    until = forms.DateField(label=_("Open until"), widget=forms.DateInput(attrs={"type": "date"}))
    verified_too = forms.BooleanField(
        label=_("Return its verified items too, to be verified again"), required=False
    )


class RecommendationsForm(forms.Form):
    text = forms.CharField(
        label=_("Recommendations to the Regent, one per paragraph (a blank line between)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=20000,
    )
