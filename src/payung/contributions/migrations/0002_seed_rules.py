"""Seed the contribution rules and benefits, each row with its regulation.

`verified=True` means the figure was checked against the regulation's text or an official
BPJS TK / Kemnaker statement quoting it; every other row says in its note what is uncertain.
Administrators change these through new effective-dated versions in the Django admin.
"""

from datetime import date
from decimal import Decimal as D
from typing import Any

from django.db import migrations
from django.utils.translation import gettext_noop

PP44 = "PP 44/2015"  # JKK and JKM, in force 1 July 2015
PP45 = "PP 45/2015"  # JP
PP46 = "PP 46/2015"  # JHT
PP82 = "PP 82/2019"  # amends PP 44/2015 (benefits), 2 December 2019
PP37 = "PP 37/2021"  # JKP, 2 February 2021
PP6 = "PP 6/2025"  # amends PP 37/2021, in force 7 February 2025

START = date(2015, 7, 1)
JKP_START = date(2021, 2, 2)
JKP_2025 = date(2025, 2, 7)
BENEFITS_2019 = date(2019, 12, 2)

# --- PU: JKK by risk group (PP 44/2015 Pasal 16 and Lampiran I), employer pays -----------
PU_JKK_2015 = {1: "0.24", 2: "0.54", 3: "0.89", 4: "1.27", 5: "1.74"}
# PP 37/2021 Pasal 11 (and PP 6/2025 Pasal 11 ayat (5), restating it): 0.14% of the wage is
# recomposed from JKK into JKP, so each group's JKK rate is 0.14 lower.
PU_JKK_RECOMPOSED = {1: "0.10", 2: "0.40", 3: "0.75", 4: "1.13", 5: "1.60"}

RATES: list[dict[str, Any]] = []
for group, rate in PU_JKK_2015.items():
    RATES.append(
        dict(
            segment="pu", programme="jkk", payer="employer", risk_group=group,
            rate_percent=D(rate), effective_from=START, regulation=PP44,
            article="Pasal 16, Lampiran I", verified=True,
            note="Confirmed: the five rates are quoted in PP 7/2025 Pasal 4 and BPJS TK material.",
        )
    )
for group, rate in PU_JKK_RECOMPOSED.items():
    RATES.append(
        dict(
            segment="pu", programme="jkk", payer="employer", risk_group=group,
            rate_percent=D(rate), effective_from=JKP_START, regulation=PP37,
            article="Pasal 11", verified=True,
            note=f"{PU_JKK_2015[group]}% − 0.14% recomposed into JKP (PP 37/2021 Pasal 11).",
        )
    )
    RATES.append(
        dict(
            segment="pu", programme="jkk", payer="employer", risk_group=group,
            rate_percent=D(rate), effective_from=JKP_2025, regulation=PP6,
            article="Pasal 11 ayat (5)", verified=True,
            note="PP 6/2025 keeps the 0.14% JKK recomposition (text of Pasal 11 ayat (5)).",
        )
    )

RATES += [
    # --- PU: JKM 0.30% of wage, employer (PP 44/2015 Pasal 18) -------------------------
    dict(
        segment="pu", programme="jkm", payer="employer", rate_percent=D("0.30"),
        effective_from=START, regulation=PP44, article="Pasal 18", verified=True,
        note="Rate confirmed; article number not checked against the text.",
    ),
    # PP 37/2021 Pasal 11: 0.10% recomposed from JKM into JKP, so JKM is 0.20%.
    dict(
        segment="pu", programme="jkm", payer="employer", rate_percent=D("0.20"),
        effective_from=JKP_START, regulation=PP37, article="Pasal 11", verified=True,
        note="0.30% − 0.10% recomposed into JKP (PP 37/2021 Pasal 11, as reported of its text).",
    ),
    # PP 6/2025 Pasal 11 ayat (5): JKP is funded by recomposition from JKK only.
    dict(
        segment="pu", programme="jkm", payer="employer", rate_percent=D("0.30"),
        effective_from=JKP_2025, regulation=PP6, article="Pasal 11 ayat (5)", verified=False,
        note="Inferred: PP 6/2025 names only JKK as the recomposition source, so JKM returns "
        "to 0.30%. Not stated in the text seen.",
    ),
    # --- PU: JHT 5.7% = 3.7% employer + 2% worker (PP 46/2015 Pasal 16) -----------------
    dict(
        segment="pu", programme="jht", payer="employer", rate_percent=D("3.70"),
        effective_from=START, regulation=PP46, article="Pasal 16", verified=True,
    ),
    dict(
        segment="pu", programme="jht", payer="worker", rate_percent=D("2.00"),
        effective_from=START, regulation=PP46, article="Pasal 16", verified=True,
    ),
    # --- PU: JP 3% = 2% employer + 1% worker, wage capped (PP 45/2015 Pasal 28, 29) ------
    dict(
        segment="pu", programme="jp", payer="employer", rate_percent=D("2.00"), capped=True,
        effective_from=START, regulation=PP45, article="Pasal 28", verified=True,
    ),
    dict(
        segment="pu", programme="jp", payer="worker", rate_percent=D("1.00"), capped=True,
        effective_from=START, regulation=PP45, article="Pasal 28", verified=True,
    ),
    # --- PU: JKP (PP 37/2021 Pasal 11; PP 6/2025 Pasal 11) -------------------------------
    # Central government pays 0.22% of the wage (capped by the JKP wage cap).
    dict(
        segment="pu", programme="jkp", payer="government", rate_percent=D("0.22"), capped=True,
        effective_from=JKP_START, regulation=PP37, article="Pasal 11", verified=True,
        label="paid by the central government",
    ),
    dict(
        segment="pu", programme="jkp", payer="government", rate_percent=D("0.22"), capped=True,
        effective_from=JKP_2025, regulation=PP6, article="Pasal 11 ayat (4)", verified=True,
        label="paid by the central government",
    ),
    # The recomposed part is money the employer already pays as JKK/JKM, shown on its own
    # line so the employer's total stays the PP 44/2015 total. Computed on the full wage.
    dict(
        segment="pu", programme="jkp", payer="employer", rate_percent=D("0.24"),
        effective_from=JKP_START, regulation=PP37, article="Pasal 11", verified=True,
        label="recomposed from JKK (0.14%) and JKM (0.10%), no extra cost",
        note="Base: full wage, so JKK + JKM + this line equal the PP 44/2015 rates; whether "
        "BPJS TK applies the JKP wage cap to the recomposed part is not settled here.",
    ),
    dict(
        segment="pu", programme="jkp", payer="employer", rate_percent=D("0.14"),
        effective_from=JKP_2025, regulation=PP6, article="Pasal 11 ayat (5)", verified=True,
        label="recomposed from JKK (0.14%), no extra cost",
    ),
    # --- BPU (PP 44/2015 as amended by PP 82/2019; Permenaker 5/2021) -------------------
    dict(
        segment="bpu", programme="jkm", payer="participant", flat_amount=6800,
        effective_from=START, regulation=PP44, article="Pasal 19; Permenaker 5/2021",
        verified=True, note="Rp 6.800 a month, flat; article number not checked.",
    ),
    dict(
        segment="bpu", programme="jht", payer="participant", rate_percent=D("2.00"),
        effective_from=START, regulation=PP46, article="Pasal 17; Permenaker 5/2021",
        verified=False,
        note="2% of the declared income as BPJS TK publishes it; the regulation applies it to "
        "a nominal income from its annex table, which was not found. Article not checked.",
    ),
    # --- Jakon: JKM 0.03% of the contract value, contractor pays ------------------------
    dict(
        segment="jakon", programme="jkm", payer="employer", rate_percent=D("0.03"),
        effective_from=START, regulation=PP44, article="Lampiran; Permenaker 44/2015",
        verified=True, label="paid once by the contractor for the project",
        note="Permenaker 44/2015 was replaced by Permenaker 5/2021 with the same rate [verify].",
    ),
]

BPU_NOTE_UNVERIFIED = (
    "UNVERIFIED. The regulation lists a fixed nominal JKK for each declared-income range "
    "(PP 44/2015 annex as amended by PP 82/2019); that table could not be found. Until an "
    "administrator enters its rows, 1% of the declared income is used, the rate the "
    "nominal amounts follow."
)
BRACKETS: list[dict[str, Any]] = [
    # --- BPU JKK by declared monthly income --------------------------------------------
    dict(
        segment="bpu", programme="jkk", lower=0, upper=1_000_000, fixed_amount=10_000,
        effective_from=START, regulation=PP44, article="Lampiran, as amended by PP 82/2019",
        verified=True,
        note="Lowest bracket: income up to Rp 1.000.000 → JKK Rp 10.000 (BPJS TK's published "
        "example: JKK Rp 10.000 + JKM Rp 6.800 = Rp 16.800).",
    ),
    dict(
        segment="bpu", programme="jkk", lower=1_000_000, upper=20_700_000,
        rate_percent=D("1.00"), rate_over=0, effective_from=START, regulation=PP44,
        article="Lampiran, as amended by PP 82/2019", verified=False, note=BPU_NOTE_UNVERIFIED,
    ),
    dict(
        segment="bpu", programme="jkk", lower=20_700_000, upper=None, fixed_amount=207_000,
        effective_from=START, regulation=PP44, article="Lampiran, as amended by PP 82/2019",
        verified=False,
        note="UNVERIFIED. Press reports give Rp 207.000 as the highest BPU JKK contribution.",
    ),
]
# --- Jakon JKK by contract value (PP 44/2015 Lampiran; Permenaker 44/2015): confirmed in
# the text quoted by the Ministry of Manpower's 2020 clipping on PP 49/2020.
JAKON = [
    (0, 100_000_000, 0, "0.21"),
    (100_000_000, 500_000_000, 210_000, "0.17"),
    (500_000_000, 1_000_000_000, 890_000, "0.13"),
    (1_000_000_000, 5_000_000_000, 1_540_000, "0.11"),
    (5_000_000_000, None, 5_940_000, "0.09"),
]
for lower, upper, fixed, rate in JAKON:
    BRACKETS.append(
        dict(
            segment="jakon", programme="jkk", lower=lower, upper=upper, fixed_amount=fixed,
            rate_percent=D(rate), rate_over=lower, effective_from=START, regulation=PP44,
            article="Lampiran; Permenaker 44/2015", verified=True,
        )
    )

# --- JP wage cap (PP 45/2015 Pasal 29: Rp 7.000.000, raised each March by GDP growth) ----
WAGE_CAPS = [
    ("jp", date(2015, 7, 1), 7_000_000, PP45, "Pasal 29 ayat (2)", True, ""),
    ("jp", date(2016, 3, 1), 7_335_300, PP45, "Pasal 29 ayat (3)", False, "UNVERIFIED figure."),
    ("jp", date(2017, 3, 1), 7_703_500, PP45, "Pasal 29 ayat (3)", False, "UNVERIFIED figure."),
    ("jp", date(2018, 3, 1), 8_094_000, PP45, "Pasal 29 ayat (3)", False, "UNVERIFIED figure."),
    ("jp", date(2019, 3, 1), 8_512_400, PP45, "Pasal 29 ayat (3)", False, "UNVERIFIED figure."),
    ("jp", date(2020, 3, 1), 8_754_600, PP45, "Pasal 29 ayat (3)", False, "UNVERIFIED figure; "
     "kept for 2021 as GDP fell in 2020."),
    ("jp", date(2022, 3, 1), 9_077_600, PP45, "Pasal 29 ayat (3)", False, "UNVERIFIED figure."),
    ("jp", date(2023, 3, 1), 9_559_600, PP45, "Pasal 29 ayat (3)", True,
     "Quoted as the previous cap in BPJS TK's 2024 announcement."),
    ("jp", date(2024, 3, 1), 10_042_300, PP45, "Pasal 29 ayat (3)", True,
     "BPJS TK announcement: 2023 GDP growth 5.05%, from March 2024."),
    ("jp", date(2025, 3, 1), 10_547_400, PP45, "Pasal 29 ayat (3)", False,
     "From the domain brief; equals 10.042.300 × 1.0503 (2024 GDP growth) rounded to "
     "Rp 100, but the announcement text was not found. No 2026 figure was found."),
    ("jkp", JKP_START, 5_000_000, PP37, "Pasal 11", False,
     "UNVERIFIED: the first JKP wage cap as widely reported; not checked against the text."),
]

# --- Benefits (PP 82/2019, amending PP 44/2015) -----------------------------------------
BENEFITS: list[dict[str, Any]] = [
    dict(
        code="jkm-death", programme="jkm", parent=None, position=10,
        name=gettext_noop("Death benefit (death not caused by work)"), amount=42_000_000, per=gettext_noop("once, to the heirs"),
        condition="Death while an active participant, not from a work accident",
        regulation=PP82, article="Pasal 34", verified=True,
        note="Rp 42 juta confirmed in BPJS TK / Kemnaker statements on PP 82/2019; "
        "article number not checked.",
    ),
    dict(
        code="jkm-lump-sum", programme="jkm", parent="jkm-death", position=11,
        name=gettext_noop("Lump sum"), amount=20_000_000, per=gettext_noop("once"), regulation=PP82, article="Pasal 34",
        verified=True,
    ),
    dict(
        code="jkm-periodic", programme="jkm", parent="jkm-death", position=12,
        name=gettext_noop("Periodic benefit, 24 × Rp 500.000 paid at once"), amount=12_000_000, per=gettext_noop("once"),
        regulation=PP82, article="Pasal 34", verified=True,
    ),
    dict(
        code="jkm-funeral", programme="jkm", parent="jkm-death", position=13,
        name=gettext_noop("Funeral costs"), amount=10_000_000, per=gettext_noop("once"), regulation=PP82,
        article="Pasal 34", verified=True,
    ),
    dict(
        code="scholarship", programme="jkm", parent=None, position=20,
        name=gettext_noop("Scholarship for up to 2 children"), amount=174_000_000, per=gettext_noop("at most, for two children"),
        condition="JKM: at least 3 years of contributions; JKK (work-related death or total "
        "disability): no minimum",
        regulation=PP82, article="Pasal 25, 34", verified=True,
        note="Rp 174 juta for two children and the 3-year condition confirmed in press "
        "coverage of PP 82/2019; article numbers not checked.",
    ),
    dict(
        code="scholarship-tk-sd", programme="jkm", parent="scholarship", position=21,
        name=gettext_noop("Kindergarten and primary school (TK/SD)"), amount=1_500_000,
        per=gettext_noop("per child per year"), max_years=8, regulation=PP82, article="Pasal 25",
        verified=False, note="Amount from the brief; the 8-year limit is UNVERIFIED (the "
        "limits are those that add up to Rp 87 juta a child).",
    ),
    dict(
        code="scholarship-smp", programme="jkm", parent="scholarship", position=22,
        name=gettext_noop("Junior secondary school (SMP)"), amount=2_000_000, per=gettext_noop("per child per year"),
        max_years=3, regulation=PP82, article="Pasal 25", verified=False,
        note="Year limit UNVERIFIED.",
    ),
    dict(
        code="scholarship-sma", programme="jkm", parent="scholarship", position=23,
        name=gettext_noop("Senior secondary school (SMA)"), amount=3_000_000, per=gettext_noop("per child per year"),
        max_years=3, regulation=PP82, article="Pasal 25", verified=False,
        note="Year limit UNVERIFIED.",
    ),
    dict(
        code="scholarship-university", programme="jkm", parent="scholarship", position=24,
        name=gettext_noop("University (up to S1)"), amount=12_000_000, per=gettext_noop("per child per year"), max_years=5,
        regulation=PP82, article="Pasal 25", verified=False, note="Year limit UNVERIFIED.",
    ),
    dict(
        code="jkk-treatment", programme="jkk", parent=None, position=30,
        name=gettext_noop("Medical treatment as needed, without a ceiling"), amount=None, per=gettext_noop("as needed"),
        condition="Work accident or occupational disease", regulation=PP82, article="Pasal 25",
        verified=True, note="Article number not checked.",
    ),
    dict(
        code="jkk-wage-while-unable", programme="jkk", parent=None, position=31,
        name=gettext_noop("Wages while temporarily unable to work"), amount=None, per=gettext_noop("month"),
        condition="Until able to work again", regulation=PP82, article="Pasal 25",
        verified=False, note="UNVERIFIED percentages (reported: 100% for 12 months, then 50%).",
    ),
    dict(
        code="jkk-death", programme="jkk", parent=None, position=32,
        name=gettext_noop("Death from a work accident"), amount=None, wage_multiple=48, per=gettext_noop("once, to the heirs"),
        regulation=PP82, article="Pasal 25", verified=True,
        note="48 × the monthly wage; article number not checked.",
    ),
]


def seed(apps: Any, schema_editor: Any) -> None:
    RateRule = apps.get_model("contributions", "RateRule")
    Bracket = apps.get_model("contributions", "Bracket")
    WageCap = apps.get_model("contributions", "WageCap")
    Benefit = apps.get_model("contributions", "Benefit")
    for row in RATES:
        RateRule.objects.get_or_create(
            segment=row["segment"], programme=row["programme"], payer=row["payer"],
            risk_group=row.get("risk_group"), effective_from=row["effective_from"],
            defaults={k: v for k, v in row.items()},
        )
    for row in BRACKETS:
        Bracket.objects.get_or_create(
            segment=row["segment"], programme=row["programme"], lower=row["lower"],
            effective_from=row["effective_from"], defaults=row,
        )
    for programme, start, amount, regulation, article, verified, note in WAGE_CAPS:
        WageCap.objects.get_or_create(
            programme=programme, effective_from=start,
            defaults=dict(amount=amount, regulation=regulation, article=article,
                          verified=verified, note=note),
        )
    for row in BENEFITS:
        values: dict[str, Any] = dict(row)
        parent_code = values.pop("parent")
        values["parent"] = (
            Benefit.objects.get(code=parent_code, effective_from=BENEFITS_2019)
            if parent_code else None
        )
        Benefit.objects.get_or_create(
            code=values["code"], effective_from=BENEFITS_2019, defaults=values,
        )


class Migration(migrations.Migration):
    dependencies = [("contributions", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
