"""Forms of the assistance pages: what an Analis types, turned into model values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from payung.assistance import allocation
from payung.assistance.models import Programme
from payung.assistance.priority import DEFAULT_RISKY_OCCUPATIONS
from payung.assistance.services import CHANGEABLE_AFTER_SELECTION
from payung.contributions.calculator import SEGMENT_PROGRAMMES
from payung.contributions.models import Programme as Cover
from payung.contributions.models import Segment
from payung.lib.forms import AmountField

BPU_PROGRAMMES, BPU_MANDATORY = SEGMENT_PROGRAMMES[Segment.BPU]
MONTH_INPUT = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


def words(text: str | None) -> list[str]:
    """`Petani, Nelayan; buruh` -> ['petani', 'nelayan', 'buruh']."""
    return [w.strip().lower() for w in (text or "").replace(";", ",").split(",") if w.strip()]


class MonthField(forms.DateField):
    """`YYYY-MM` (what <input type=month> sends) or a date; always the first of the month."""

    input_formats = ["%Y-%m", "%Y-%m-%d", "%m-%Y"]

    def to_python(self, value: Any) -> dt.date | None:
        day = super().to_python(value)
        return day.replace(day=1) if day else None


class ListField(forms.Field):
    """A JSON list on the model, typed as comma-separated words."""

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:
        return words(str(value or ""))


class TableField(forms.Field):
    """A {code: quota} table on the model, typed as one 'code, quota' per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return "\n".join(f"{code}, {n}" for code, n in value.items())
        return value

    def to_python(self, value: Any) -> dict[str, int]:
        rows = []
        for number, line in enumerate(str(value or "").splitlines(), start=1):
            parts = line.replace(";", ",").split(",")
            code, quota = parts if len(parts) == 2 else (parts[0], "-" if line.strip() else "")
            rows.append((number, code, quota))
        try:
            return allocation.table_from_rows(rows)
        except allocation.TableError as exc:
            raise forms.ValidationError(str(exc)) from exc


class ProgrammeForm(forms.ModelForm[Programme]):
    """The programme as an Analis types it; the model checks what makes it a programme (BPU
    package, region codes, the fixed table), so the page and `payung bantuan` refuse alike."""

    occupations = ListField(label=_("Occupations (comma-separated; empty: any)"), required=False)
    regions = ListField(
        label=_("Kecamatan or desa codes (comma-separated; empty: the whole regency)"),
        required=False,
    )
    risky_occupations = ListField(
        label=_("Risky occupations for the priority score (comma-separated)"),
        required=False,
        initial=list(DEFAULT_RISKY_OCCUPATIONS),
    )
    fixed_allocation = TableField(
        label=_("Fixed allocation: one 'code, quota' per line"), required=False
    )
    programs = forms.MultipleChoiceField(
        label=_("Programmes paid"),
        choices=[(p, Cover(p).label) for p in BPU_PROGRAMMES],
        initial=list(BPU_MANDATORY),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("JKK and JKM are mandatory for BPU; JHT is optional."),
    )
    start_month = MonthField(label=_("First month covered"), widget=MONTH_INPUT)

    GROUPS = (
        (_("Funding and package"), (
            "name", "year", "funding_source", "funder", "budget_line", "budget", "quota",
            "start_month", "months", "programs", "declared_income",
        )),
        (_("Who is eligible"), (
            "occupations", "max_decile", "min_age", "max_age", "max_income", "regions",
            "require_valid_nik",
        )),
        (_("Priority and allocation"), (
            "weight_decile", "weight_occupation", "weight_dependants", "weight_age",
            "risky_occupations", "allocation", "fixed_allocation",
        )),
    )  # fmt: skip

    class Meta:
        model = Programme
        fields = [
            "name", "year", "funding_source", "funder", "budget_line", "budget", "quota",
            "start_month", "months", "programs", "declared_income",
            "occupations", "max_decile", "min_age", "max_age", "max_income", "regions",
            "require_valid_nik",
            "weight_decile", "weight_occupation", "weight_dependants", "weight_age",
            "risky_occupations", "allocation", "fixed_allocation",
        ]  # fmt: skip
        # Money and counts typed as Indonesians type them (1.500.000, Rp 1.500.000).
        field_classes = {
            name: AmountField for name in ("budget", "quota", "declared_income", "max_income")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.beneficiaries.exists():
            # The selection was made under these rules: only money and quota stay open.
            for name, field in self.fields.items():
                field.disabled = name not in CHANGEABLE_AFTER_SELECTION

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(str(title), [self[name] for name in names]) for title, names in self.GROUPS]

    def clean_programs(self) -> list[str]:
        chosen = list(self.cleaned_data["programs"])
        return [p for p in BPU_PROGRAMMES if p in chosen]

    def values(self) -> dict[str, Any]:
        """The model values, for services.create_programme / update_programme."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AddWorkerForm(forms.Form):
    nik = forms.RegexField(label=_("NIK"), regex=r"^\d{16}$",
                           error_messages={"invalid": _("A NIK has 16 digits.")})  # fmt: skip
    reason = forms.CharField(label=_("Reason (e.g. the desa's proposal)"), max_length=300)


class AddFileForm(forms.Form):
    file = forms.FileField(label=_("File with a NIK column (.xlsx or .csv)"))
    reason = forms.CharField(label=_("Reason (e.g. Dinas Sosial's list)"), max_length=300)


class EnrolForm(forms.Form):
    on = forms.DateField(
        label=_("Date BPJS TK registered them"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class BillForm(forms.Form):
    month = MonthField(label=_("Month"), widget=MONTH_INPUT)


class PaymentForm(forms.Form):
    amount = AmountField(label=_("Amount (Rp)"), min_value=1)
    paid_on = forms.DateField(
        label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reference = forms.CharField(label=_("Reference (SP2D or transfer number)"), max_length=100)
    bill_month = MonthField(
        label=_("For the bill of (optional)"), widget=MONTH_INPUT, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ScenarioForm(forms.Form):
    """One side of the simulator: a programme's rules with a budget or a quota."""

    programme = forms.ModelChoiceField(
        label=_("Programme (its rules)"), queryset=Programme.objects.all()
    )
    budget = AmountField(label=_("Budget (Rp)"), min_value=1, required=False)
    quota = AmountField(label=_("or quota (workers)"), min_value=1, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("budget") is None) == (data.get("quota") is None):
            raise forms.ValidationError(_("Give either a budget or a quota."))
        return data
