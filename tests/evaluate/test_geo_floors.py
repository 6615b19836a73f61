"""Quality floors for toponym resolution and location metonymy (pinned in tests/floors/geo.json).

Runs the evaluations on ../shared (skipped when it is absent); about two minutes on one core.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.evaluate import geo, metonymy
from communique.settings import Settings

FLOORS = json.loads((Path(__file__).resolve().parents[1] / "floors" / "geo.json").read_text())


@pytest.mark.shared
@pytest.mark.parametrize("corpus", ["corpora/lgl.xml", "corpora/GeoVirus.xml"])
def test_resolution_floors(shared_dir, corpus):
    report = geo.evaluate(shared_dir / "eval" / "geo" / corpus, Settings(), end_to_end=True)
    for metric, floor in FLOORS[corpus].items():
        assert report.summary[metric] >= floor, (corpus, metric, report.summary)
    # The resolver must beat the population-ranked baseline measured in the same run.
    assert report.summary["gold_acc161"] > report.summary["baseline_acc161"]


@pytest.mark.shared
def test_metonymy_floor(shared_dir):
    name = "metonymy_relocar/ReLocaR_Train.xml"
    report = metonymy.evaluate(shared_dir / "eval" / "geo" / name, Settings())
    for metric, floor in FLOORS[name].items():
        assert report.summary[metric] >= floor, (metric, report.summary)
    assert report.summary["accuracy"] > report.summary["majority_baseline"] + 20
