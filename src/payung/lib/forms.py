"""Form fields every app shares."""

from __future__ import annotations

from decimal import Decimal
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


class DecimalTextField(forms.DecimalField):
    """A number typed as people type it: `17,2`, `17,2 %`, `78.485` or `0.65`
    (payung.lib.numbers.decimal_or_none). With `percent`, what is typed is a percentage and
    the value kept is the share: `17,2` is 0.172, as coverage is stored everywhere."""

    widget = forms.TextInput

    def __init__(self, *, percent: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 16)
        kwargs.setdefault("decimal_places", 4)
        super().__init__(**kwargs)
        self.percent = percent
        self.error_messages["invalid"] = numbers.decimal_help()

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {"inputmode": "decimal", "autocomplete": "off"}

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        parsed = numbers.decimal_or_none(str(value))
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return (parsed / 100).quantize(Decimal("0.0001")) if self.percent else parsed

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            shown = value * 100 if self.percent else value
            return f"{shown.normalize():f}".replace(".", ",")
        return value
