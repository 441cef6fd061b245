"""Who a programme may fund: the rules an Analis composed, then the rules nobody can switch off.

Never subsidise someone already covered (the programme's purpose: Inpres 2/2021 asks regents to
bring the *uncovered* under BPJS TK; paying twice wastes the APBD): a worker who is an active
participant in any segment, or who holds a place in another programme whose months overlap,
is never eligible. A NIK that matches an active participant's exactly bars, whatever the
names say. And no subsidy on a doubt: a worker whose possible match to an active participant
waits in the review queue is held out until the pair is decided. The one active
participation that does not count is a BPU enrolment paid by an earlier programme of the
regency's own, ending before this one starts (a renewal).
Every path that adds a worker (priority selection, by hand, replacement, from a file) goes
through `rules()`, so none can skip it.

Everything here is a QuerySet filter, so the eligible set is one SQL query, whatever its size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from payung.assistance.models import HOLDING, Beneficiary, Programme, Status
from payung.coverage.selectors import active_participants, reporting_month
from payung.lib.months import years_before
from payung.linkage.models import Decision, Link, ReviewPair, WorkerDuplicate
from payung.linkage.selectors import canonical_workers
from payung.participants.models import Segment
from payung.registry.models import Worker

WorkerFilter = Callable[[QuerySet[Worker]], QuerySet[Worker]]


@dataclass(frozen=True)
class Rule:
    label: str  # what the rule asks, for the programme page
    failure: str  # why a worker fails it
    keep: WorkerFilter
    fixed: bool = False  # part of the law of the programme, not the Analis's choice
    code: str = ""  # the one rule the programme page asks about by name (DOUBT)


def renewing(programme: Programme) -> QuerySet[Beneficiary]:
    """Workers enrolled by a programme that ends before this one starts. Their BPU cover is
    the regency's own, running out: it does not bar them from the next year's programme."""
    earlier = [p.pk for p in Programme.objects.exclude(pk=programme.pk)
               if p.end_month < programme.start_month]  # fmt: skip
    return Beneficiary.objects.filter(programme__in=earlier, status=Status.ENROLLED)


def _not_covered(month: dt.date, programme: Programme) -> WorkerFilter:
    ours = renewing(programme).values("worker_id")
    active = active_participants(month)
    linked = (
        Link.objects.filter(participant__in=active)
        .exclude(segment=Segment.BPU, worker__in=ours)
        .values("worker_id")
    )
    # Any NIK the export carries, flagged or not (a birth date that disagrees, a sex digit):
    # the same sixteen digits are the same person's number, whatever the names say.
    active_niks = (
        active.filter(nik__isnull=False)
        .exclude(segment=Segment.BPU, nik__in=Worker.objects.filter(pk__in=ours).values("nik"))
        .values("nik")
    )

    def keep(workers: QuerySet[Worker]) -> QuerySet[Worker]:
        # Through the link (also of a duplicate row of the same person), and by NIK, in case
        # linkage has not yet run since the last participant import.
        return (
            workers.exclude(pk__in=linked)
            .exclude(pk__in=WorkerDuplicate.objects.filter(worker__in=linked).values("canonical"))
            .exclude(nik__in=active_niks)
            .exclude(
                pk__in=WorkerDuplicate.objects.filter(worker__nik__in=active_niks).values(
                    "canonical"
                )
            )
        )

    return keep


def _no_doubt(month: dt.date) -> WorkerFilter:
    """Held out: a worker (or a duplicate row of them) in a pending review pair with an active
    participation. Deciding the pair links them (covered: barred) or releases them."""
    doubtful = ReviewPair.objects.filter(
        decision=Decision.PENDING, participant__in=active_participants(month)
    ).values("worker_id")

    def keep(workers: QuerySet[Worker]) -> QuerySet[Worker]:
        return workers.exclude(pk__in=doubtful).exclude(
            pk__in=WorkerDuplicate.objects.filter(worker__in=doubtful).values("canonical")
        )

    return keep


DOUBT = "no_doubt"


def overlapping(programme: Programme) -> list[Programme]:
    """Other programmes whose months overlap this one's."""
    others = Programme.objects.exclude(pk=programme.pk)
    return [other for other in others if other.overlaps(programme)]


def _not_funded_elsewhere(programme: Programme) -> WorkerFilter:
    funded = Beneficiary.objects.filter(
        programme__in=overlapping(programme), status__in=HOLDING
    ).values("worker_id")
    funded_niks = Worker.objects.filter(pk__in=funded, nik__isnull=False).values("nik")

    def keep(workers: QuerySet[Worker]) -> QuerySet[Worker]:
        return (
            workers.exclude(pk__in=funded)
            .exclude(pk__in=WorkerDuplicate.objects.filter(worker__in=funded).values("canonical"))
            .exclude(nik__in=funded_niks)
        )

    return keep


def _not_in_programme(programme: Programme) -> WorkerFilter:
    placed = Beneficiary.objects.filter(programme=programme).values("worker_id")
    return lambda workers: workers.exclude(pk__in=placed)


def _canonical(workers: QuerySet[Worker]) -> QuerySet[Worker]:
    return workers.exclude(pk__in=WorkerDuplicate.objects.values("worker_id"))


def analyst_rules(programme: Programme) -> list[Rule]:
    """The rules the Analis chose; a rule left empty is not a rule."""
    found: list[Rule] = []
    on = programme.start_month
    if programme.occupations:
        names = [o.strip().lower() for o in programme.occupations]
        found.append(
            Rule(
                _("Occupation is one of: %s") % ", ".join(names),
                _("occupation is not on the programme's list"),
                lambda w: w.filter(occupation__in=names),
            )
        )
    if programme.max_decile is not None:
        k = programme.max_decile
        found.append(
            Rule(
                _("Decile %(k)s or poorer (workers without a decile do not qualify)") % {"k": k},
                _("decile above %(k)s or unknown") % {"k": k},
                lambda w: w.filter(decile__isnull=False, decile__lte=k),
            )
        )
    if programme.min_age is not None:
        born_by = years_before(on, programme.min_age)
        found.append(
            Rule(
                _("Aged %(n)s or more at the first month") % {"n": programme.min_age},
                _("younger than %(n)s or birth date unknown") % {"n": programme.min_age},
                lambda w: w.filter(birth_date__isnull=False, birth_date__lte=born_by),
            )
        )
    if programme.max_age is not None:
        born_after = years_before(on, programme.max_age + 1)
        found.append(
            Rule(
                _("Aged %(n)s or less at the first month") % {"n": programme.max_age},
                _("older than %(n)s or birth date unknown") % {"n": programme.max_age},
                lambda w: w.filter(birth_date__isnull=False, birth_date__gt=born_after),
            )
        )
    if programme.max_income is not None:
        limit = programme.max_income
        found.append(
            Rule(
                _("Monthly income at most Rp %s (unknown income qualifies)")
                % f"{limit:,}".replace(",", "."),
                _("income above the programme's limit"),
                lambda w: w.filter(Q(income__isnull=True) | Q(income__lte=limit)),
            )
        )
    if programme.regions:
        codes = list(programme.regions)
        where = reduce(
            lambda a, b: a | b,
            (Q(desa_id=c) | Q(desa__code__startswith=c + ".") for c in codes),
        )
        found.append(
            Rule(
                _("Lives in: %s") % ", ".join(codes),
                _("lives outside the programme's kecamatan or desa"),
                lambda w: w.filter(where),
            )
        )
    if programme.require_valid_nik:
        found.append(
            Rule(
                _("Valid NIK (BPJS TK enrols by NIK)"),
                _("NIK missing or invalid"),
                lambda w: w.filter(nik_status="valid", nik__isnull=False),
            )
        )
    return found


def fixed_rules(
    programme: Programme, month: dt.date | None = None, *, fresh: bool = False
) -> list[Rule]:
    """The rules no one can switch off. `fresh`: as if the programme had selected nobody yet
    (the simulator's view of its rules)."""
    month = month or reporting_month()
    found = [
        Rule(
            _("Counted once: a registry row that repeats another person is left out"),
            _("this registry row repeats another worker's (use that one)"),
            _canonical,
            fixed=True,
        ),
        Rule(
            _("Not an active BPJS TK participant in any segment (status of %s)")
            % month.strftime("%m-%Y"),
            _("already an active BPJS TK participant"),
            _not_covered(month, programme),
            fixed=True,
        ),
        Rule(
            _("No possible match to an active participant waiting in the review queue"),
            _("held: a possible match to an active BPJS TK participant awaits review"),
            _no_doubt(month),
            fixed=True,
            code=DOUBT,
        ),
        Rule(
            _("Not funded by another programme in the same months"),
            _("already funded by another programme in the same months"),
            _not_funded_elsewhere(programme),
            fixed=True,
        ),
    ]
    if not fresh:
        found.append(
            Rule(
                _("Not already in this programme"),
                _("already in this programme"),
                _not_in_programme(programme),
                fixed=True,
            )
        )
    return found


def rules(programme: Programme, month: dt.date | None = None, *, fresh: bool = False) -> list[Rule]:
    return [*analyst_rules(programme), *fixed_rules(programme, month, fresh=fresh)]


def eligible_workers(
    programme: Programme, month: dt.date | None = None, *, fresh: bool = False
) -> QuerySet[Worker]:
    """Every worker the programme could still take (with `fresh`: could take if it started
    its selection again), as one query."""
    start: QuerySet[Worker] = canonical_workers()
    return reduce(lambda qs, rule: rule.keep(qs), rules(programme, month, fresh=fresh), start)


def held_workers(programme: Programme, month: dt.date | None = None) -> QuerySet[Worker]:
    """The workers the programme would take but for a pending review pair: the programme page
    lists them, and the review queue decides them."""
    others = [r for r in rules(programme, month) if r.code != DOUBT]
    passing = reduce(lambda qs, rule: rule.keep(qs), others, canonical_workers())
    doubt = next(r for r in rules(programme, month) if r.code == DOUBT)
    return passing.exclude(pk__in=doubt.keep(passing).values("pk"))


def failures(
    programme: Programme, asked: QuerySet[Worker], month: dt.date | None = None
) -> dict[int, list[str]]:
    """The rules each of the `asked` workers fails, one query per rule; eligible workers are
    absent."""
    found: dict[int, list[str]] = {}
    every = set(asked.values_list("pk", flat=True))
    for rule in rules(programme, month):
        for pk in every - set(rule.keep(asked).values_list("pk", flat=True)):
            found.setdefault(pk, []).append(rule.failure)
    return found


def why_not(programme: Programme, worker: Worker, month: dt.date | None = None) -> list[str]:
    """The rules `worker` fails (empty: the programme may take them)."""
    return failures(programme, Worker.objects.filter(pk=worker.pk), month).get(worker.pk, [])
