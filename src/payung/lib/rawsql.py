"""Values as a raw cursor returns them on either engine, for the few hot reads written out in
SQL instead of built by the ORM (the permit check and its token, called many times a second
by the licensing system): the ORM's converters are skipped there, so the engine's own types
come back."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


def moment(value: dt.datetime | str | None) -> dt.datetime | None:
    """A timestamp: PostgreSQL gives an aware datetime, SQLite the UTC text Django stored."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def document(value: Any) -> Any:
    """A JSON column: SQLite (and Django's PostgreSQL connection) give its text."""
    return json.loads(value) if isinstance(value, str) else value
