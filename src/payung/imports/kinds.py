"""The kinds of file the import machinery takes, each registered by the app that owns its
records (registry: workers, participants: BPJS TK exports; later employers, construction
projects, staff lists and claims). The machinery names none of them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from payung.imports.errors import ImportRefused
from payung.imports.prepare import Prepared
from payung.jobs.events import Event

if TYPE_CHECKING:
    from payung.accounts.models import User


@dataclass(frozen=True)
class ImportKind:
    name: str  # as typed after `payung import` and stored on the batch
    label: str | Promise
    synonyms: dict[str, list[str]]  # field -> the headers it goes by
    required: tuple[str, ...]  # fields without which no row can be a record
    # The file validated in parts, in order (the table, field -> column, file name, scope).
    prepare: Callable[[pl.DataFrame, dict[str, str], str, str], Iterator[Prepared]]
    # Writes the parts' accepted rows (parts, batch, rows in the file): inserted, updated, same.
    write: Callable[[Iterable[pl.DataFrame], int, int], tuple[int, int, int]]
    changed: Event  # announced inside the import's transaction
    action: str  # the permission (accounts.permissions) to import it
    # What a file of this kind belongs to when the rows do not say (an agency's staff list:
    # the agency's code), in words; empty for a kind whose rows stand alone. A scoped kind's
    # file is imported with its scope, and a re-import replaces that scope's list.
    scope: str | Promise = ""
    # Uploaded from its own app's page (which checks what the upload page cannot, such as
    # whose list it is), not from the import page; its batches still show there.
    own_page: bool = False
    # Everything besides the file that decides what importing it does, as text that changes
    # whenever any of it does (the desa list, the rows the table holds), for the importing
    # user; None where a repeat is not allowed (imports.repeat). A kind without it is always
    # validated in full.
    state: Callable[[User | None], str | None] | None = None


KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> None:
    KINDS[kind.name] = kind


def get(name: str) -> ImportKind:
    try:
        return KINDS[name]
    except KeyError:
        raise ImportRefused(
            _("Unknown kind of file %(kind)r. Kinds: %(kinds)s")
            % {"kind": name, "kinds": ", ".join(KINDS)}
        ) from None


def label(name: str) -> str:
    kind = KINDS.get(name)
    return str(kind.label) if kind else name
