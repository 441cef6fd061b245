"""Scores that explain themselves: an indicator's achievement against its target, and the
weighted sums up to action, instruction, OPD and regency.

The method, as the pages state it:
- Higher is better: achievement = realisation / target. Lower is better: target / realisation
  (a target of 0 is met only by 0).
- A milestone is 100 % when done, 0 % when not.
- Achievement is capped at CAP (120 %): over-achieving one indicator cannot hide another.
- An indicator with no target is not scored; the weights of those scored are shared out again
  in proportion, and the page says which were left out. No realisation (nothing reported) scores
  0 %: a missing report must cost the agency.
- Weights at each level must all be given and sum to 100; anything else is an error that names
  the items, never a silent zero (the KKE-SAKIP failure in the monev anchor).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

CAP = Decimal("1.2")
HUNDRED = Decimal(100)
TOLERANCE = Decimal("0.01")  # weights entered to two decimals: 33,33 + 33,33 + 33,34


class WeightError(ValueError):
    """Weights at one level that are missing or do not sum to 100."""


@dataclass(frozen=True)
class Achievement:
    value: Decimal | None  # 0 to CAP; None when it cannot be scored
    reason: str = ""  # why not scored, or what was capped

    @property
    def scored(self) -> bool:
        return self.value is not None


def achievement(
    *,
    milestone: bool,
    higher_is_better: bool,
    target: Decimal | None,
    realisation: Decimal | None,
) -> Achievement:
    if target is None:
        return Achievement(None, _("no target set"))
    if realisation is None:
        return Achievement(Decimal(0), _("nothing reported"))
    if milestone:
        return Achievement(Decimal(1) if realisation >= 1 else Decimal(0))
    if higher_is_better:
        if target <= 0:
            return Achievement(CAP if realisation > 0 else Decimal(1))
        raw = realisation / target
    else:
        if target <= 0:
            return Achievement(Decimal(1) if realisation <= 0 else Decimal(0))
        if realisation <= 0:
            return Achievement(CAP, _("capped at %(cap)s") % {"cap": "120 %"})
        raw = target / realisation
    value = max(Decimal(0), raw)
    if value > CAP:
        return Achievement(CAP, _("capped at %(cap)s") % {"cap": "120 %"})
    return Achievement(value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Part:
    name: str
    weight: Decimal | None  # percent of the level above
    score: Decimal | None  # 0 to CAP; None when not scored


@dataclass
class Weighted:
    score: Decimal | None  # None when nothing at this level could be scored
    left_out: list[str] = field(default_factory=list)  # parts not scored


def check_weights(level: str, parts: Sequence[Part]) -> None:
    missing = [p.name for p in parts if p.weight is None]
    if missing:
        raise WeightError(
            _("%(level)s: no weight for %(names)s") % {"level": level, "names": ", ".join(missing)}
        )
    total = sum((p.weight for p in parts if p.weight is not None), Decimal(0))
    if parts and abs(total - HUNDRED) > TOLERANCE:
        raise WeightError(
            _("%(level)s: the weights sum to %(total)s, not 100")
            % {"level": level, "total": f"{total.normalize():f}".replace(".", ",")}
        )


def weighted(level: str, parts: Sequence[Part]) -> Weighted:
    """The weighted score of `parts` (weights checked first), the weights of the parts not
    scored shared out again among those scored."""
    check_weights(level, parts)
    scored = [p for p in parts if p.score is not None]
    left_out = [p.name for p in parts if p.score is None]
    weight = sum((p.weight for p in scored if p.weight is not None), Decimal(0))
    if not scored or weight == 0:
        return Weighted(None, left_out)
    total = sum(
        (p.score * p.weight for p in scored if p.score is not None and p.weight), Decimal(0)
    )
    return Weighted((total / weight).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP), left_out)
