"""The linking evaluation runs on the bundled labels and stays above its pinned floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.errors import UsageError
from communique.evaluate.linking import evaluate, read_gold
from communique.settings import Settings

FLOORS = json.loads((Path(__file__).resolve().parents[1] / "floors" / "linking.json").read_text())


def test_bundled_gold_is_labels_and_offsets_only():
    rows, _ = read_gold(None)
    assert len(rows) >= 600 and sum(r["split"] == "heldout" for r in rows) >= 140
    assert all(len(r["mention"]) <= 60 and r["end"] > r["start"] for r in rows)
    assert {"state", "local", "not-actor", "role", "short-name"} <= {r["kind"] for r in rows}


def test_malformed_gold_file_is_a_usage_error(tmp_path):
    bad = tmp_path / "gold.tsv"
    bad.write_text("file\tstart\nx\t1\n", encoding="utf-8")
    with pytest.raises(UsageError, match="E606"):
        read_gold(bad)


@pytest.mark.shared
def test_linking_accuracy_stays_above_the_floor(shared_dir):
    report = evaluate(None, Settings(), shared=shared_dir)
    assert not [n for n in report.notes if "skipped" in n]
    for key in ("linking_accuracy", "heldout_accuracy", "heldout-plv_accuracy", "blind-plv_accuracy"):
        assert report.summary[key] >= FLOORS[key], (key, report.notes[:12])
