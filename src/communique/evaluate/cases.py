"""Hand-written case files (JSON Lines): the shipped one or the user's, read line by line.

Owns: finding the file (``data/attribution/<name>`` when no path is given), naming the data
set for the report, and numbering the non-empty lines so a bad one can be reported by its
number. Must not: parse or check a line (each task knows its own fields and error code).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def numbered_lines(path: Path | None, shipped: str, label: str) -> tuple[list[tuple[int, str]], str]:
    """(line number, line) for each non-empty line of ``path``, or of the shipped file
    ``shipped`` in ``communique.data.attribution``; and the data set's name for the report."""
    if path is None:
        text = resources.files("communique.data.attribution").joinpath(shipped).read_text("utf-8")
        dataset = f"{label} (shipped {shipped})"
    else:
        text = Path(path).read_text(encoding="utf-8")
        dataset = str(path)
    return [(number, line) for number, line in enumerate(text.splitlines(), start=1) if line.strip()], dataset
