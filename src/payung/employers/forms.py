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

    def __init__(self, *args: Any, choose_opd: bool, kind: Any, **kwargs: Any) -> None:
        super().__init__(*args, kinds=[kind], **kwargs)
        self.fields["kind"].widget = forms.HiddenInput()
        self.fields["kind"].initial = kind.name
        if not choose_opd:
            del self.fields["opd"]
        else:
            self.fields["opd"].required = True
