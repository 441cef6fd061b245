"""A worker saved one field at a time is still marked changed: whether the registry changed
since an import or a linkage run is read from updated_at (imports.repeat.table_state)."""

from __future__ import annotations

import datetime as dt

import pytest

from payung.imports.repeat import table_state
from payung.registry.models import Worker

pytestmark = pytest.mark.usefixtures("regions")


def test_saving_some_fields_moves_updated_at_and_the_registry_state() -> None:
    worker = Worker.objects.create(
        name="Yanti Mohamad", desa_id="75.02.01.2004", batch_id=1, source_file="x", source_row=2
    )
    long_ago = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    Worker.objects.filter(pk=worker.pk).update(updated_at=long_ago)
    before = table_state(Worker)
    worker.phone = "081234567890"
    worker.save(update_fields=["phone"])
    worker.refresh_from_db()
    assert worker.updated_at > long_ago
    assert table_state(Worker) != before
