"""The one contribution calculator every page, command, budget and letter uses.

Every figure comes from the effective-dated tables (``selectors``), never from a constant
here; this module only applies them. Each line carries the regulation it came from.

Rounding: regulations state rates and nominal sums, not a rounding rule; each line is
rounded to whole rupiah, half up, per month (as BPJS TK bills), then multiplied by months.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from payung.contributions import selectors
from payung.contributions.models import Bracket, Payer, Programme, RateRule, Sector, Segment
from payung.lib import numbers

PROGRAMME_ORDER = [p.value for p in Programme]
PAYER_ORDER = [p.value for p in Payer]

# Which programmes a segment may take and which of them are mandatory: PP 44/2015 Pasal 6
# (PU: JKK + JKM; JHT by PP 46/2015, JP by PP 45/2015, JKP by PP 37/2021), BPU: JKK + JKM
# mandatory, JHT optional (Permenaker 5/2021); Jakon: JKK + JKM (PP 44/2015, Permenaker
# 5/2021). These are the law's structure, not rates, so they live in code.
SEGMENT_PROGRAMMES: dict[str, tuple[list[str], list[str]]] = {
    Segment.PU: (["jkk", "jkm", "jht", "jp", "jkp"], ["jkk", "jkm"]),
    Segment.BPU: (["jkk", "jkm", "jht"], ["jkk", "jkm"]),
    Segment.JAKON: (["jkk", "jkm"], ["jkk", "jkm"]),
}
MAX_MONTHS = 12


class ContributionError(ValueError):
    """An input the rules cannot price: the message is shown to the user as it is."""


@dataclass(frozen=True)
class Line:
    programme: str
    payer: str
    amount: int  # whole rupiah for the whole period (monthly amount × months)
    monthly_amount: int
    base: int  # the wage, income or contract value the line was computed on, after any cap
    rate_percent: Decimal | None
    regulation: str
    verified: bool
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "programme": str(self.programme),
            "payer": str(self.payer),
            "amount": self.amount,
            "monthly_amount": self.monthly_amount,
            "base": self.base,
            "rate_percent": None if self.rate_percent is None else str(self.rate_percent),
            "regulation": self.regulation,
            "verified": self.verified,
            "note": self.note,
        }


@dataclass(frozen=True)
class Calculation:
    segment: str
    on_date: datetime.date
    months: int
    inputs: dict[str, Any]
    lines: tuple[Line, ...] = field(default_factory=tuple)

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def monthly_total(self) -> int:
        return sum(line.monthly_amount for line in self.lines)

    def total_for(self, payer: str) -> int:
        return sum(line.amount for line in self.lines if line.payer == payer)

    def amount_of(self, programme: str, payer: str | None = None) -> int:
        return sum(
            line.amount
            for line in self.lines
            if line.programme == programme and (payer is None or line.payer == payer)
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "segment": str(self.segment),
            "date": self.on_date.isoformat(),
            "months": self.months,
            "inputs": self.inputs,
            "lines": [line.as_dict() for line in self.lines],
            "total": self.total,
            "monthly_total": self.monthly_total,
            "total_by_payer": {
                p: self.total_for(p) for p in PAYER_ORDER if any(ln.payer == p for ln in self.lines)
            },
        }


def rp(amount: int) -> str:
    """Rupiah as Indonesians write it: Rp 1.500.000 (payung.lib.numbers, the one format)."""
    return numbers.rupiah(amount)


def _rupiah(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _percent_of(base: int, rate_percent: Decimal) -> int:
    return _rupiah(Decimal(base) * rate_percent / Decimal(100))


def _whole_rupiah(value: Any, what: str) -> int:
    try:
        number = Decimal(str(value))
    except ArithmeticError as exc:
        raise ContributionError(
            _("%(what)s must be a number of rupiah, got %(value)r") % {"what": what, "value": value}
        ) from exc
    if not number.is_finite() or number != number.to_integral_value():
        raise ContributionError(
            _("%(what)s must be a whole number of rupiah, got %(value)r")
            % {"what": what, "value": value}
        )
    if number <= 0:
        raise ContributionError(
            _("%(what)s must be more than Rp 0, got %(value)s") % {"what": what, "value": value}
        )
    return int(number)


def _day(on_date: datetime.date | None) -> datetime.date:
    return on_date or timezone.localdate()


def _programmes(segment: str, programs: Iterable[str] | None) -> list[str]:
    allowed, mandatory = SEGMENT_PROGRAMMES[segment]
    if programs is None:
        return list(allowed if segment == Segment.PU else mandatory)
    chosen = [p.strip().lower() for p in programs if p.strip()]
    unknown = [p for p in chosen if p not in allowed]
    if unknown:
        raise ContributionError(
            _("programme %(unknown)s is not open to %(segment)s; choose from %(allowed)s")
            % {"unknown": ", ".join(unknown), "segment": segment.upper(),
               "allowed": ", ".join(allowed)}
        )  # fmt: skip
    missing = [p for p in mandatory if p not in chosen]
    if missing:
        raise ContributionError(
            _("%(missing)s is mandatory for %(segment)s")
            % {"missing": ", ".join(m.upper() for m in missing), "segment": segment.upper()}
        )
    return [p for p in allowed if p in chosen]


def _rate_line(rule: RateRule, base: int, on_date: datetime.date, months: int) -> Line:
    note = rule.label
    if rule.flat_amount is not None:
        monthly = int(rule.flat_amount)
        used_base = base
    else:
        used_base = base
        if rule.capped:
            cap = selectors.wage_cap_in_force(rule.programme, on_date)
            if cap is None:
                raise ContributionError(
                    _("no %(programme)s wage cap is in force on %(date)s")
                    % {"programme": rule.programme.upper(), "date": on_date.isoformat()}
                )
            if base > cap.amount:
                used_base = int(cap.amount)
                capped = _("wage capped at %(cap)s (%(citation)s)") % {
                    "cap": rp(int(cap.amount)),
                    "citation": cap.citation,
                }
                note = f"{note}; {capped}".lstrip("; ")
        assert rule.rate_percent is not None
        monthly = _percent_of(used_base, rule.rate_percent)
    return Line(
        programme=rule.programme,
        payer=rule.payer,
        amount=monthly * months,
        monthly_amount=monthly,
        base=used_base,
        rate_percent=rule.rate_percent,
        regulation=rule.citation,
        verified=rule.verified,
        note=note,
    )


def _bracket_line(
    segment: str, programme: str, payer: str, value: int, on_date: datetime.date, months: int
) -> Line:
    table = selectors.brackets_in_force(segment, programme, on_date)
    if not table:
        raise ContributionError(
            _("no %(segment)s %(programme)s bracket table is in force on %(date)s")
            % {"segment": segment.upper(), "programme": programme.upper(),
               "date": on_date.isoformat()}
        )  # fmt: skip
    row: Bracket | None = next(
        (b for b in table if b.lower < value and (b.upper is None or value <= b.upper)), None
    )
    if row is None:
        # Below the lowest bracket: the lowest bracket applies (BPU declared income is at
        # least the table's first row, PP 44/2015 Lampiran as amended by PP 82/2019).
        row = table[0] if value <= table[0].lower else table[-1]
    over = max(value - int(row.rate_over), 0)
    monthly = int(row.fixed_amount) + _percent_of(over, row.rate_percent)
    upper = rp(int(row.upper)) if row.upper is not None else "…"
    return Line(
        programme=programme,
        payer=payer,
        amount=monthly * months,
        monthly_amount=monthly,
        base=value,
        rate_percent=row.rate_percent if row.rate_percent else None,
        regulation=row.citation,
        verified=row.verified,
        note=_("bracket above %(lower)s up to %(upper)s")
        % {"lower": rp(int(row.lower)), "upper": upper},
    )


def _check_months(months: int) -> int:
    if not isinstance(months, int) or not 1 <= months <= MAX_MONTHS:
        raise ContributionError(
            _("months must be 1 to %(max)s, got %(months)s") % {"max": MAX_MONTHS, "months": months}
        )
    return months


def _sorted(lines: list[Line]) -> tuple[Line, ...]:
    return tuple(
        sorted(
            lines, key=lambda ln: (PROGRAMME_ORDER.index(ln.programme), PAYER_ORDER.index(ln.payer))
        )
    )


def _rules_or_fail(segment: str, on_date: datetime.date) -> list[RateRule]:
    rules = selectors.rates_in_force(segment, on_date)
    if not rules:
        raise ContributionError(
            _("no %(segment)s contribution rules are in force on %(date)s")
            % {"segment": segment.upper(), "date": on_date.isoformat()}
        )
    return rules


def _relieved(
    lines: list[Line],
    segment: str,
    sector: str,
    public_funds: bool,
    day: datetime.date,
    months: int,
) -> list[Line]:
    """The lines with the temporary cuts in force for the sector applied (PP 50/2025), each
    cut line citing the relief beside its own rule. Contributions paid from APBN or APBD keep
    full price where the relief says so, and their lines say why."""
    for relief in selectors.reliefs_in_force(segment, sector, day):
        programmes = [p.strip() for p in relief.programmes.split(",")]
        until = relief.until.isoformat()
        for n, line in enumerate(lines):
            if line.programme not in programmes:
                continue
            if public_funds and relief.public_funds_excluded:
                kept = _("%(citation)s cut does not apply: paid from APBN or APBD") % {
                    "citation": relief.citation
                }
                lines[n] = replace(line, note=f"{line.note}; {kept}".lstrip("; "))
                continue
            monthly = line.monthly_amount - _percent_of(line.monthly_amount, relief.percent)
            cut = _("cut by %(percent)s %% until %(until)s") % {
                "percent": f"{relief.percent.normalize():f}".replace(".", ","),  # 50; 12,5
                "until": until,
            }
            lines[n] = replace(
                line,
                amount=monthly * months,
                monthly_amount=monthly,
                regulation=f"{line.regulation}; {relief.citation}",
                verified=line.verified and relief.verified,
                note=f"{line.note}; {cut}".lstrip("; "),
            )
    return lines


def calculate_bpu(
    income: Any,
    programs: Iterable[str] | None = None,
    months: int = 1,
    on_date: datetime.date | None = None,
    *,
    sector: str = Sector.OTHER,
    public_funds: bool = False,
) -> Calculation:
    """A non-wage earner's contribution on a declared monthly income, for ``months`` months.

    JKK from the income bracket table, JKM flat, JHT (optional) a share of the income
    (PP 44/2015 as amended by PP 82/2019; PP 46/2015; Permenaker 5/2021), less any temporary
    cut for the worker's sector (PP 50/2025), unless `public_funds` pay and the cut excludes
    them. A worker whose sector is not known counts as "other sectors".
    """
    value = _whole_rupiah(income, _("income"))
    months = _check_months(months)
    day = _day(on_date)
    chosen = _programmes(Segment.BPU, programs)
    rules = _rules_or_fail(Segment.BPU, day)
    lines: list[Line] = []
    if "jkk" in chosen:
        lines.append(_bracket_line(Segment.BPU, "jkk", Payer.PARTICIPANT, value, day, months))
    for rule in rules:
        if rule.programme in chosen and rule.programme != "jkk":
            lines.append(_rate_line(rule, value, day, months))
    _require(lines, chosen, Segment.BPU, day)
    if sector not in Sector.values:
        raise ContributionError(
            _("unknown sector %(sector)r; choose one of: %(sectors)s")
            % {"sector": sector, "sectors": ", ".join(Sector.values)}
        )
    lines = _relieved(lines, Segment.BPU, sector, public_funds, day, months)
    return Calculation(
        segment=Segment.BPU,
        on_date=day,
        months=months,
        inputs={
            "income": value,
            "programs": chosen,
            "sector": sector,
            "public_funds": public_funds,
        },
        lines=_sorted(lines),
    )


def calculate_pu(
    wage: Any,
    risk_group: Any,
    on_date: datetime.date | None = None,
    programs: Iterable[str] | None = None,
    months: int = 1,
) -> Calculation:
    """A wage earner's monthly contributions: JKK by risk group, JKM, JHT, JP (capped), JKP.

    PP 44/2015 (JKK, JKM), PP 46/2015 (JHT), PP 45/2015 (JP and its wage cap), PP 37/2021
    as amended by PP 6/2025 (JKP, partly recomposed from JKK and, until 2025, JKM).
    """
    value = _whole_rupiah(wage, _("wage"))
    try:
        group = int(risk_group)
    except (TypeError, ValueError) as exc:
        raise ContributionError(
            _("risk group must be 1 to 5, got %(group)r") % {"group": risk_group}
        ) from exc
    if not 1 <= group <= 5:
        raise ContributionError(_("risk group must be 1 to 5, got %(group)s") % {"group": group})
    months = _check_months(months)
    day = _day(on_date)
    chosen = _programmes(Segment.PU, programs)
    rules = _rules_or_fail(Segment.PU, day)
    lines = [
        _rate_line(rule, value, day, months)
        for rule in rules
        if rule.programme in chosen and (rule.risk_group is None or rule.risk_group == group)
    ]
    _require(lines, chosen, Segment.PU, day)
    return Calculation(
        segment=Segment.PU,
        on_date=day,
        months=months,
        inputs={"wage": value, "risk_group": group, "programs": chosen},
        lines=_sorted(lines),
    )


def calculate_jakon(contract_value: Any, on_date: datetime.date | None = None) -> Calculation:
    """A construction project's contributions, paid once for its whole duration.

    JKK from the contract-value brackets, JKM a share of the value (PP 44/2015 Lampiran;
    Permenaker 44/2015, replaced by Permenaker 5/2021).
    """
    value = _whole_rupiah(contract_value, _("contract value"))
    day = _day(on_date)
    rules = _rules_or_fail(Segment.JAKON, day)
    lines = [_bracket_line(Segment.JAKON, "jkk", Payer.EMPLOYER, value, day, 1)]
    lines += [_rate_line(rule, value, day, 1) for rule in rules if rule.programme != "jkk"]
    _require(lines, ["jkk", "jkm"], Segment.JAKON, day)
    return Calculation(
        segment=Segment.JAKON,
        on_date=day,
        months=1,
        inputs={"contract_value": value},
        lines=_sorted(lines),
    )


def _require(lines: list[Line], chosen: list[str], segment: str, day: datetime.date) -> None:
    have = {line.programme for line in lines}
    # JKP exists only from PP 37/2021; before that a PU bill simply has no JKP line.
    missing = [p for p in chosen if p not in have and p != "jkp"]
    if missing:
        raise ContributionError(
            _("no %(segment)s rule for %(missing)s is in force on %(date)s")
            % {"segment": segment.upper(), "missing": ", ".join(m.upper() for m in missing),
               "date": day.isoformat()}
        )  # fmt: skip


def calculate(segment: str, **kwargs: Any) -> Calculation:
    """Dispatch by segment name, for the command and the page."""
    if segment == Segment.BPU:
        return calculate_bpu(
            kwargs.get("income"),
            kwargs.get("programs"),
            kwargs.get("months") or 1,
            kwargs.get("on_date"),
            sector=kwargs.get("sector") or Sector.OTHER,
            public_funds=bool(kwargs.get("public_funds")),
        )
    if segment == Segment.PU:
        return calculate_pu(
            kwargs.get("wage"),
            kwargs.get("risk_group"),
            kwargs.get("on_date"),
            kwargs.get("programs"),
            kwargs.get("months") or 1,
        )
    if segment == Segment.JAKON:
        return calculate_jakon(kwargs.get("contract_value"), kwargs.get("on_date"))
    raise ContributionError(
        _("unknown segment %(segment)r; choose one of: pu, bpu, jakon") % {"segment": segment}
    )
