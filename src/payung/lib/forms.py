"""Form fields every app shares."""

from __future__ import annotations

from typing import Any

from django import forms

from payung.lib import numbers


class AmountField(forms.IntegerField):
    """A whole amount of rupiah or a count, typed as people type it: `1.500.000`,
    `Rp 1.500.000` or `1500000` (payung.lib.numbers, the importer's own rule). A text box, not
    a number box: a browser's number box refuses the dots and empties the field. A stored
    value is shown grouped, 1.500.000."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.error_messages["invalid"] = numbers.amount_help()

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return super().widget_attrs(widget) | {"inputmode": "decimal", "autocomplete": "off"}

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        parsed = numbers.amount_or_none(str(value))
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed

    def prepare_value(self, value: Any) -> Any:
        return numbers.grouped(value) if isinstance(value, int) else value
