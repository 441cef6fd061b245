"""No app imports one above it: lower apps announce events, higher apps subscribe to them.

The order is declared here, lowest first. An app may import itself, any app below it, and the
floor every app stands on (config, lib). Tests are left out: they exercise the whole stack."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
FLOOR = {"config", "lib"}  # settings read from the environment; pure helpers (months)
ORDER = [
    "accounts",  # users, roles, the permission table, the audit trail
    "jobs",  # the task queue's jobs, events and worker
    "regions",
    "synth",
    "contributions",
    "imports",  # the import machinery: kinds register themselves with it
    "registry",
    "participants",
    "linkage",
    "coverage",
    "assistance",
    "claims",  # BPJS TK claims: benefits paid, linked to participants and programmes
    "outreach",  # socialisation events and CSR pledges, traced to enrolments
    "employers",  # the regency as employer (staff lists), employers, construction projects
    "directory",  # finding a worker: reads every app below
    "monev",  # Inpres monitoring: fills indicators from coverage and assistance
    "reports",  # the Regent's view: reads every app below, as their selectors give
    "core",  # home page, navigation, init and demo: knows every app
]


def imported_apps(path: Path) -> set[str]:
    """The payung apps `path` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "payung" and len(parts) > 1:
                found.add(parts[1])
    return found


def app_modules() -> list[tuple[str, Path]]:
    return sorted(
        (path.relative_to(PACKAGE).parts[0], path)
        for path in PACKAGE.glob("*/**/*.py")
        if "tests" not in path.relative_to(PACKAGE).parts
    )


def test_every_app_is_in_the_declared_order() -> None:
    apps = {path.name for path in PACKAGE.iterdir() if (path / "apps.py").exists()}
    assert apps == set(ORDER)


@pytest.mark.parametrize("app", ORDER)
def test_no_app_imports_one_above_it(app: str) -> None:
    upward = [
        f"{path.relative_to(PACKAGE)} imports {imported}"
        for owner, path in app_modules()
        if owner == app
        for imported in imported_apps(path) - FLOOR
        if imported not in ORDER or ORDER.index(imported) > ORDER.index(app)
    ]
    assert upward == []


def test_the_floor_imports_no_app() -> None:
    floor = [PACKAGE / "config.py", *(PACKAGE / "lib").glob("*.py")]
    assert {path.name: imported_apps(path) - FLOOR for path in floor} == {
        path.name: set() for path in floor
    }


def test_the_walk_sees_an_upward_import(tmp_path: Path) -> None:
    """The check itself can fail: a module importing coverage from imports is caught."""
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from payung.coverage.services import take_snapshot\n")
    assert imported_apps(module) == {"coverage"}
    assert ORDER.index("coverage") > ORDER.index("imports")
