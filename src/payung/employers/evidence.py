"""A finding's evidence (the figures the classification compared) in words and numbers as
the office reads them, for the pages, the permit check and the letters."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from payung.lib.numbers import grouped, rupiah

# A finding's evidence, in words (the finding keeps the keys).
EVIDENCE_LABELS = {
    "npp": gettext_lazy("NPP"),
    "declared_workers": gettext_lazy("workers declared to DPMPTSP"),
    "registered_workers": gettext_lazy("workers registered with BPJS TK"),
    "participants_active": gettext_lazy("active participants with the NPP"),
    "declared_wages": gettext_lazy("wages declared, a month"),
    "reported_wages": gettext_lazy("wages reported to BPJS TK, a month"),
    "average_wage": gettext_lazy("average wage reported"),
    "minimum_wage": gettext_lazy("minimum wage"),
    "minimum_region": gettext_lazy("minimum wage of region"),
    "minimum_from": gettext_lazy("in force from"),
    "minimum_regulation": gettext_lazy("set by"),
    "scale": gettext_lazy("business scale"),
    "required": gettext_lazy("programmes required"),
    "registered_in": gettext_lazy("programmes registered"),
    "missing": gettext_lazy("missing"),
    "months": gettext_lazy("months in arrears"),
}


RUPIAH = {"declared_wages", "reported_wages", "average_wage", "minimum_wage"}


def described(evidence: dict[str, object]) -> list[tuple[str, str]]:
    """A finding's evidence as (words, value as written) pairs: Rp 3.221.731, 12."""
    shown = []
    for key, value in evidence.items():
        if value is None:
            continue  # a figure the data did not give
        if key in RUPIAH and isinstance(value, int | float):
            text = rupiah(value)
        elif isinstance(value, int):
            text = grouped(value)
        else:
            text = str(value)
        shown.append((str(EVIDENCE_LABELS.get(key, key)), text))
    return shown
