from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

COVER_CHOICES = [("", _("all")), ("tercakup", _("covered")), ("belum", _("not covered"))]


class SearchForm(forms.Form):
    """The search box and its filters, read from the query string: a search is a link a clerk
    can keep or send."""

    q = forms.CharField(label=_("Name or NIK"), required=False, max_length=100)
    wilayah = forms.ChoiceField(label=_("Kecamatan or desa"), required=False)
    pekerjaan = forms.ChoiceField(label=_("Occupation"), required=False)
    desil = forms.TypedChoiceField(
        label=_("Decile"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("all")), *((str(d), str(d)) for d in range(1, 11))],
    )
    status = forms.ChoiceField(label=_("Cover"), required=False, choices=COVER_CHOICES)

    def __init__(
        self,
        *args: object,
        regions: list[tuple[str, str]],
        occupations: list[str],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        region = self.fields["wilayah"]
        assert isinstance(region, forms.ChoiceField)
        region.choices = [("", _("the whole regency")), *regions]
        trade = self.fields["pekerjaan"]
        assert isinstance(trade, forms.ChoiceField)
        trade.choices = [("", _("all")), *((o, o) for o in occupations)]


class WorkListForm(SearchForm):
    """The uncovered list's filters: the search's, without the box and the cover choice (the
    list is of the uncovered), with an order."""

    urut = forms.ChoiceField(
        label=_("Order by"),
        required=False,
        choices=[("nama", _("name")), ("desa", _("desa")), ("desil", _("decile")),
                 ("pekerjaan", _("occupation"))],
    )  # fmt: skip

    def __init__(self, *args: object, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["q"]
        del self.fields["status"]
