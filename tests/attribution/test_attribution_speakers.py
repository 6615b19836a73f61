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


SET2 = Path(__file__).parents[2] / "eval" / "attribution" / "speaker_cases_set2.jsonl"


def test_speaker_accuracy_on_case_set_2(nlp):
    # 24 cases written by a helper session that never saw the resolver, then used for fixes (no
    # longer blind): 17 right when they were written, 21 after the fixes of that stop (organisations referred back to as "the
    # group", relative pronouns after a long name, a speaker inside another person's adverbial
    # clause); the ones still wrong are listed in the rows
    report = evaluate(SET2, Settings())
    wrong = [row for row in report.rows if not row["correct"]]
    # 21 of 24 (87.5) at the last measure; the floor allows one case to slip
    assert report.summary["speaker_accuracy"] >= 83.0, wrong


def test_speaker_accuracy_on_case_set_3(nlp):
    # written after the fixes set 2 led to, by another helper session that never saw the
    # resolver, then used for fixes (no longer blind): 17 of 24 when written, 19 after two fixes ("the bank" after "UBS shares",
    # "Brussels" as the EU)
    report = evaluate(SET2.with_name("speaker_cases_set3.jsonl"), Settings())
    wrong = [row for row in report.rows if not row["correct"]]
    # 20 of 24 (83.3) at the last measure; the floor allows one case to slip
    assert report.summary["speaker_accuracy"] >= 79.0, wrong


def test_speaker_accuracy_on_case_set_4(nlp):
    # 30 cases by a third helper session that never saw the resolver, harder than the first two,
    # then used for fixes (no longer blind)
    # (some need world knowledge: "the Clacton MP" is Nigel Farage): 12 of 30 when written, 20
    # after this stop's fixes (a pronoun never names a person in its own content, "they" is the
    # group that spoke last, "the agency" the organisation whose name says so, "who" after a
    # person's appositive, a bare surname stays with the principal, descriptors of several words)
    report = evaluate(SET2.with_name("speaker_cases_set4.jsonl"), Settings())
    wrong = [row for row in report.rows if not row["correct"]]
    # 20 of 30 (66.7) at the last measure; the floor allows one case to slip
    assert report.summary["speaker_accuracy"] >= 63.0, wrong


def test_speaker_accuracy_on_the_blind_case_set_5(nlp):
    # 30 cases written by a helper session that never saw the resolver, scored once at 4515283:
    # 17 of 30 (56.7). Blind: it must never guide a fix (eval/README.md); the floor only catches
    # a regression
    report = evaluate(SET2.with_name("speaker_cases_set5.jsonl"), Settings())
    wrong = [row for row in report.rows if not row["correct"]]
    assert report.summary["speaker_accuracy"] >= 53.0, wrong


def test_a_bad_case_line_is_reported_with_its_number(tmp_path: Path):
    path = tmp_path / "cases.jsonl"
    path.write_text('{"text": "x", "mention": "x", "cue": "said", "name": "X"}\n{"text": 1}\n', encoding="utf-8")
    with pytest.raises(UsageError, match="E403.*line 2"):
        load_cases(path)


PUTIN_INTERVIEW = (
    "MOSCOW, Feb 9 (Reuters) - President Vladimir Putin told U.S. talk show host Tucker Carlson that Russia "
    "and Ukraine had been close to a settlement in the spring of 2022, saying a huge document had been prepared "
    "and approved in Istanbul by the head of Kyiv's delegation.\n\n"
    "Putin said the negotiator had later admitted publicly that Johnson had come to Kyiv and talked Ukraine "
    "out of it, and that the war could have ended long ago.\n\n"
    "The Russian leader also said Russia had never refused negotiations. \"If you really want to stop "
    "fighting, you need to stop supplying weapons,\" he said, addressing Washington.\n\n"
    "Johnson, who said last month that the story was nothing but Russian propaganda, visited Kyiv in April 2022."
)


def test_a_descriptor_after_a_named_speaker_is_not_someone_introduced_later(statements):
    # the small model tags the last "Kyiv" a person, and "Russian propaganda" shares a word with
    # "The Russian leader": a later introduction counts only for a descriptor before anyone is named
    found = {s.speaker.text: s.speaker.name for s in statements(PUTIN_INTERVIEW)}
    assert found["The Russian leader"] == "Vladimir Putin"
    assert found["he"] == "Vladimir Putin"
