from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from payung.accounts.models import Opd
from payung.imports.forms import UploadForm


class StaffUploadForm(UploadForm):
    """A staff list's file; the agency is asked for only when the user may choose it."""

    opd = forms.ModelChoiceField(
        label=_("Agency"), queryset=Opd.objects.order_by("short_name"), required=False
    )

    election = forms.CharField(
        label=_("Election"),
        max_length=30,
        required=False,
        help_text=_("e.g. Pilkada 2024: a later list of the same election replaces it."),
    )

    def __init__(
        self, *args: Any, choose_opd: bool, election: bool = False, kind: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, kinds=[kind], **kwargs)
        if election:
            self.fields["election"].required = True
        else:
            del self.fields["election"]
        self.fields["kind"].widget = forms.HiddenInput()
        self.fields["kind"].initial = kind.name
        if not choose_opd:
            del self.fields["opd"]
        else:
            self.fields["opd"].required = True


class StepForm(forms.Form):
    step = forms.ChoiceField(label=_("Step"))
    deadline = forms.DateField(
        label=_("Deadline for the business"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: the usual days for this step."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, steps: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["step"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = steps
