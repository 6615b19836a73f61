"""Speaker resolution on the shipped hard cases, and the case-file reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.errors import UsageError
from communique.evaluate.speakers import evaluate, load_cases
from communique.settings import Settings


def test_shipped_cases_are_readable_and_varied():
    cases, _ = load_cases(None)
    assert len(cases) >= 20
    assert {"he", "He", "She", "who"} & {c["mention"] for c in cases}


def test_speaker_accuracy_on_the_hard_cases(nlp):
    report = evaluate(None, Settings())
    wrong = [row for row in report.rows if not row["correct"]]
    # 35 of 35 at the last measure: at most one case may slip; the rows say which failed
    assert report.summary["speaker_accuracy"] >= 97.0, wrong


BLIND_CASES = Path(__file__).parents[2] / "src" / "communique" / "data" / "attribution" / "speaker_cases_blind.jsonl"


def test_speaker_accuracy_on_the_blind_cases(nlp):
    # 24 cases written by a helper session that never saw the resolver: 17 right when they
    # were written, 21 after the fixes of that stop (organisations referred back to as "the
    # group", relative pronouns after a long name, a speaker inside another person's adverbial
    # clause); the ones still wrong are listed in the rows
    report = evaluate(BLIND_CASES, Settings())
    wrong = [row for row in report.rows if not row["correct"]]
    assert report.summary["speaker_accuracy"] >= 80.0, wrong


def test_speaker_accuracy_on_the_second_blind_cases(nlp):
    # written after the fixes the first blind set led to, by another helper session that never
    # saw the resolver: 17 of 24 when written, 19 after two fixes ("the bank" after "UBS shares",
    # "Brussels" as the EU)
    report = evaluate(BLIND_CASES.with_name("speaker_cases_blind2.jsonl"), Settings())
    wrong = [row for row in report.rows if not row["correct"]]
    assert report.summary["speaker_accuracy"] >= 70.0, wrong


def test_speaker_accuracy_on_the_third_blind_cases(nlp):
    # 30 cases by a third helper session that never saw the resolver, harder than the first two
    # (some need world knowledge: "the Clacton MP" is Nigel Farage): 12 of 30 when written, 20
    # after this stop's fixes (a pronoun never names a person in its own content, "they" is the
    # group that spoke last, "the agency" the organisation whose name says so, "who" after a
    # person's appositive, a bare surname stays with the principal, descriptors of several words)
    report = evaluate(BLIND_CASES.with_name("speaker_cases_blind3.jsonl"), Settings())
    wrong = [row for row in report.rows if not row["correct"]]
    assert report.summary["speaker_accuracy"] >= 65.0, wrong


def test_a_bad_case_line_is_reported_with_its_number(tmp_path: Path):
    path = tmp_path / "cases.jsonl"
    path.write_text('{"text": "x", "mention": "x", "cue": "said", "name": "X"}\n{"text": 1}\n', encoding="utf-8")
    with pytest.raises(UsageError, match="E403.*line 2"):
        load_cases(path)
