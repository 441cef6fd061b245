"""`payung bantuan`: the contribution-assistance programme's batch steps from the command line.

A thin layer over services, billing, reconciliation, simulator and enrolment: it parses the
options, calls one function and prints its result (one JSON object with --json). Every refusal
of those functions becomes a one-line CommandError; the audit names the `--as` user, or the
machine's account when none is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from payung.accounts.actors import acting_user
from payung.accounts.models import User
from payung.assistance import (
    allocation,
    billing,
    eligibility,
    enrolment,
    money,
    reconciliation,
    selectors,
    services,
    simulator,
)
from payung.assistance.forms import words
from payung.assistance.models import (
    Allocation,
    Beneficiary,
    BpjsState,
    FundingSource,
    Programme,
    Status,
)
from payung.assistance.priority import DEFAULT_RISKY_OCCUPATIONS
from payung.assistance.services import AssistanceError
from payung.contributions.calculator import ContributionError, rp
from payung.imports.errors import ImportRefused
from payung.lib import months
from payung.lib.commands import PayungCommand
from payung.lib.months import month_text
from payung.lib.numbers import amount_argument, grouped, percent

# Which action an `--as` user needs, per subcommand: the same as on the pages.
ACTIONS = {
    "list": "assistance.view", "show": "assistance.view", "simulate": "assistance.view",
    "realisation": "assistance.view", "create": "assistance.manage",
    "select": "assistance.manage", "reset": "assistance.manage", "add": "assistance.manage",
    "verify": "assistance.manage", "reject": "assistance.manage", "bill": "assistance.manage",
    "pay": "assistance.manage", "reconcile": "assistance.manage",
    "enrolment-file": "assistance.enrol", "enrol": "assistance.enrol",
}  # fmt: skip

WEIGHTS = ("decile", "occupation", "dependants", "age")
# The programme's money as the command's text says it (its --json keeps the keys).
MONEY = {
    "budget": gettext_lazy("budget"), "committed": gettext_lazy("committed"),
    "billed": gettext_lazy("billed"), "paid": gettext_lazy("paid"),
    "remaining": gettext_lazy("remaining"),
}  # fmt: skip
CODE_HEADERS = {"kode", "kode wilayah", "kode desa", "kode kecamatan", "code"}
QUOTA_HEADERS = {"kuota", "quota", "jumlah"}

# The model field an option sets, for naming the option in a refusal.
OPTION_OF = {
    "funding_source": "--source", "start_month": "--start", "declared_income": "--income",
    "require_valid_nik": "--any-nik", "risky_occupations": "--risky",
    "weight_decile": "--weights", "weight_occupation": "--weights",
    "weight_dependants": "--weights", "weight_age": "--weights",
}  # fmt: skip

Output = tuple[dict[str, Any], list[str]]


def parse_month(value: str, option: str) -> dt.date:
    try:
        return months.parse_month(value)
    except ValueError:
        raise CommandError(
            _("%(option)s must be a month YYYY-MM, got %(value)r")
            % {"option": option, "value": value}
        ) from None


def parse_date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("%(option)s must be a date YYYY-MM-DD, got %(value)r")
            % {"option": option, "value": value}
        ) from None


def nik_argument(value: str) -> str:
    nik = value.strip()
    if not (len(nik) == 16 and nik.isdigit()):
        raise argparse.ArgumentTypeError(_("a NIK has 16 digits, got %(value)r") % {"value": value})
    return nik


def one_line(text: str) -> str:
    return " ".join(text.split())


def refusal(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{OPTION_OF.get(name, '--' + name.replace('_', '-'))}: {' '.join(messages)}"
            for name, messages in exc.message_dict.items()
        )
    return " ".join(exc.messages)


def table(rows: Sequence[Sequence[str]], right_from: int) -> list[str]:
    """Columns padded to their widest cell; columns from `right_from` on are numbers."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(widths[i]) if i >= right_from else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]


class Command(PayungCommand):
    help = _(
        "Contribution-assistance programmes (bantuan iuran): create, simulate, select, verify, "
        "enrol, bill, pay, reconcile.\n\n"
        "Programmes are given by their number (payung bantuan list). Every subcommand takes "
        "--json (one JSON object on stdout); --as USERNAME records that user in the audit "
        "trail (else the machine's account)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as", dest="as_user", metavar="USERNAME", help=_("the Payung user the audit names")
        )
        parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
        sub = parser.add_subparsers(
            dest="action",
            required=True,
            metavar="SUBCOMMAND",
            title="subcommands",
            parser_class=CommandParser,
        )

        def command(name: str, summary: str) -> CommandParser:
            p: CommandParser = sub.add_parser(name, help=summary, description=summary)
            # Also accepted after the subcommand; SUPPRESS keeps a value given before it.
            p.add_argument(
                "--json",
                action="store_true",
                default=argparse.SUPPRESS,
                help=_("print one JSON object"),
            )
            p.add_argument(
                "--as",
                dest="as_user",
                metavar="USERNAME",
                default=argparse.SUPPRESS,
                help=_("the Payung user the audit names"),
            )
            return p

        def programme_id(p: CommandParser) -> None:
            p.add_argument("id", type=int, metavar="ID", help=_("programme number"))

        command("list", _("programmes with their stage, places held and money"))

        p = command("create", _("a new programme: funding, package, eligibility and priority"))
        p.add_argument("--name", required=True)
        p.add_argument("--year", type=int, required=True)
        p.add_argument(
            "--source", required=True, choices=FundingSource.values, help=_("funding source")
        )
        p.add_argument("--budget", type=amount_argument, required=True, help=_("Rp"))
        p.add_argument("--quota", type=amount_argument, required=True, help=_("workers"))
        p.add_argument("--start", required=True, metavar="YYYY-MM", help=_("first month covered"))
        p.add_argument("--months", type=int, default=12, help=_("months covered (default 12)"))
        p.add_argument("--funder", default="", help=_("who pays (required for csr)"))
        p.add_argument("--budget-line", default="")
        p.add_argument(
            "--income",
            type=int,
            default=1_000_000,
            help=_("declared monthly income, Rp (default 1000000)"),
        )
        p.add_argument("--programs", default="jkk,jkm", help=_("jkk,jkm[,jht] (default jkk,jkm)"))
        p.add_argument("--occupations", help=_("only these occupations, comma-separated"))
        p.add_argument("--max-decile", type=int, metavar="K", help=_("decile K or poorer"))
        p.add_argument("--min-age", type=int, metavar="A")
        p.add_argument("--max-age", type=int, metavar="B")
        p.add_argument("--max-income", type=amount_argument, metavar="X", help=_("Rp per month"))
        p.add_argument("--regions", metavar="CODE,CODE", help=_("only these kecamatan or desa"))
        p.add_argument("--any-nik", action="store_true", help=_("also workers without a valid NIK"))
        p.add_argument(
            "--weights",
            metavar="decile=50,occupation=30,dependants=10,age=10",
            help=_("priority points per component"),
        )
        p.add_argument(
            "--risky",
            metavar="TEXT",
            help=_("risky occupations for the score, comma-separated (default %(risky)s)")
            % {"risky": ",".join(DEFAULT_RISKY_OCCUPATIONS)},
        )
        p.add_argument(
            "--fixed-allocation",
            type=Path,
            metavar="CSV",
            help=_("seats per desa or kecamatan: columns kode, kuota"),
        )

        programme_id(command("show", _("one programme: rules, beneficiaries by status, money")))

        p = command("simulate", _("what a budget buys or a quota costs, and the coverage gain"))
        programme_id(p)
        given = p.add_mutually_exclusive_group(required=True)
        given.add_argument("--budget", type=amount_argument, help=_("Rp"))
        given.add_argument("--quota", type=amount_argument, help=_("workers"))

        programme_id(command("select", _("fill the quota from the priority list, desa by desa")))
        programme_id(command("reset", _("drop a selection nobody has been enrolled from")))

        p = command("add", _("add a worker by NIK, or the workers a file names, by hand"))
        programme_id(p)
        which = p.add_mutually_exclusive_group(required=True)
        which.add_argument("--nik", type=nik_argument)
        which.add_argument("--file", type=Path, help=_(".xlsx or .csv with a NIK column"))
        p.add_argument("--reason", required=True)

        p = command("verify", _("a desa confirmed its list"))
        programme_id(p)
        p.add_argument("--desa", required=True, metavar="CODE")

        p = command("reject", _("a desa rejects a worker; the next in line replaces them"))
        programme_id(p)
        p.add_argument("--nik", required=True, type=nik_argument)
        p.add_argument("--reason", required=True)
        p.add_argument("--no-replace", action="store_true")

        p = command("enrolment-file", _("the collective BPU enrolment workbook for BPJS TK"))
        programme_id(p)
        p.add_argument("--out", type=Path, required=True, metavar="PATH.xlsx")

        p = command("enrol", _("BPJS TK registered the enrolment file"))
        programme_id(p)
        p.add_argument("--date", metavar="YYYY-MM-DD", help=_("registered on (default today)"))

        p = command("bill", _("the month's bill from the contribution calculator"))
        programme_id(p)
        p.add_argument("--month", required=True, metavar="YYYY-MM")

        p = command("pay", _("record a payment"))
        programme_id(p)
        p.add_argument("--amount", type=amount_argument, required=True, help=_("Rp"))
        p.add_argument("--date", required=True, metavar="YYYY-MM-DD", help=_("paid on"))
        p.add_argument("--reference", required=True, help=_("SP2D or transfer number"))
        p.add_argument("--month", metavar="YYYY-MM", help=_("the bill it pays"))
        p.add_argument("--note", default="")

        p = command("reconcile", _("compare enrolled workers with the latest BPJS TK data"))
        p.add_argument(
            "id",
            type=int,
            nargs="?",
            metavar="ID",
            help=_("programme number (default: every programme with enrolled workers)"),
        )
        p.add_argument(
            "--settle",
            action="store_true",
            help=_("take out those covered elsewhere, each replaced"),
        )

        p = command("realisation", _("budget, committed, billed, paid, remaining"))
        p.add_argument("--year", type=int, help=_("only this year's programmes"))

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        user = acting_user(options.get("as_user"), ACTIONS[action])
        run: Callable[[User | None, dict[str, Any]], Output] = getattr(
            self, "_" + action.replace("-", "_")
        )
        try:
            data, text = run(user, options)
        except (AssistanceError, ContributionError, ImportRefused) as exc:
            raise CommandError(one_line(str(exc))) from exc
        except ValidationError as exc:
            raise CommandError(one_line(refusal(exc))) from exc
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
        else:
            for line in text:
                self.stdout.write(line)

    # ---- helpers --------------------------------------------------------------------------

    @staticmethod
    def _programme(pk: int) -> Programme:
        found = selectors.programme(pk)
        if found is None:
            raise CommandError(
                _("no programme %(pk)s (payung bantuan list shows them)") % {"pk": pk}
            )
        return found

    # ---- reads ----------------------------------------------------------------------------

    def _list(self, user: User | None, options: dict[str, Any]) -> Output:
        realised, _by_source = selectors.realisations(selectors.programmes())
        rows = [{**selectors.summary(p), "realisation": r.as_dict()} for p, r in realised]
        if not rows:
            return {"programmes": []}, [_("No programmes yet: payung bantuan create …")]
        lines = [
            (
                _("no."), _("name"), _("year"), _("source"), _("stage"), _("quota"),
                _("holding"), _("budget"), _("paid"), _("remaining"),
            )
        ]  # fmt: skip
        for r in rows:
            money_ = r["realisation"]
            lines.append(
                (
                    str(r["id"]),
                    r["name"],
                    str(r["year"]),
                    r["funding_source"],
                    r["stage"],
                    str(r["quota"]),
                    str(r["holding"]),
                    rp(r["budget"]),
                    rp(money_["paid"]),
                    rp(money_["remaining"]),
                )
            )
        return {"programmes": rows}, table(lines, right_from=5)

    def _show(self, user: User | None, options: dict[str, Any]) -> Output:
        p = self._programme(options["id"])
        rules = [{"label": str(r.label), "fixed": r.fixed} for r in eligibility.rules(p)]
        counts = selectors.status_counts(p)
        prices = money.prices(p)
        per_worker = sum(prices.values())
        realisation = billing.realisation(p, prices).as_dict()
        data = {
            **selectors.summary(p),
            "end_month": month_text(p.end_month),
            "programs": list(p.programs),
            "declared_income": p.declared_income,
            "occupations": list(p.occupations),
            "max_decile": p.max_decile,
            "min_age": p.min_age,
            "max_age": p.max_age,
            "max_income": p.max_income,
            "regions": list(p.regions),
            "require_valid_nik": p.require_valid_nik,
            "weights": {name: getattr(p, f"weight_{name}") for name in WEIGHTS},
            "risky_occupations": list(p.risky_occupations or DEFAULT_RISKY_OCCUPATIONS),
            "allocation": p.allocation,
            "fixed_allocation": dict(p.fixed_allocation),
            "rules": rules,
            "eligible": selectors.eligible_count(p),
            "counts": counts,
            "per_worker": per_worker,
            "quota_cost": per_worker * p.quota,
            "bills": [
                {
                    "month": month_text(b.month),
                    "workers": b.workers,
                    "amount": b.amount,
                    "excluded": b.excluded,
                }
                for b in p.bills.all()
            ],
            "realisation": realisation,
        }
        funding = p.get_funding_source_display() + (f", {p.funder}" if p.funder else "")
        if p.budget_line:
            funding += ", " + _("budget line %(line)s") % {"line": p.budget_line}
        text = [
            _("Programme %(pk)s: %(name)s (%(year)s), stage %(stage)s")
            % {"pk": p.pk, "name": p.name, "year": p.year, "stage": p.get_stage_display()},
            "  " + _("funding: %(funding)s; budget %(budget)s")
            % {"funding": funding, "budget": rp(p.budget)},
            "  " + _("package: %(programs)s on a declared income of %(income)s, %(start)s to"
                     " %(end)s: %(per_worker)s per worker")
            % {"programs": ", ".join(p.programs), "income": rp(p.declared_income),
               "start": f"{p.start_month:%m-%Y}", "end": f"{p.end_month:%m-%Y}",
               "per_worker": rp(per_worker)},
            "  " + _("quota: %(quota)s workers cost %(cost)s; %(eligible)s eligible now")
            % {"quota": grouped(p.quota), "cost": rp(per_worker * p.quota),
               "eligible": grouped(data["eligible"])},
            _("Rules (* cannot be switched off):"),
            *(f"  {'*' if r['fixed'] else '-'} {r['label']}" for r in rules),
            _("Beneficiaries: %(counts)s")
            % {"counts": ", ".join(f"{Status(k).label} {grouped(v)}" for k, v in counts.items())},
            _("Money: %(money)s")
            % {"money": ", ".join(f"{MONEY.get(k, k)} {rp(v)}" for k, v in realisation.items())},
        ]  # fmt: skip
        return data, text

    def _simulate(self, user: User | None, options: dict[str, Any]) -> Output:
        p = self._programme(options["id"])
        result = simulator.simulate(p, budget=options["budget"], quota=options["quota"])
        data = result.as_dict()
        fit = result.fit
        if result.asked == "budget":
            head = _(
                "%(budget)s pays for %(workers)s workers (%(each)s each, %(left)s left over)"
            ) % {
                "budget": rp(options["budget"]),
                "workers": grouped(fit.workers),
                "each": rp(fit.per_worker),
                "left": rp(fit.left_over),
            }
        else:
            head = _("%(workers)s workers cost %(budget)s (%(each)s each)") % {
                "workers": grouped(fit.workers),
                "budget": rp(fit.budget),
                "each": rp(fit.per_worker),
            }
        text = [_("Programme %(pk)s: %(name)s") % {"pk": p.pk, "name": p.name}, head]
        if result.all_eligible_taken:
            text.append(
                _("Only %(n)s workers are eligible: all would be selected.")
                % {"n": grouped(result.eligible)}
            )
        else:
            text.append(
                _("%(selected)s of %(eligible)s eligible workers would be selected.")
                % {"selected": grouped(result.selected), "eligible": grouped(result.eligible)}
            )
        rows = [(_("code"), _("kecamatan"), _("workers"), _("added"), _("before"), _("after"))]
        for area in [*result.kecamatan, result.regency]:
            rows.append(
                (
                    area.code,
                    area.name,
                    grouped(area.workers),
                    grouped(area.added),
                    percent(area.before),
                    f"→ {percent(area.after)}",
                )
            )
        return data, [*text, *table(rows, right_from=2)]

    def _realisation(self, user: User | None, options: dict[str, Any]) -> Output:
        programmes = selectors.programmes(year=options["year"])
        realised, by_source_rows = selectors.realisations(programmes)
        per_programme = [
            {
                "id": p.pk,
                "name": p.name,
                "year": p.year,
                "funding_source": p.funding_source,
                **r.as_dict(),
            }
            for p, r in realised
        ]
        by_source = [
            {"funding_source": code, "label": label, **r.as_dict()}
            for code, label, r in by_source_rows
        ]
        keys = ("budget", "committed", "billed", "paid", "remaining")
        head = ("", *(str(MONEY[k]) for k in keys))
        rows: list[tuple[str, ...]] = [head]
        rows += [(f"{r['id']} {r['name']}", *(rp(r[k]) for k in keys)) for r in per_programme]
        rows += [(f"{r['label']}", *(rp(r[k]) for k in keys)) for r in by_source]
        data = {"programmes": per_programme, "by_source": by_source}
        if not programmes:
            return data, [_("No programmes.")]
        return data, table(rows, right_from=1)

    # ---- writes ---------------------------------------------------------------------------

    def _create(self, user: User | None, options: dict[str, Any]) -> Output:
        values: dict[str, Any] = {
            "name": options["name"],
            "year": options["year"],
            "funding_source": options["source"],
            "funder": options["funder"],
            "budget_line": options["budget_line"],
            "budget": options["budget"],
            "quota": options["quota"],
            "start_month": parse_month(options["start"], "--start"),
            "months": options["months"],
            "declared_income": options["income"],
            "programs": words(options["programs"]),
            "occupations": words(options["occupations"]),
            "max_decile": options["max_decile"],
            "min_age": options["min_age"],
            "max_age": options["max_age"],
            "max_income": options["max_income"],
            "regions": words(options["regions"]),
            "require_valid_nik": not options["any_nik"],
            "risky_occupations": words(options["risky"]),
        }
        if options["weights"]:
            values.update(self._weights(options["weights"]))
        if options["fixed_allocation"]:
            values["allocation"] = Allocation.FIXED
            try:
                values["fixed_allocation"] = allocation.read_fixed_table(
                    options["fixed_allocation"]
                )
            except allocation.TableError as exc:
                raise CommandError("--fixed-allocation: " + one_line(str(exc))) from exc
        p = services.create_programme(user=user, **values)
        eligible = selectors.eligible_count(p)
        per_worker = money.per_worker(p)
        data = {
            **selectors.summary(p),
            "eligible": eligible,
            "per_worker": per_worker,
            "quota_cost": per_worker * p.quota,
        }
        text = [
            _("Programme %(pk)s created: %(name)s (%(year)s), %(eligible)s workers eligible now.")
            % {"pk": p.pk, "name": p.name, "year": p.year, "eligible": grouped(eligible)},
            _("The quota of %(quota)s costs %(cost)s (%(each)s per worker); the budget is"
              " %(budget)s.")
            % {"quota": grouped(p.quota), "cost": rp(per_worker * p.quota),
               "each": rp(per_worker), "budget": rp(p.budget)},
        ]  # fmt: skip
        if per_worker * p.quota > p.budget:
            text.append(
                _("Warning: the budget is %(short)s short of the quota.")
                % {"short": rp(per_worker * p.quota - p.budget)}
            )
        return data, text

    @staticmethod
    def _weights(text: str) -> dict[str, int]:
        found: dict[str, int] = {}
        for part in text.split(","):
            name, _sep, value = part.partition("=")
            name = name.strip().lower()
            if name not in WEIGHTS or not value.strip().isdigit():
                raise CommandError(
                    _("--weights: write NAME=POINTS with NAME one of %(names)s, got %(part)r")
                    % {"names": ", ".join(WEIGHTS), "part": part.strip()}
                )
            found[f"weight_{name}"] = int(value)
        return found

    def _select(self, user: User | None, options: dict[str, Any]) -> Output:
        p = self._programme(options["id"])
        result = services.select(p, user=user)
        data = {"programme": p.pk, **result.as_dict()}
        if result.all_eligible_taken:
            head = _(
                "The quota of %(quota)s is more than the eligible workers: all %(eligible)s"
                " eligible selected"
            ) % {"quota": grouped(result.quota), "eligible": grouped(result.eligible)}
        else:
            head = _("Selected %(selected)s of %(eligible)s eligible workers") % {
                "selected": grouped(result.selected),
                "eligible": grouped(result.eligible),
            }
        text = [
            _("%(head)s, in %(desa)s desa. Each desa verifies its list (/bantuan/%(pk)s/desa/"
              "<code>/, or payung bantuan verify %(pk)s --desa CODE).")
            % {"head": head, "desa": len(result.seats), "pk": p.pk}
        ]  # fmt: skip
        if result.short:
            text.append(
                _("Fewer eligible than the fixed table asks in: %(areas)s")
                % {"areas": ", ".join(result.short)}
            )
        return data, text

    def _reset(self, user: User | None, options: dict[str, Any]) -> Output:
        p = self._programme(options["id"])
        removed = services.reset_selection(p, user=user)
        return {"programme": p.pk, "removed": removed}, [
            _("Selection of programme %(pk)s removed: %(n)s workers.")
            % {"pk": p.pk, "n": grouped(removed)}
        ]

    def _add(self, user: User | None, options: dict[str, Any]) -> Output:
        p = self._programme(options["id"])
        if options["file"] is not None:
            result = services.add_from_file(p, options["file"], user=user, reason=options["reason"])
            text = [
                _("%(rows)s rows: %(added)s added, %(refused)s refused.")
                % {"rows": result.rows, "added": result.added, "refused": len(result.refused)}
            ]
            text += [
                "  " + _("row %(row)s %(nik)s: %(why)s") % {"row": row, "nik": nik, "why": why}
                for row, nik, why in result.refused
            ]
            return {"programme": p.pk, **result.as_dict()}, text
        nik = options["nik"]
        worker = selectors.worker_by_nik(nik)
        if worker is None:
            raise CommandError(_("no worker with NIK %(nik)s in the registry") % {"nik": nik})
        added = services.add_worker(p, worker, user=user, reason=options["reason"])
        data = {
            "programme": p.pk,
            "worker": worker.pk,
            "name": worker.name,
            "nik": nik,
            "desa": added.desa_id,
            "status": added.status,
        }
        return data, [
            _("%(name)s (%(desa)s) added to programme %(pk)s.")
            % {"name": worker.name, "desa": added.desa_id, "pk": p.pk}
        ]

    def _verify(self, user: User | None, options: dict[str, Any]) -> Output:
        p = self._programme(options["id"])
        code = options["desa"].strip()
        verified = services.verify_desa(p, code, user=user)
        data = {"programme": p.pk, "desa": code, "verified": verified}
        return data, [
            _("%(n)s workers of desa %(code)s verified.") % {"n": grouped(verified), "code": code}
        ]

    def _reject(self, user: User | None, options: dict[str, Any]) -> Output:
        p = self._programme(options["id"])
        nik = options["nik"]
        found = selectors.to_reject(p, nik)
        if found is None:
            raise CommandError(
                _("no selected or verified worker with NIK %(nik)s in programme %(pk)s")
                % {"nik": nik, "pk": p.pk}
            )
        new = services.reject(
            found, user=user, reason=options["reason"], replace=not options["no_replace"]
        )
        data: dict[str, Any] = {
            "programme": p.pk,
            "rejected": {"worker": found.worker_id, "name": found.worker.name, "nik": nik},
            "replacement": self._replacement(new),
        }
        text = [_("%(name)s rejected.") % {"name": found.worker.name}]
        if new is not None:
            text.append(
                _("Replaced by %(name)s (%(desa)s, %(code)s).")
                % {"name": new.worker.name, "desa": new.desa.name, "code": new.desa_id}
            )
        elif not options["no_replace"]:
            text.append(_("Nobody eligible is left to replace them."))
        return data, text

    @staticmethod
    def _replacement(new: Beneficiary | None) -> dict[str, Any] | None:
        if new is None:
            return None
        return {
            "worker": new.worker_id,
            "name": new.worker.name,
            "nik": new.worker.nik,
            "desa": new.desa_id,
            "desa_name": new.desa.name,
        }

    def _enrolment_file(self, user: User | None, options: dict[str, Any]) -> Output:
        p = self._programme(options["id"])
        out: Path = options["out"]
        if out.suffix.lower() != ".xlsx":
            raise CommandError(_("--out must name an .xlsx file, got %(out)s") % {"out": out})
        content, rows = enrolment.export(p, user=user)
        try:
            out.write_bytes(content)
        except OSError as exc:
            raise CommandError(
                _("cannot write %(out)s: %(why)s") % {"out": out, "why": exc.strerror or exc}
            ) from exc
        data = {"programme": p.pk, "path": str(out), "rows": rows}
        return data, [_("%(n)s workers written to %(out)s.") % {"n": grouped(rows), "out": out}]

    def _enrol(self, user: User | None, options: dict[str, Any]) -> Output:
        p = self._programme(options["id"])
        on = parse_date(options["date"], "--date") if options["date"] else timezone.localdate()
        enrolled = services.mark_enrolled(p, user=user, on=on)
        data = {"programme": p.pk, "enrolled": enrolled, "on": on.isoformat()}
        return data, [
            _("%(n)s workers enrolled in programme %(pk)s on %(on)s.")
            % {"n": grouped(enrolled), "pk": p.pk, "on": f"{on:%d-%m-%Y}"}
        ]

    def _bill(self, user: User | None, options: dict[str, Any]) -> Output:
        p = self._programme(options["id"])
        made = billing.issue_bill(p, parse_month(options["month"], "--month"), user=user)
        data = {
            "programme": p.pk,
            "month": month_text(made.month),
            "workers": made.workers,
            "per_worker": made.per_worker,
            "amount": made.amount,
            "excluded": made.excluded,
            "regulation": made.regulation,
        }
        text = [
            _("Bill for %(month)s: %(workers)s workers × %(each)s = %(amount)s")
            % {"month": f"{made.month:%m-%Y}", "workers": grouped(made.workers),
               "each": rp(made.per_worker), "amount": rp(made.amount)}
        ]  # fmt: skip
        if made.excluded:
            text.append(
                _("%(n)s enrolled workers covered elsewhere are not billed.")
                % {"n": grouped(made.excluded)}
            )
        return data, text

    def _pay(self, user: User | None, options: dict[str, Any]) -> Output:
        p = self._programme(options["id"])
        paid_on = parse_date(options["date"], "--date")
        bill = None
        if options["month"]:
            month = parse_month(options["month"], "--month")
            bill = selectors.bill_for(p, month)
            if bill is None:
                raise CommandError(
                    _("no bill for %(month)s in programme %(pk)s (payung bantuan bill %(pk)s"
                      " --month %(iso)s)")
                    % {"month": f"{month:%m-%Y}", "pk": p.pk, "iso": f"{month:%Y-%m}"}
                )  # fmt: skip
        payment = billing.record_payment(
            p,
            amount=options["amount"],
            paid_on=paid_on,
            reference=options["reference"],
            note=options["note"],
            bill=bill,
            user=user,
        )
        realisation = billing.realisation(p).as_dict()
        data = {
            "programme": p.pk,
            "payment": payment.pk,
            "amount": payment.amount,
            "paid_on": payment.paid_on.isoformat(),
            "reference": payment.reference,
            "bill_month": month_text(bill.month) if bill else None,
            "realisation": realisation,
        }
        text = [
            _("Payment %(ref)s of %(amount)s recorded; paid so far %(paid)s, remaining"
              " %(remaining)s.")
            % {"ref": payment.reference, "amount": rp(payment.amount),
               "paid": rp(realisation["paid"]), "remaining": rp(realisation["remaining"])}
        ]  # fmt: skip
        return data, text

    def _reconcile(self, user: User | None, options: dict[str, Any]) -> Output:
        if options["id"] is not None:
            runs = [reconciliation.reconcile(self._programme(options["id"]), user=user)]
        else:
            runs = reconciliation.reconcile_all(user=user)
        found: list[dict[str, Any]] = []
        text: list[str] = []
        for run in runs:
            p = run.programme
            row: dict[str, Any] = {
                "programme": p.pk,
                "name": p.name,
                "month": month_text(run.month),
                "counts": run.counts,
            }
            text.append(
                _("Programme %(pk)s (%(name)s), BPJS TK data of %(month)s: %(counts)s")
                % {"pk": p.pk, "name": p.name, "month": f"{run.month:%m-%Y}",
                   "counts": ", ".join(f"{BpjsState(k).label if k in BpjsState.values else k}"
                                       f" {grouped(v)}" for k, v in run.counts.items())}
            )  # fmt: skip
            if options["settle"]:
                row["settled"] = reconciliation.settle_covered_elsewhere(p, user=user)
                text.append(
                    "  " + _("%(left)s covered elsewhere left the programme; %(replaced)s"
                             " replacements wait for their desa, %(no_replacement)s without one.")
                    % row["settled"]
                )  # fmt: skip
            found.append(row)
        if not runs:
            text.append(_("No programme has enrolled workers."))
        return {"programmes": found}, text
