"""Hand-written case files (JSON Lines): the project's own or the user's, read line by line.

Owns: finding the project's gold set when no path is given (``eval/<name>`` of the source
checkout: they are evaluation data, not shipped in the package), naming the data set for the
report, and numbering the non-empty lines so a bad one can be reported by its number. Must not:
parse or check a line (each task knows its own fields and error code).
"""

from __future__ import annotations

from pathlib import Path

from communique.errors import Code, UsageError

# The source checkout's eval/ folder (src/communique/evaluate/cases.py -> repository root): an
# editable install finds it from any folder; otherwise ./eval of the current folder is tried.
_CHECKOUT_EVAL = Path(__file__).resolve().parents[3] / "eval"


def project_set(name: str) -> Path:
    """The project's gold set ``eval/<name>`` (E312 when this is no source checkout)."""
    for folder in (_CHECKOUT_EVAL, Path.cwd() / "eval"):
        if (folder / name).is_file():
            return folder / name
    raise UsageError(Code.E312, name=f"eval/{name}")


def numbered_lines(path: Path | None, default: str, label: str) -> tuple[list[tuple[int, str]], str]:
    """(line number, line) for each non-empty line of ``path``, or of the project's set
    ``eval/<default>``; and the data set's name for the report."""
    if path is None:
        text = project_set(default).read_text("utf-8")
        dataset = f"{label} (eval/{default})"
    else:
        text = Path(path).read_text(encoding="utf-8")
        dataset = str(path)
    return [(number, line) for number, line in enumerate(text.splitlines(), start=1) if line.strip()], dataset
