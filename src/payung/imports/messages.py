"""What each problem code means, in words the village office can act on."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from payung.accounts.masking import mask_birth_date, mask_niks_in
from payung.imports.prepare import keeps_stored

MESSAGES: dict[str, Promise] = {
    "empty_row": _("Empty row."),
    "name_missing": _("Name is empty: a row without a name cannot be a record."),
    "desa_missing": _("Village (desa) is empty."),
    "desa_unknown": _("Village %(value)r is not a desa of this regency (code or name)."),
    "desa_ambiguous": _("Village name %(value)r exists in more than one kecamatan: use its code."),
    "kpj_missing": _("KPJ (participant number) is empty."),
    "kpj_invalid": _("KPJ %(value)r is not 11 digits."),
    "kpj_duplicate_in_file": _("KPJ %(value)r appears earlier in this file; this row is skipped."),
    "birth_date_invalid": _("Birth date %(value)r is not a date (use dd-mm-yyyy)."),
    "last_paid_invalid": _("Last paid month %(value)r is not a month (use yyyy-mm or mm-yyyy)."),
    "sex_invalid": _("Sex %(value)r is not L or P."),
    "income_invalid": _("Income %(value)r is not an amount in rupiah."),
    "decile_invalid": _("Decile %(value)r is not a number from 1 to 10."),
    "dependants_invalid": _(
        "Dependants (tanggungan) %(value)r is not a whole number from 0 to 30."
    ),
    "segment_unknown": _("Segment %(value)r is not PU, BPU or Jakon."),
    "status_unknown": _("Status %(value)r is not AKTIF or NON AKTIF."),
    "nik_missing": _("NIK is empty; the worker is kept and linked by name, birth date and place."),
    "nik_excel_scientific": _(
        "NIK %(value)r was turned into a number by Excel (scientific notation): digits are lost. "
        "Format the NIK column as Text and type it again."
    ),
    "nik_excel_numeric": _(
        "NIK %(value)r was stored by Excel as a number, which keeps only 15 digits: the last "
        "digit is probably wrong. Format the NIK column as Text."
    ),
    "nik_not_digits": _("NIK %(value)r contains characters other than digits."),
    "nik_length_15": _("NIK %(value)r has 15 digits: one digit is missing (typing or Excel)."),
    "nik_wrong_length": _("NIK %(value)r does not have 16 digits."),
    "nik_serial_zero": _(
        "NIK %(value)r ends in 0000, which no NIK does: typical of Excel rounding the number."
    ),
    "nik_unknown_area": _("NIK %(value)r does not start with a known kecamatan code."),
    "nik_bad_birth_date": _("NIK %(value)r does not encode a real birth date (digits 7-12)."),
    "nik_sex_mismatch": _(
        "NIK %(value)r says the other sex (women have 40 added to the birth day)."
    ),
    "nik_birth_date_mismatch": _("NIK %(value)r does not match the birth date column."),
    "nik_duplicate_in_file": _("NIK %(value)r appears earlier in this file for another row."),
}


def register_messages(messages: dict[str, Promise]) -> None:
    """The words for the problem codes a kind of file of another app adds (its importer)."""
    MESSAGES.update(messages)


KEPT_NOTE = _("The value stored before, if there is one, is kept.")


def describe(code: str, value: str, *, severity: str = "", field: str = "") -> str:
    template = MESSAGES.get(code)
    text = code if template is None else str(template) % {"value": value}
    return f"{text} {KEPT_NOTE}" if keeps_stored(severity, field) else text


def shown_value(field: str, value: str, full_nik: bool) -> str:
    """An issue's value as a role without `nik.see_full` may see it quoted: any NIK in it
    masked, a birth date down to its year. A wrong sex (X, 3) says nothing of the person."""
    if full_nik:
        return value
    return mask_birth_date(value) if field == "birth_date" else mask_niks_in(value)
