"""PP 50/2025 (reported February 2026): a temporary cut of 50 % ("sebesar 50%", Pasal 4) of BPU
JKK and JKM: transport workers January 2026 to March 2027 (Rp 16.800 → Rp 8.400), other
sectors April to December 2026. Not for BPU whose contributions are paid from APBN or APBD:
assistance programmes pay full price. The months are as the domain brief reports them and are
marked to verify: verified=False until checked against the regulation's text."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import migrations

ROWS = [
    dict(
        segment="bpu", programmes="jkk,jkm", sector="transport", percent=Decimal(50),
        effective_from=date(2026, 1, 1), until=date(2027, 3, 31),
        note="Transport workers, January 2026 to March 2027, as reported. UNVERIFIED months.",
    ),
    dict(
        segment="bpu", programmes="jkk,jkm", sector="other", percent=Decimal(50),
        effective_from=date(2026, 4, 1), until=date(2026, 12, 31),
        note="Other sectors, April to December 2026, as reported. UNVERIFIED months.",
    ),
]  # fmt: skip


def seed(apps: Any, schema_editor: Any) -> None:
    Relief = apps.get_model("contributions", "Relief")
    for row in ROWS:
        Relief.objects.get_or_create(
            segment=row["segment"], sector=row["sector"], effective_from=row["effective_from"],
            defaults=dict(row, regulation="PP 50/2025", article="Pasal 4",
                          public_funds_excluded=True, verified=False),
        )  # fmt: skip


def unseed(apps: Any, schema_editor: Any) -> None:
    apps.get_model("contributions", "Relief").objects.filter(regulation="PP 50/2025").delete()


class Migration(migrations.Migration):
    dependencies = [("contributions", "0004_reliefs")]

    operations = [migrations.RunPython(seed, unseed)]
