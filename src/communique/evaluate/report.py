"""The result of an evaluation run, in a shape the CLI can render as a table or JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class EvalReport:
    """Scores of one evaluation.

    ``rows`` is a table: each row a dict with the same keys (for example ``role``, ``precision``,
    ``recall``, ``f1``); scores are percentages rounded to one decimal. ``summary`` holds the
    headline numbers that floors are checked against (``{"source_exact_f1": 71.2, ...}``).
    ``notes`` are one-line remarks (what was skipped, how matching was done).
    """

    task: str
    dataset: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def prf(true_positives: float, predicted: float, gold: float) -> tuple[float, float, float]:
    """Precision, recall and F1 as percentages (0 when undefined)."""
    precision = 100.0 * true_positives / predicted if predicted else 0.0
    recall = 100.0 * true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 1), round(recall, 1), round(f1, 1)
