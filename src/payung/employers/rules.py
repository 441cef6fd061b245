"""The effective-dated rules the classification applies, each citing its regulation. Seeded by
migration 0003 and kept as rows, so a new rule is a new row and the old one stays.

- Programmes by business scale: Perpres 109/2013 on the staging of participation, Pasal 6:
  large and medium businesses register their workers in JKK, JKM, JHT and JP; small ones in
  JKK, JKM and JHT; micro ones in JKK and JKM. Transcribed from memory of the text: to verify
  against the official PDF (verified=False).
- Minimum wage: the Gorontalo provincial minimum wage (UMP), which binds Boalemo where no UMK
  is set. The figures are as the press reported the Governor's decrees: to verify.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

PERPRES_109 = "Perpres 109/2013 tentang Penahapan Kepesertaan Program Jaminan Sosial"
PROGRAMME_RULES = [
    ("besar", "JKK,JKM,JHT,JP"),
    ("menengah", "JKK,JKM,JHT,JP"),
    ("kecil", "JKK,JKM,JHT"),
    ("mikro", "JKK,JKM"),
]
PROGRAMMES_FROM = dt.date(2015, 7, 1)  # JHT and JP under BPJS TK from 1 July 2015
MINIMUM_WAGES = [
    ("75", dt.date(2024, 1, 1), 3_025_100, "Keputusan Gubernur Gorontalo (UMP 2024), per press"),
    ("75", dt.date(2025, 1, 1), 3_221_731, "Keputusan Gubernur Gorontalo (UMP 2025), per press"),
]


def seed(apps: Any, schema_editor: Any) -> None:
    rule = apps.get_model("employers", "ProgrammeRule")
    wage = apps.get_model("employers", "MinimumWage")
    for scale, programs in PROGRAMME_RULES:
        rule.objects.get_or_create(
            scale=scale,
            effective_from=PROGRAMMES_FROM,
            defaults={
                "programs": programs, "regulation": PERPRES_109, "article": "Pasal 6",
                "verified": False,
                "note": "Transcribed from memory of the text: check the official PDF.",
            },
        )  # fmt: skip
    for region, start, amount, regulation in MINIMUM_WAGES:
        wage.objects.get_or_create(
            region_code=region,
            effective_from=start,
            defaults={
                "amount": amount, "regulation": regulation, "verified": False,
                "note": "As reported in the press; check the decree.",
            },
        )  # fmt: skip
