"""Quality floors for the corpus record on the dev gold the project ships (tests/floors/corpus.json).

Ingests ``examples/corpus`` (35 articles) into a temporary database and scores claims, answers
across articles, wire copies, positions and timelines: issue 15's bars, kept from regressing.
"""

from __future__ import annotations

import json
from pathlib import Path

from communique.evaluate import corpus
from communique.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((ROOT / "tests" / "floors" / "corpus.json").read_text())


def test_the_dev_record_stays_at_its_bars():
    report = corpus.evaluate(ROOT / "examples" / "corpus" / "gold.jsonl", Settings())
    low = {k: (report.summary[k], floor) for k, floor in FLOORS.items()
           if not k.startswith("_") and report.summary[k] < floor}
    assert not low, low
