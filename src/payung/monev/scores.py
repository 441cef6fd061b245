"""A period's scores, from its items and targets, by the method in monev.scoring:

- an item (one OPD, one indicator) scores its achievement against the OPD's target;
- an indicator owned by several OPDs scores the mean of their scored items;
- an action, an instruction and the regency are weighted sums of the level below;
- an OPD's score weighs its own items by the share each indicator carries in the regency
  (indicator weight × action weight × instruction weight), scaled to 100 over its items.

Everything here is read in a few queries and computed in memory: 40 OPDs × 60 indicators is
2.400 items, a millisecond's arithmetic.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from payung.accounts.models import Opd
from payung.monev import scoring
from payung.monev.models import (
    Action,
    Direction,
    Indicator,
    Instruction,
    Kind,
    Period,
    Realisation,
    Snapshot,
    Target,
)
from payung.monev.scoring import Achievement, Part, Weighted, weighted

GREEN = Decimal("0.9")  # at least 90 % of the target
AMBER = Decimal("0.6")  # at least 60 %; below that, red


def method() -> str:
    """The method in one paragraph, as the score pages and the period report state it."""
    return _(
        "Achievement is realisation over target (target over realisation when lower is"
        " better), capped at %(cap)s %%; a milestone is 100 %% when done, 0 %% when not;"
        " nothing reported scores 0 %%. Weights: indicator in action, action in instruction,"
        " instruction in the regency, each level summing to 100; an OPD's score weighs its"
        " own items by the share each carries in the regency."
    ) % {"cap": int(scoring.CAP * 100)}


def light(score: Decimal | None) -> str:
    """The traffic light of an achievement or a score: green, amber, red, or none."""
    if score is None:
        return "none"
    if score >= GREEN:
        return "green"
    return "amber" if score >= AMBER else "red"


@dataclass(eq=False)
class ItemScore:
    """One item's score, from the few columns scoring reads (2.400 of them make the scorecard:
    a whole Realisation each cost more than the scoring). `item`, the whole row, is read by
    `with_items` for the pages that show its narrative, evidence or numbers."""

    pk: int
    indicator: Indicator
    opd: Opd
    value: Decimal | None
    status: str
    computed: bool
    target: Decimal | None
    achievement: Achievement
    share: Decimal  # the indicator's weight in the regency, percent
    item: Realisation | None = None

    @property
    def light(self) -> str:
        return light(self.achievement.value)


@dataclass
class OpdScore:
    opd_id: int
    code: str
    name: str
    score: Decimal | None
    items: list[ItemScore]
    left_out: list[str]
    rank: int | None = None
    previous_rank: int | None = None
    previous_score: Decimal | None = None

    @property
    def light(self) -> str:
        return light(self.score)

    @property
    def score_change(self) -> Decimal | None:
        if self.score is None or self.previous_score is None:
            return None
        return self.score - self.previous_score

    @property
    def rank_change(self) -> int | None:
        """Places gained (positive) or lost since the last period; None when unranked."""
        if self.rank is None or self.previous_rank is None:
            return None
        return self.previous_rank - self.rank


@dataclass
class LevelScore:
    code: str
    name: str
    weight: Decimal | None
    score: Decimal | None
    left_out: list[str]
    parts: list[LevelScore] = field(default_factory=list)

    @property
    def light(self) -> str:
        return light(self.score)


@dataclass
class PeriodScores:
    period: Period
    regency: Weighted
    instructions: list[LevelScore]
    opds: list[OpdScore]  # ranked, best first; the unscored last
    indicators: list[Indicator]
    previous: Period | None = None  # the period the ranks are compared with
    error: str = ""  # weights that do not hold: nothing is scored until they are mended

    def opd(self, code: str) -> OpdScore | None:
        return next((o for o in self.opds if o.code == code), None)


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(
        Decimal("0.0001"), rounding=ROUND_HALF_UP
    )


def _share(indicator: Indicator) -> Decimal:
    action, instruction = indicator.action, indicator.action.instruction
    weights = (indicator.weight, action.weight, instruction.weight)
    if any(w is None for w in weights):
        return Decimal(0)  # check_weights has refused the catalogue already
    return weights[0] * weights[1] * weights[2] / Decimal(10_000)  # type: ignore[operator]


def _scored(
    row: tuple[int, Indicator, Opd, Decimal | None, str, bool],
    target: Decimal | None,
    share: Decimal,
) -> ItemScore:
    pk, indicator, opd, value, status, computed = row
    return ItemScore(
        pk=pk,
        indicator=indicator,
        opd=opd,
        value=value,
        status=status,
        computed=computed,
        target=target,
        achievement=scoring.achievement(
            milestone=indicator.kind == Kind.MILESTONE,
            higher_is_better=indicator.direction == Direction.HIGHER,
            target=target,
            realisation=value,
        ),
        share=share,
    )


def item_scores(period: Period) -> list[ItemScore]:
    """Every item of `period` scored. The few indicators and OPDs are read once and shared by
    the items, and of each item only the columns scoring needs (`with_items` reads the rest
    for the pages that show it)."""
    indicators = {
        i.pk: i for i in Indicator.objects.select_related("action", "action__instruction")
    }
    shares = {pk: _share(i) for pk, i in indicators.items()}
    opds = {o.pk: o for o in Opd.objects.all()}
    targets = {
        (indicator, opd): value
        for indicator, opd, value in Target.objects.filter(period=period).values_list(
            "indicator_id", "opd_id", "value"
        )
    }
    rows = Realisation.objects.filter(period=period).values_list(
        "pk", "indicator_id", "opd_id", "value", "status", "computed"
    )
    return [
        _scored(
            (pk, indicators[indicator], opds[opd], value, status, computed),
            targets.get((indicator, opd)),
            shares[indicator],
        )
        for pk, indicator, opd, value, status, computed in rows
    ]


def with_items(scored: list[ItemScore]) -> list[ItemScore]:
    """`scored` with each whole item and its evidence read, in two queries."""
    found = Realisation.objects.filter(pk__in=[s.pk for s in scored]).prefetch_related("evidence")
    items = {i.pk: i for i in found}
    for s in scored:
        item = items[s.pk]
        item.indicator, item.opd = s.indicator, s.opd
        s.item = item
    return scored


def item_score(item: Realisation) -> ItemScore:
    """One item's score, reading its own target only (an item's page, not the period's)."""
    target = Target.objects.filter(
        indicator_id=item.indicator_id, opd_id=item.opd_id, period_id=item.period_id
    ).first()
    row = (item.pk, item.indicator, item.opd, item.value, item.status, item.computed)
    found = _scored(row, target.value if target else None, _share(item.indicator))
    found.item = item
    return found


def check_catalogue(instructions: list[Instruction]) -> None:
    """Every level's weights given and summing to 100 (scoring.WeightError otherwise)."""
    scoring.check_weights(_("Instructions"), [Part(i.code, i.weight, None) for i in instructions])
    for instruction in instructions:
        actions = list(instruction.actions.all())
        scoring.check_weights(
            _("Instruction %(code)s") % {"code": instruction.code},
            [Part(a.code, a.weight, None) for a in actions],
        )
        for action in actions:
            scoring.check_weights(
                _("Action %(code)s") % {"code": action.code},
                [Part(i.code, i.weight, None) for i in action.indicators.all()],
            )


def _catalogue() -> list[Instruction]:
    return list(
        Instruction.objects.prefetch_related("actions__indicators").order_by("position", "code")
    )


def period_scores(period: Period, previous: Period | None = None) -> PeriodScores:
    """Every score of `period`; ranks compared with `previous` when given."""
    instructions = _catalogue()
    indicators = [i for ins in instructions for a in ins.actions.all() for i in a.indicators.all()]
    try:
        check_catalogue(instructions)
    except scoring.WeightError as exc:
        return PeriodScores(period, Weighted(None), [], [], indicators, previous, str(exc))
    scored = item_scores(period)
    by_indicator: dict[int, list[Decimal]] = defaultdict(list)
    by_opd: dict[int, list[ItemScore]] = defaultdict(list)
    for s in scored:
        by_opd[s.opd.pk].append(s)
        if s.achievement.value is not None:
            by_indicator[s.indicator.pk].append(s.achievement.value)
    levels = []
    for instruction in instructions:
        actions = []
        for action in instruction.actions.all():
            own = list(action.indicators.all())
            parts = [Part(i.code, i.weight, _mean(by_indicator.get(i.pk, []))) for i in own]
            result = weighted(action.code, parts)
            actions.append(_level(action, result, parts, [i.name for i in own]))
        parts = [Part(a.code, a.weight, a.score) for a in actions]
        result = weighted(instruction.code, parts)
        levels.append(
            LevelScore(
                instruction.code,
                instruction.text,
                instruction.weight,
                result.score,
                result.left_out,
                actions,
            )
        )
    regency = weighted(_("Regency"), [Part(lv.code, lv.weight, lv.score) for lv in levels])
    opds = [_opd_score(items) for items in by_opd.values()]
    _rank(opds)
    if previous is not None:
        before = _ranks(previous)
        for o in opds:
            o.previous_rank, o.previous_score = before.get(o.code, (None, None))
    return PeriodScores(period, regency, levels, opds, indicators, previous)


def _ranks(period: Period) -> dict[str, tuple[int | None, Decimal | None]]:
    """Each OPD's rank and score in `period`, by OPD code: as its latest snapshot froze them
    when the period is closed (its account to the Regent, and a read instead of a scoring),
    computed afresh while it is open."""
    frozen = None
    if period.locked:
        frozen = Snapshot.objects.filter(period=period).order_by("-made_at", "-pk").first()
    if frozen is None:
        return {o.code: (o.rank, o.score) for o in period_scores(period).opds}
    return {
        o["code"]: (o["rank"], None if o["score"] is None else Decimal(o["score"]))
        for o in frozen.data["opds"]
    }


def _level(action: Action, result: Weighted, parts: list[Part], names: list[str]) -> LevelScore:
    return LevelScore(
        action.code,
        action.title,
        action.weight,
        result.score,
        result.left_out,
        [LevelScore(p.name, n, p.weight, p.score, []) for p, n in zip(parts, names, strict=True)],
    )


def _opd_score(items: list[ItemScore]) -> OpdScore:
    opd = items[0].opd
    items.sort(key=lambda s: s.indicator.code)
    total = sum((s.share for s in items), Decimal(0))
    parts = [
        Part(s.indicator.code, s.share * 100 / total if total else None, s.achievement.value)
        for s in items
    ]
    if total:  # shares scaled to 100 may sum to 99,99 by rounding: give the rest to the last
        scaled = [p.weight or Decimal(0) for p in parts]
        parts[-1] = Part(parts[-1].name, 100 - sum(scaled[:-1], Decimal(0)), parts[-1].score)
        result = weighted(opd.short_name, parts)
    else:
        result = Weighted(None, [p.name for p in parts])
    return OpdScore(opd.pk, opd.code, opd.short_name, result.score, items, result.left_out)


def _rank(opds: list[OpdScore]) -> None:
    """Best first; equal scores share a rank (1, 2, 2, 4); the unscored are unranked, last."""
    opds.sort(key=lambda o: (o.score is None, -(o.score or 0), o.name))
    rank = 0
    for position, o in enumerate(opds, start=1):
        if o.score is None:
            continue
        if rank == 0 or o.score != opds[position - 2].score:
            rank = position
        o.rank = rank
