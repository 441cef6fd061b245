"""Why a pair was linked or sent to review: each field's part of the match weight (Splink's
waterfall), written by the run beside the score and read back for the pages.

The run writes one short text per pair (`encode`), `nik=exact:16.0;name=near:6.0;...;
prior=-14.0`: what each field's comparison found and what it weighed (log2 Bayes factors), and
the prior log2 odds. The parts add up to the pair's log2 odds, whose probability is its score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from payung.linkage.probabilistic import FIELDS

FIELD_LABELS: dict[str, Promise] = {
    "nik": _("NIK"),
    "name": _("Name"),
    "dob": _("Birth date"),
    "sex": _("Sex"),
    "place": _("Place"),
    "occupation": _("Occupation"),
}
LEVEL_LABELS: dict[str, dict[str, Promise]] = {
    "nik": {
        "exact": _("the same"),
        "one_edit": _("one digit typed wrong, swapped or left out"),
        "prefix12": _("the first 12 digits agree (Excel rounded the rest)"),
        "two_edit": _("two digits apart"),
        "differ": _("different"),
    },
    "name": {
        "exact": _("the same"),
        "near": _("one letter apart"),
        "part": _("one is the other with a word left off"),
        "weak": _("alike"),
        "word": _("one word in common"),
        "differ": _("different"),
    },
    "dob": {
        "exact": _("the same"),
        "swapped": _("day and month swapped"),
        "placeholder": _("same year, one written as 1 January"),
        "typo": _("one digit apart"),
        "year": _("same year only"),
        "differ": _("different"),
    },
    "sex": {"agree": _("the same"), "differ": _("different")},
    "place": {
        "desa": _("same desa"),
        "kecamatan": _("same kecamatan, another desa"),
        "differ": _("another kecamatan"),
    },
    "occupation": {"agree": _("the same"), "differ": _("different")},
}
MISSING = _("not on both records")
PRIOR_LABEL = _("Before comparing")
PRIOR_FINDING = _("two records taken at random")


def encode(prior_log2_odds: float) -> pl.Expr:
    """The explanation text of each pair of a `probabilistic.weigh` result."""
    parts = [
        pl.format(f"{field}={{}}:{{}}", pl.col(field), pl.col(f"w_{field}").round(2))
        for field in FIELDS
    ]
    return pl.concat_str([*parts, pl.lit(f"prior={prior_log2_odds:.2f}")], separator=";")


@dataclass(frozen=True)
class Part:
    field: str
    label: str
    level: str
    finding: str
    weight: float
    running: float  # the log2 odds after this part


@dataclass(frozen=True)
class Explanation:
    prior: float
    parts: list[Part]
    # The log2 odds from which a pair is linked and from which it is reviewed (engine's).
    link_odds: float | None = None
    review_odds: float | None = None

    @property
    def log2_odds(self) -> float:
        return self.parts[-1].running if self.parts else self.prior

    @property
    def probability(self) -> float:
        return float(1.0 / (1.0 + 2.0 ** (-self.log2_odds)))

    def bars(self) -> list[Bar]:
        """The waterfall: the prior from even odds (0), then each part from where the one
        before ended, on one axis that holds them all and 0, in percent of its width."""
        steps = [(str(PRIOR_LABEL), str(PRIOR_FINDING), 0.0, self.prior)]
        steps += [(p.label, p.finding, p.running - p.weight, p.running) for p in self.parts]
        ends = [0.0] + [v for _l, _f, start, end in steps for v in (start, end)]
        low, high = min(ends), max(ends)
        span = (high - low) or 1.0
        return [
            Bar(
                label=label,
                finding=finding,
                weight=end - start,
                x=round((min(start, end) - low) / span * 100, 2),
                width=round(max(abs(end - start) / span * 100, 0.5), 2),
                zero=round((0.0 - low) / span * 100, 2),
            )
            for label, finding, start, end in steps
        ]


@dataclass(frozen=True)
class Bar:
    label: str
    finding: str
    weight: float
    x: float
    width: float
    zero: float  # where even odds lie

    @property
    def positive(self) -> bool:
        return self.weight >= 0


def decode(
    text: str, *, link_odds: float | None = None, review_odds: float | None = None
) -> Explanation | None:
    """The parts of an explanation text, a field missing on either record weighing 0; None
    for a pair that has none (one a reviewer accepted without it being scored, or stored
    before explanations were kept)."""
    if not text:
        return None
    found: dict[str, tuple[str, float]] = {}
    prior = 0.0
    for item in text.split(";"):
        key, _sep, value = item.partition("=")
        if key == "prior":
            prior = float(value)
        elif key in FIELD_LABELS:
            level, _sep, number = value.partition(":")
            found[key] = (level, float(number))
    parts: list[Part] = []
    running = prior
    for field in FIELDS:
        if field not in found:
            continue
        level, weight = found[field]
        running += weight
        parts.append(
            Part(
                field=field,
                label=str(FIELD_LABELS[field]),
                level=level,
                finding=str(LEVEL_LABELS[field].get(level, MISSING)),
                weight=weight,
                running=running,
            )
        )
    if not math.isfinite(running):
        return None
    return Explanation(prior, parts, link_odds, review_odds)
