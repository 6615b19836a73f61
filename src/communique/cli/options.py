"""How the ``communique`` commands declare switches, so that ``--help`` reads right.

Owns: :func:`switch`, the declaration of a plain on/off option, and the command and group
classes every Typer app and command of the CLI uses. Must not: parse or render anything else.

Why: typer 0.29 prints the type of every option in ``--help``, ``<bool>`` for a switch too,
which reads as if ``--json`` or ``--help`` took a value. An empty metavar prints nothing.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup


def switch(*names: str, help: str) -> Any:  # noqa: A002 (typer's own keyword)
    """A plain flag (``--json``): present means on, and ``--help`` shows no type for it."""
    return typer.Option(*names, help=help, metavar="")


def _as_switch(option: Any) -> Any:
    if option is not None:
        option.metavar = ""
    return option


class SwitchCommand(TyperCommand):
    """A command whose own ``--help`` is listed as a switch (see the module docstring)."""

    def get_help_option(self, ctx: Any) -> Any:
        return _as_switch(super().get_help_option(ctx))


class SwitchGroup(TyperGroup):
    """A group (``communique``, ``communique kb``) whose ``--help`` is listed as a switch."""

    def get_help_option(self, ctx: Any) -> Any:
        return _as_switch(super().get_help_option(ctx))
