"""The `payung` command: Django's management commands, with Payung's own listed first.

Configuration mistakes (unknown regency, unreachable database) end with one line on
stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import os
import sys
from urllib.parse import urlsplit, urlunsplit

# `import` is a Python keyword, so those commands' modules carry a suffix.
ALIASES = {"import": "import_data", "export": "export_data"}
HELP_FLAGS = {"-h", "--help", "help"}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "payung.settings")
    if args and args[0] == "--demo":  # any command on the demo's database: payung --demo …
        args = args[1:]
        _demo_environment()
    elif args and args[0] == "demo":
        _demo_environment()
    try:
        import django

        django.setup()
        from payung.config import regency_code
        from payung.regions import kemendagri

        if not args or (args[0] in HELP_FLAGS and len(args) == 1):
            print(_overview())
            return 0
        if args[0] in HELP_FLAGS and args[1:] == ["--django"]:
            args = ["help"]
        if not kemendagri.is_regency_code(regency_code()):
            _fail(
                f"unknown regency code {regency_code()!r} in PAYUNG_REGENCY: "
                "use a Kemendagri kabupaten/kota code such as 75.02 (Boalemo)"
            )
            return 2
        from django.core.management import execute_from_command_line

        if args[0] in ALIASES:
            # Run it under the name people type: its --help then says `payung import`.
            from django.core.management import ManagementUtility

            command = ManagementUtility(["payung"]).fetch_command(ALIASES[args[0]])
            command.run_from_argv(["payung", *args])
            return 0
        if len(args) >= 2 and args[0] in HELP_FLAGS and args[1] in ALIASES:
            args = [args[1], "--help"]
            return main(args)
        execute_from_command_line(["payung", *args])
    except Exception as exc:  # noqa: BLE001 - turned into one line below
        message = _config_problem(exc)
        if message is None:
            raise
        _fail(message)
        return 2
    return 0


def _demo_environment() -> None:
    """The demo always runs on its own SQLite file, apart from real data. Debug mode stays off
    unless PAYUNG_DEBUG asks for it: its error pages would show the settings."""
    from payung.config import ensure_data_dir

    os.environ["DATABASE_URL"] = f"sqlite:///{ensure_data_dir() / 'demo.sqlite3'}"


def _config_problem(exc: Exception) -> str | None:
    from django.db.utils import InterfaceError, OperationalError

    from payung.config import ConfigError

    if isinstance(exc, ConfigError):
        return str(exc)
    if isinstance(exc, OperationalError | InterfaceError):
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"cannot use the database {_redacted(os.environ.get('DATABASE_URL', ''))}: {reason}"
    return None


def _redacted(url: str) -> str:
    if not url:
        return "(default SQLite file)"
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def _fail(message: str) -> None:
    print(f"payung: {message}", file=sys.stderr)


def _overview() -> str:
    from django.core.management import get_commands, load_command_class
    from django.utils.translation import gettext as _

    reverse_aliases = {v: k for k, v in ALIASES.items()}
    lines = [
        _("Payung: Universal Coverage Jamsostek for a regency."),
        "",
        _("Usage: payung COMMAND [options]     (payung COMMAND --help for its options)"),
        _("On the demo's database: payung --demo COMMAND [options]"),
        "",
        _("Commands:"),
    ]
    ours = sorted(
        (reverse_aliases.get(name, name), app, name)
        for name, app in get_commands().items()
        if app.startswith("payung.")
    )
    width = max(len(shown) for shown, _app, _name in ours)
    for shown, app, name in ours:
        summary = str(load_command_class(app, name).help).strip().splitlines()[0]
        lines.append(f"  {shown.ljust(width)}  {summary}")
    lines += [
        "",
        _("Django's own commands (migrate, runserver, shell, ...) work too: payung help --django"),
        "",
        _("Settings come from the environment: DATABASE_URL, PAYUNG_REGENCY, PAYUNG_DATA_DIR,"),
        "PAYUNG_SECRET_KEY, PAYUNG_DEBUG, PAYUNG_ALLOWED_HOSTS, PAYUNG_HTTPS,",
        _("PAYUNG_CSRF_TRUSTED_ORIGINS, PAYUNG_SESSION_*, PAYUNG_MAX_* (see the README)."),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
