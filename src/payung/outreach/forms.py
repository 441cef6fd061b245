from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from payung.accounts.models import Opd
from payung.assistance import selectors as assistance
from payung.lib.forms import AmountField
from payung.outreach.models import PledgeKind
from payung.regions.selectors import region_tree

BPJS = "bpjs"


def _date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))


class EventForm(forms.Form):
    held_on = _date(_("date"))
    desa = forms.ChoiceField(label=_("desa"))
    organiser = forms.ChoiceField(label=_("organiser"))
    title = forms.CharField(label=_("topic"), max_length=200)
    attendees = AmountField(label=_("attendees"), min_value=1)
    niks = forms.CharField(
        label=_("attendance list (NIKs)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: the attendees' NIKs, one a line or between commas."),
    )

    def __init__(self, *args: Any, organisers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tree = region_tree(str(settings.PAYUNG_REGENCY))
        desa = self.fields["desa"]
        assert isinstance(desa, forms.ChoiceField)
        desa.choices = [
            (k.display_name, [(d.code, d.display_name) for d in k.desa_list])  # type: ignore[attr-defined]
            for k in tree
        ]
        organiser = self.fields["organiser"]
        assert isinstance(organiser, forms.ChoiceField)
        organiser.choices = organisers


def organiser_choices(opd: Opd | None, bpjs: bool) -> list[tuple[str, str]]:
    """Whom a user may name as organiser: an agency operator its own agency, a BPJS officer
    BPJS TK, Bappeda and Administrators anyone."""
    if opd is not None:
        return [(opd.code, opd.short_name)]
    if bpjs:
        return [(BPJS, "BPJS TK")]
    return [(BPJS, "BPJS TK"), *[(o.code, o.short_name) for o in Opd.objects.all()]]


class PledgeForm(forms.Form):
    company = forms.CharField(label=_("company"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=PledgeKind.choices)
    amount = AmountField(label=_("amount (Rp)"), min_value=1)
    workers = AmountField(label=_("workers pledged"), min_value=1)
    starts = _date(_("from"))
    ends = _date(_("until"))
    programme = forms.ChoiceField(label=_("programme"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programme = self.fields["programme"]
        assert isinstance(programme, forms.ChoiceField)
        programme.choices = [("", "–")] + [(str(p.pk), p.name) for p in assistance.programmes()]
