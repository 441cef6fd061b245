"""Dana Desa and BPJS TK contributions, by year (domain brief, "Funding sources"):

- 2024: not allowed for the contributions of village heads, officials or vulnerable
  villagers: they are the regency's, from APBD (SE Kemendes PDTT 4/PRI.00/I/2024).
- 2025: no rule found that lifts it, so the 2024 rule stays in force (the version in force is
  the latest on or before the year).
- From 2026: allowed under Permendes PDTT 16/2025, notably through Padat Karya Tunai Desa; the
  share of the fund it may take is not verified.
"""

from datetime import date
from typing import Any

from django.db import migrations

RULES = [
    dict(
        source="dana_desa", effective_from=date(2024, 1, 1), allowed=False,
        regulation="SE Kemendes PDTT 4/PRI.00/I/2024", verified=True,
        note="Contributions of village heads, officials and vulnerable villagers are the "
        "regency's, from APBD. No later rule found for 2025: this one stays in force then.",
    ),
    dict(
        source="dana_desa", effective_from=date(2026, 1, 1), allowed=True,
        regulation="Permendes PDTT 16/2025", article="Padat Karya Tunai Desa", verified=True,
        note="Allowed from 2026, notably through Padat Karya Tunai Desa. UNVERIFIED: the share "
        "of the village fund it may take.",
    ),
]  # fmt: skip


def seed(apps: Any, schema_editor: Any) -> None:
    FundingRule = apps.get_model("assistance", "FundingRule")
    for row in RULES:
        FundingRule.objects.get_or_create(
            source=row["source"], effective_from=row["effective_from"], defaults=row
        )


def unseed(apps: Any, schema_editor: Any) -> None:
    apps.get_model("assistance", "FundingRule").objects.filter(source="dana_desa").delete()


class Migration(migrations.Migration):
    dependencies = [("assistance", "0003_funding_rules")]

    operations = [migrations.RunPython(seed, unseed)]
