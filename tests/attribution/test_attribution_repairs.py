"""The registry of attribution repairs: every rule is named, can be switched off, and is measured."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from communique.errors import UsageError
from communique.evaluate.polnear import evaluate
from communique.extract.attribution import repairs
from communique.extract.attribution.repairs import REPAIRS, switched_off
from communique.settings import Settings

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "communique" / "extract" / "attribution"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "polnear_train"


def test_every_registered_repair_is_consulted_and_every_consulted_one_registered() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.glob("*.py"))
    consulted = set(re.findall(r'repairs\.on\("([a-z_]+)"\)', source))
    assert consulted == set(REPAIRS)


def test_a_repair_is_off_only_inside_its_block() -> None:
    assert repairs.on("leading_date")
    with switched_off(["leading_date"]):
        assert not repairs.on("leading_date")
        assert repairs.on("setting")
        with switched_off(["setting"]):
            assert not repairs.on("leading_date") and not repairs.on("setting")
        assert repairs.on("setting")
    assert repairs.on("leading_date")


def test_an_unknown_repair_is_a_usage_error_naming_the_valid_ones() -> None:
    with pytest.raises(UsageError) as caught:
        with switched_off(["leading_dates"]):
            pass
    assert caught.value.code.name == "E408"
    assert "leading_dates" in caught.value.reason and "leading_date" in caught.value.reason


def test_switching_a_repair_off_undoes_what_it_repairs(statements) -> None:
    text = "Beijing said on Friday it would raise its levies on American goods."
    (said,) = statements(text)
    assert said.content.text == "it would raise its levies on American goods"
    with switched_off(["leading_date"]):
        (said,) = statements(text)
    assert said.content.text.startswith("on Friday")


def test_the_ablation_reports_every_repair_with_its_change_per_role() -> None:
    report = evaluate(FIXTURE, Settings(), ablate=True)
    assert [row["repair"] for row in report.rows] == list(REPAIRS)
    assert set(report.summary) >= {"source_exact_f1", "cue_exact_f1", "content_exact_f1"}
    for row in report.rows:
        assert set(row) == {"repair", "source_change", "cue_change", "content_change", "repairs"}
    # the full extractor's own scores are the summary: the same as a plain evaluation
    assert report.summary == evaluate(FIXTURE, Settings()).summary
