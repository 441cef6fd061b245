"""What every `payung` command shares: its --help in the configured language.

Django's base options (--settings, --pythonpath, --traceback, colours) are for developers and
are left out of the help; argparse's own words (usage, options, "show this help message") are
said in the catalogue's language, as every help text of Payung's commands is."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandParser, DjangoHelpFormatter
from django.utils.translation import gettext as _


class HelpFormatter(DjangoHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else _("usage: "))


def speak_the_language(parser: argparse.ArgumentParser) -> None:
    """Titles and argparse's own help lines translated, in `parser` and its subcommands."""
    parser.formatter_class = HelpFormatter
    parser._positionals.title = _("arguments")
    parser._optionals.title = _("options")
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = _("show this help and stop")
        elif "--skip-checks" in action.option_strings:
            action.help = argparse.SUPPRESS  # a developer's option, as the others above
        elif "--verbosity" in action.option_strings:
            action.help = _("how much to print: 0 little, 1 normal, 2 or 3 more")
        elif isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                speak_the_language(sub)
    for group in parser._action_groups:
        if group.title == "subcommands":  # bantuan's and coverage's group of subcommands
            group.title = _("subcommands")


class PayungCommand(BaseCommand):
    suppressed_base_arguments = {
        "--version", "--settings", "--pythonpath", "--traceback", "--no-color",
        "--force-color", "--skip-checks",
    }  # fmt: skip

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs.setdefault("formatter_class", HelpFormatter)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        speak_the_language(parser)
        return parser
