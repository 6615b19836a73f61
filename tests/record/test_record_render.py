"""The record's readable tables show the words as written and each answer once."""

from __future__ import annotations

import io

from rich.console import Console

from communique.cli import render_record


def _line(content: str, answers: list[dict]) -> dict:
    return {
        "id": "c1", "said": {"value": "2024-08-18", "basis": "published"},
        "speaker": {"name": "Alexander Lukashenko", "actor": "Q2866"}, "cue": "said", "stance": "assert",
        "distinct_reports": 1, "answers": answers, "content": content,
        "reports": [{"certainty": "asserted"}],
    }


def test_brackets_in_content_are_words_not_markup_and_answers_are_listed_once():
    buffer = io.StringIO()
    console = Console(file=buffer, width=300, color_system=None)
    answer = {"stance": "deny", "speaker": "Boris Johnson"}
    render_record.claims(console, [_line("but this [document] could be a start", [answer, dict(answer)])])
    shown = buffer.getvalue()
    assert "this [document] could be a start" in shown
    assert shown.count("deny by Boris Johnson") == 1
