from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from payung.imports.errors import ImportRefused
from payung.imports.kinds import ImportKind
from payung.imports.limits import Limits, check_upload_size


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of file"))
    file = forms.FileField(label=_("File (.xlsx, .xls, .ods or .csv)"))
    sheet = forms.CharField(
        label=_("Sheet (optional)"),
        required=False,
        max_length=100,
        help_text=_(
            "Leave empty to import every sheet that holds data, each as its own batch (one "
            "sheet per desa, say); or name the one sheet to import."
        ),
    )
    column_map = forms.CharField(
        label=_("Column names (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "nik=No. KTP"}),
        help_text=_("One FIELD=COLUMN per line, for headers Payung does not recognise."),
    )

    def __init__(self, *args: Any, kinds: list[ImportKind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ChoiceField)
        kind_field.choices = [(k.name, k.label) for k in kinds]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt")):
            raise forms.ValidationError(
                _("Choose an Excel (.xlsx, .xls), OpenDocument (.ods) or CSV (.csv) file.")
            )
        try:  # refused before the file waits for the worker; read_table checks again
            check_upload_size(upload.size, Limits.configured())
        except ImportRefused as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload

    def clean_sheet(self) -> str:
        return str(self.cleaned_data["sheet"]).strip()

    def clean_column_map(self) -> dict[str, str]:
        overrides = {}
        for line in self.cleaned_data["column_map"].splitlines():
            if not line.strip():
                continue
            field, sep, column = line.partition("=")
            if not sep or not field.strip() or not column.strip():
                raise forms.ValidationError(
                    _("Write each line as FIELD=COLUMN, e.g. nik=No. KTP (line: %(line)s)")
                    % {"line": line}
                )
            overrides[field.strip()] = column.strip()
        return overrides
