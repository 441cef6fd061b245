"""Demo users, one per role, so a visitor can see what each role sees."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from payung.accounts.models import Opd, User
from payung.accounts.roles import Role

DEMO_PASSWORD = "payung-demo"

DEMO_USERS: list[tuple[str, Role, str | None, str]] = [
    ("admin", Role.ADMINISTRATOR, None, "Admin Payung"),
    ("analis", Role.ANALIS, "bappeda", "Rahmat Analis"),
    ("operator", Role.OPERATOR_OPD, "dinas-pmd", "Siti Operator"),
    ("bpjs", Role.PETUGAS_BPJS, None, "Yusuf Petugas"),
    ("pimpinan", Role.PIMPINAN, None, "Kantor Bupati"),
]


def ensure_demo_users() -> list[User]:
    users = []
    for username, role, opd_code, full_name in DEMO_USERS:
        first, _, last = full_name.partition(" ")
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "role": role,
                "opd": Opd.objects.get(code=opd_code) if opd_code else None,
                "first_name": first,
                "last_name": last,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        users.append(user)
    return users


def ensure_demo_data(data_dir: Path, workers: int = 80_000) -> list[str]:
    """A synthetic Boalemo (payung synth) imported as a real user would: once per database."""
    from payung.coverage.selectors import reporting_month
    from payung.coverage.services import take_snapshot
    from payung.imports.services import run_import
    from payung.jobs.worker import run_pending
    from payung.lib.months import add_months
    from payung.linkage.services import run_linkage
    from payung.registry.models import Worker
    from payung.synth.generate import generate
    from payung.synth.write import write_all

    if Worker.objects.exists():
        return ["demo data already loaded"]
    folder = data_dir / "demo-data"
    write_all(generate(n_workers=workers, seed=1, regency=settings.PAYUNG_REGENCY), folder, "csv")
    lines = []
    for kind, name in (("workers", "workers.csv"), ("participants", "participants.csv")):
        result = run_import(kind, folder / name)
        lines.append(
            f"{kind}: {result.rows} rows, {result.accepted} accepted "
            f"({result.flagged} flagged), {result.rejected} rejected"
        )
    linked = run_linkage()
    lines.append(
        f"linkage: {linked.linked} linked, {linked.review} to review, "
        f"{linked.duplicates} registry duplicates"
    )
    # The reactions the imports and the run announced: the latest month's snapshot and more.
    run_pending()
    # Five months more from the one export, so the dashboard shows a trend.
    latest = reporting_month()
    for back in range(5, 0, -1):
        take_snapshot(month=add_months(latest, -back), trigger="demo")
    return lines
