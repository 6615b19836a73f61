"""Quality gate: the time tagger on TimeBank+AQUAINT (tbaq-cleaned) and MEANTIME must not fall
below the floors pinned in tests/floors/time.json (about half a minute on this machine)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.evaluate.timeml import evaluate
from communique.settings import Settings

FLOORS = json.loads((Path(__file__).resolve().parents[1] / "floors" / "time.json").read_text(encoding="utf-8"))
CORPORA = [name for name in FLOORS if not name.startswith("_")]


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("corpus", CORPORA)
def test_time_scores_stay_above_their_floors(shared_dir, corpus):
    report = evaluate(shared_dir / corpus, Settings())
    for measure, floor in FLOORS[corpus].items():
        assert report.summary[measure] >= floor, f"{corpus} {measure} {report.summary[measure]} < floor {floor}"
