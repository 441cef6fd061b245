"""Match the headers people actually write to Payung's fields.

Headers are compared after folding case, punctuation and spaces ("Tgl. Lahir" == "tgl_lahir"),
against the Indonesian and English names each field goes by. `--map FIELD=COLUMN` overrides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from payung.imports.errors import ImportRefused

# Columns every list of people has, whatever its kind: the kinds' synonyms start from these.
NIK_HEADERS = [
    "nik",
    "no ktp",
    "nomor ktp",
    "no nik",
    "nomor nik",
    "nomor induk kependudukan",
    "ktp",
]
BIRTH_DATE_HEADERS = ["tanggal lahir", "tgl lahir", "tgllahir", "tanggal lhr", "birth date", "dob"]


def fold(header: str) -> str:
    """`Tgl. Lahir`, `TGL_LAHIR` and ` tgl  lahir ` all become `tgl lahir`."""
    return re.sub(r"[^0-9a-z]+", " ", header.lower()).strip()


@dataclass
class ColumnMatch:
    columns: dict[str, str]  # field -> column in the file
    ignored: list[str] = field(default_factory=list)


def match_columns(
    headers: list[str],
    synonyms: dict[str, list[str]],
    required: tuple[str, ...],
    overrides: dict[str, str],
) -> ColumnMatch:
    unknown_fields = sorted(set(overrides) - set(synonyms))
    if unknown_fields:
        raise ImportRefused(
            _("Unknown field in --map: %(fields)s. Fields: %(known)s")
            % {"fields": ", ".join(unknown_fields), "known": ", ".join(synonyms)}
        )
    by_fold = {fold(h): h for h in headers}
    columns: dict[str, str] = {}
    for name, column in overrides.items():
        actual = column if column in headers else by_fold.get(fold(column))
        if actual is None:
            raise ImportRefused(
                _("Column %(column)r given for %(field)s is not in the file. Columns: %(columns)s")
                % {"column": column, "field": name, "columns": ", ".join(headers)}
            )
        columns[name] = actual
    taken = set(columns.values())
    for name, names in synonyms.items():
        if name in columns:
            continue
        for candidate in names:
            header = by_fold.get(candidate)
            if header is not None and header not in taken:
                columns[name] = header
                taken.add(header)
                break
    missing = [f for f in required if f not in columns]
    if missing:
        raise ImportRefused(
            _(
                "No column found for %(fields)s. Columns in the file: %(columns)s. "
                "Name it with --map FIELD=COLUMN (or the column choice on the upload page)."
            )
            % {"fields": ", ".join(missing), "columns": ", ".join(headers) or "-"}
        )
    return ColumnMatch(columns=columns, ignored=[h for h in headers if h not in taken])
