"""Every command names who did it in the audit trail the same way: --as USER, else
system:<login>; a command that writes full NIKs out leaves a row too."""

from __future__ import annotations

import getpass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from payung.accounts.models import AuditEvent
from payung.accounts.roles import Role
from payung.imports.tests.helpers import WORKER_HEADER, write_csv

pytestmark = pytest.mark.usefixtures("regions")

ROW = ["7502014507850001", "Siti Aisyah Pakaya", "P", "05-07-1985", "75.02.01.2004", "", ""]


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_without_as_the_audit_names_the_machines_account(tmp_path: Path) -> None:
    run("import_data", "workers", str(write_csv(tmp_path / "desa.csv", [WORKER_HEADER, ROW])))
    audit = AuditEvent.objects.get(action="import.workers")
    assert (audit.user, audit.username) == (None, f"system:{getpass.getuser()}")


def test_as_names_the_user_and_needs_the_right(tmp_path: Path, make_user: Any) -> None:
    village = write_csv(tmp_path / "desa.csv", [WORKER_HEADER, ROW])
    operator = make_user(Role.OPERATOR_OPD, "operator-pmd")
    make_user(Role.PETUGAS_BPJS, "petugas")
    run("import_data", "workers", str(village), "--as", "operator-pmd")
    assert AuditEvent.objects.get(action="import.workers").user == operator
    with pytest.raises(CommandError, match="petugas .* may not do this"):
        run("import_data", "workers", str(village), "--as", "petugas")
    with pytest.raises(CommandError, match="may not do this"):
        run("link", "--as", "operator-pmd")


def test_writing_the_rows_to_correct_with_full_niks_is_audited(
    tmp_path: Path, make_user: Any
) -> None:
    analyst = make_user(Role.ANALIS, "analis-bappeda")
    broken = [*ROW[:1], "", *ROW[2:]]  # no name: rejected, its NIK in the workbook
    village = write_csv(tmp_path / "desa.csv", [WORKER_HEADER, broken])
    out = tmp_path / "perbaikan.xlsx"
    run("import_data", "workers", str(village), "--issues", str(out), "--as", "analis-bappeda")
    assert out.exists()
    audit = AuditEvent.objects.get(action="import.issues_download")
    assert audit.user == analyst
    assert audit.details == {"rows": 1, "full_nik": True}
