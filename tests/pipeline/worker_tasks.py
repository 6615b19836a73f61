"""Task functions for the worker-process tests: importable by name, so spawned workers can run them.

They stand in for the analysis (no spaCy): ``pass_through`` returns its items, and
``die_on_poison`` ends its worker process outright, as a crash in native code or the kernel's
out-of-memory killer would, when an article's text says POISON.
"""

from __future__ import annotations

import os

from communique.model import Article, Failure
from communique.settings import Settings


def pass_through(task: list[Article | Failure], settings: Settings) -> list[Article | Failure]:
    return list(task)


def die_on_poison(task: list[Article | Failure], settings: Settings) -> list[Article | Failure]:
    if any(isinstance(item, Article) and "POISON" in item.text for item in task):
        os._exit(9)
    return list(task)


def prepare_nothing(settings: Settings) -> None:
    """What a worker loads before its first task: nothing (these tasks need no models)."""
