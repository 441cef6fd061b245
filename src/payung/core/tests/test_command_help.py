"""Every command's --help speaks Indonesian (the configured language): its summary, options,
subcommands and argparse's own words. Option names, metavars, codes and examples stay."""

from __future__ import annotations

import argparse
import re

import pytest
from django.core.management import get_commands, load_command_class

from payung.cli import _overview
from payung.lib.commands import PayungCommand

# Common English words a help text would hold if it were left in English. Words that are
# the same in Indonesian (data, status, program, format) or are names (import, export, link,
# backup, worker as a command, pg_dump) are not here.
ENGLISH = {
    "the", "of", "and", "to", "for", "with", "from", "by", "or", "in", "on", "this", "that",
    "each", "every", "its", "their", "show", "write", "run", "runs", "set", "create", "file",
    "files", "only", "default", "print", "one", "all", "also", "when", "which", "not", "is",
    "are", "be", "as", "at", "into", "usage", "options", "optional", "arguments",
    "positional", "message", "exit", "help", "number", "month", "months", "year", "workers",
    "users", "user", "database", "region", "then", "else", "what", "who", "how", "level",
    "output", "verbose", "minimal", "normal", "system", "checks", "skip", "color", "python",
    "path", "settings", "module", "version", "program's", "raise", "exceptions", "force",
}  # fmt: skip
# Commands Django brings (migrate, runserver, shell, help) are named in the overview.
NAMES = {"help", "migrate", "runserver", "shell"}


def english_words(text: str, names: set[str] = NAMES) -> set[str]:
    """The English words of `text` outside option names (--json), metavars and choices
    (PATH, {csv,xlsx}), code spans (`payung backup`) and examples (jkk,jkm)."""
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"--?[\w-]+", " ", text)
    text = re.sub(r"\b[\w.]*[,=:_/<>][\w.,=:_/<>]*", " ", text)  # codes: jkk,jkm  a=1
    words = {w for w in re.findall(r"[A-Za-z']+", text) if not w.isupper()}
    return {w.lower() for w in words} & ENGLISH - names


def payung_parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    found: list[tuple[str, argparse.ArgumentParser]] = []
    for name, app in sorted(get_commands().items()):
        if not app.startswith("payung."):
            continue
        command = load_command_class(app, name)
        assert isinstance(command, PayungCommand), f"{name} is no PayungCommand"
        parser = command.create_parser("payung", name)
        found.append((name, parser))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                found += [(f"{name} {sub}", p) for sub, p in action.choices.items()]
    return found


@pytest.mark.parametrize(
    "name,parser", payung_parsers(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_a_commands_help_has_no_english_word(name: str, parser: argparse.ArgumentParser) -> None:
    # Subcommand names (bantuan create, show) are names, as options are.
    subcommands = {
        sub
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for sub in action.choices
    }
    assert english_words(parser.format_help(), NAMES | subcommands | set(name.split())) == set()


def test_the_overview_has_no_english_word() -> None:
    assert english_words(_overview()) == set()


def test_the_check_finds_english_when_there_is() -> None:
    found = english_words("show this help message and exit")
    assert found == {"show", "this", "message", "and", "exit"}  # "help" is a command name
    assert english_words("cetak --json PATH {csv,xlsx} `payung backup`") == set()
