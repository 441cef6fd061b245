from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from payung.coverage.models import DEFAULT_BPU_GRACE_MONTHS
from payung.lib.forms import AmountField


class FigureForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    region = forms.ChoiceField(label=_("Region"))
    source = forms.CharField(label=_("Source"), max_length=200, required=False)

    def __init__(self, *args: object, regions: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["region"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = regions


class PopulationForm(FigureForm):
    workers = AmountField(label=_("Working population (BPS)"), min_value=0)
    field_order = ["year", "region", "workers", "source"]


class TargetForm(FigureForm):
    percent = forms.DecimalField(
        label=_("Target coverage (%)"), min_value=0, max_value=100, decimal_places=2
    )
    field_order = ["year", "region", "percent", "source"]


class GraceForm(forms.Form):
    bpu_grace_months = forms.IntegerField(
        label=_("BPU grace months"), min_value=0, max_value=24, initial=DEFAULT_BPU_GRACE_MONTHS
    )


class FigureImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Figures"),
        choices=[("population", _("Working population (BPS)")), ("target", _("Targets"))],
    )
    file = forms.FileField(label=_("CSV file"))
