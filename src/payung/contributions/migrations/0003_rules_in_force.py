"""The rules brought to the regulations in force (issue 18), each a new effective-dated row
citing its source; the rows before are kept for the dates they cover.

- BPU JKK: the Lampiran II table of PP 44/2015 as amended, 33 income bands each mapped to a
  contribution base, JKK 1 % of the base, as the domain brief transcribes it from a public BPU
  simulator. Not yet checked against the official PDF: verified=False. Its start is assumed to
  be PP 82/2019's (2 December 2019), the amendment the earlier rows cite; before it, the rows
  of 0002 (1 % of the declared income) still apply.
- JP wage cap from 1 March 2026: Rp 11.086.300 (SE B/1226/022026, +5,11 %); the 2025 cap's
  source is now known (SE B/726/022025), so that row is marked verified (its figure unchanged).

JKP after PP 6/2025 (0,22 % government + 0,14 % recomposed from JKK) was seeded in 0002.
"""

from datetime import date
from typing import Any

from django.db import migrations

PP82_START = date(2019, 12, 2)
REGULATION = "PP 44/2015"
# Shown on the calculator page beside the regulation: written as the regency reads it.
ARTICLE = "Lampiran II, terakhir diubah dengan PP 49/2023"
NOTE = (
    "Income band → contribution base, JKK 1 % of the base, as a public BPU simulator "
    "transcribes the table (domain brief). UNVERIFIED against the official Lampiran II; the "
    "start date is assumed (PP 82/2019's). The lowest row (Rp 10.000) is confirmed."
)


def bpu_jkk_bands() -> list[tuple[int, int | None, int]]:
    """(above, up to and including, base) for each of the 33 bands, in rupiah."""
    bands: list[tuple[int, int | None, int]] = [(0, 1_099_999, 1_000_000)]
    lower = 1_100_000
    for step, count, base in ((200_000, 8, 1_200_000), (500_000, 11, 2_950_000),
                              (1_000_000, 12, 8_700_000)):  # fmt: skip
        for n in range(count):
            bands.append((lower - 1, lower + step - 1, base + n * step))
            lower += step
    bands.append((lower - 1, None, 20_700_000))  # Rp 20.200.000 and above
    return bands


def seed(apps: Any, schema_editor: Any) -> None:
    Bracket = apps.get_model("contributions", "Bracket")
    WageCap = apps.get_model("contributions", "WageCap")
    for above, upper, base in bpu_jkk_bands():
        Bracket.objects.get_or_create(
            segment="bpu", programme="jkk", lower=above, effective_from=PP82_START,
            defaults=dict(
                upper=upper, fixed_amount=base // 100, regulation=REGULATION, article=ARTICLE,
                verified=above == 0, note=NOTE,
            ),
        )  # fmt: skip
    WageCap.objects.get_or_create(
        programme="jp", effective_from=date(2026, 3, 1),
        defaults=dict(
            amount=11_086_300, regulation="PP 45/2015",
            article="Pasal 29 ayat (3); SE B/1226/022026", verified=True,
            note="From 1 March 2026, +5,11 % (the domain brief, citing the circular).",
        ),
    )  # fmt: skip
    WageCap.objects.filter(programme="jp", effective_from=date(2025, 3, 1)).update(
        article="Pasal 29 ayat (3); SE B/726/022025",
        verified=True,
        note="From 1 March 2025 (the domain brief, citing the circular).",
    )


def unseed(apps: Any, schema_editor: Any) -> None:
    apps.get_model("contributions", "Bracket").objects.filter(
        segment="bpu", programme="jkk", effective_from=PP82_START
    ).delete()
    apps.get_model("contributions", "WageCap").objects.filter(
        programme="jp", effective_from=date(2026, 3, 1)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("contributions", "0002_seed_rules")]

    operations = [migrations.RunPython(seed, unseed)]
