"""The command line's help as people read it: in their language, with clean metavars.

Typer builds the commands from cli.py; before one runs, ``polish`` goes over them once: every
help text through the catalog (the English text is its msgid), no ``<bool>`` beside a flag,
choices as ``[text|json]`` and plain values by name (``--scenario SCENARIO``, ``--width N``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ccorg.i18n import Language, _


def polish(command: Any) -> None:
    """Translate and tidy the help of ``command`` and every subcommand, in place."""
    from typer._click import Context

    for each in walk(command):
        each.help = each.help and _(each.help)
        each.short_help = each.short_help and _(each.short_help)
        each.epilog = each.epilog and _(each.epilog)
        context = Context(each, info_name=each.name, help_option_names=["-h", "--help"])
        help_option = each.get_help_option(context)
        for param in [*each.params, *([help_option] if help_option else [])]:
            if getattr(param, "help", None):
                param.help = _(param.help)
            if param.metavar is None:
                param.metavar = _metavar(param)
            elif param.param_type_name == "argument":
                # An argument's metavar (FILE, POST) says what it is; typer would add <str>.
                param.display_type_rich = _no_type


def walk(command: Any) -> Iterator[Any]:
    """``command`` and its subcommands, depth first."""
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from walk(sub)


def _no_type(ctx: Any) -> None:
    return None


def _metavar(param: Any) -> str | None:
    if getattr(param, "is_flag", False):
        return ""  # a flag takes no value: nothing to show beside it
    descriptor = param.type_descriptor
    if descriptor.is_choice:
        return "[" + "|".join(str(getattr(c, "value", c)) for c in descriptor.choices) + "]"
    if descriptor.annotation is int:
        return "N"
    return param.name.upper() if param.param_type_name == "option" else None


def language_in(args: Sequence[str]) -> Language | None:
    """The ``--lang`` of a command line, read before the command line is parsed, so that its
    help (and its usage errors) speak that language; None when absent or not zh/en."""
    for index, arg in enumerate(args):
        value = None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in Language.__members__:
            return Language(value)
    return None
