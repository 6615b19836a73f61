"""The time lexicon (``lexicon.toml``): month, weekday, number and other word tables.

Owns: reading the file once per process. The time tagger (extract/time/lexicon.py) builds its
tables from it, and the dateline pattern (communique/dateline.py) its month and weekday names,
so a word taught here is known to both. Must not: interpret the tables.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def lexicon_tables() -> dict[str, Any]:
    """The file's tables as written (keys in their original case)."""
    return tomllib.loads(resources.files(__name__).joinpath("lexicon.toml").read_text("utf-8"))
