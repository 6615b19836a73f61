"""A small hand-built corpus in a fresh database for the query and export tests (no spaCy).

Three articles: one from August 2024 where Lukashenko (actor Q481) speaks and threatens Kyiv,
one from September 2024 where Zelensky speaks about Lukashenko and Ukraine attacks Russia, and
one undated where Lavrov speaks; plus two recorded failures.
"""

from __future__ import annotations

import pytest

from communique.model import Actor, Article, Event, Failure, Mention, Role, Statement, TimeExpression
from communique.store import Database


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _statement(text: str, speaker: str, cue: str, content: str, name: str, actor: str | None) -> Statement:
    return Statement(
        speaker=Role.from_spans(text, [_span(text, speaker)], name=name, actor=actor),
        cue=Role.from_spans(text, [_span(text, cue)]),
        content=Role.from_spans(text, [_span(text, content)]),
    )


def _role(text: str, words: str, name: str, actor: str) -> Role:
    return Role.from_spans(text, [_span(text, words)], name=name, actor=actor)


LUKASHENKO = Actor("Q481", "Alexander Lukashenko", "person", "BLR", "Q481", "GOV")
ZELENSKY = Actor("Q3874799", "Volodymyr Zelensky", "person", "UKR", "Q3874799", "GOV")
LAVROV = Actor("Q156737", "Sergei Lavrov", "person", "RUS", "Q156737", "GOV")
UKRAINE = Actor("UKRGOV", "Government of Ukraine", "government", "UKR", None, "GOV")
RUSSIA = Actor("RUSGOV", "Government of Russia", "government", "RUS", None, "GOV")


def build_corpus() -> list[Article]:
    a_text = "The president said on Monday that Kyiv must negotiate. He warned Kyiv of 100% failure."
    august = Article(
        text=a_text,
        title="Lukashenko warns Kyiv",
        published="2024-08-18",
        source="a.txt",
        statements=[
            # The speaker is "The president": found by actor id, or by the actor's name.
            _statement(a_text, "The president", "said", "Kyiv must negotiate", "The president", "Q481"),
            _statement(a_text, "He", "warned", "Kyiv of 100% failure", "Alexander Lukashenko", "Q481"),
        ],
        events=[
            Event(
                type="THREATEN",
                source=_role(a_text, "He", "Alexander Lukashenko", "Q481"),
                target=_role(a_text, "Kyiv", "Government of Ukraine", "UKRGOV"),
                trigger=Role.from_spans(a_text, [_span(a_text, "warned")]),
            )
        ],
        times=[TimeExpression("Monday", *_span(a_text, "Monday"), "DATE", "2024-08-12")],
        actors=[LUKASHENKO, UKRAINE],
        mentions=[Mention("Q481", *_span(a_text, "The president"), "The president")],
    )
    s_text = "Zelensky said Lukashenko was lying. Ukraine struck Russia overnight."
    september = Article(
        text=s_text,
        title="Zelensky answers",
        published="2024-09-02",
        source="b.txt",
        statements=[
            _statement(s_text, "Zelensky", "said", "Lukashenko was lying", "Volodymyr Zelensky", "Q3874799")
        ],
        events=[
            Event(
                type="ASSAULT",
                source=_role(s_text, "Ukraine", "Government of Ukraine", "UKRGOV"),
                target=_role(s_text, "Russia", "Government of Russia", "RUSGOV"),
                trigger=Role.from_spans(s_text, [_span(s_text, "struck")]),
            )
        ],
        times=[TimeExpression("overnight", *_span(s_text, "overnight"), "TIME", None)],
        actors=[ZELENSKY, LUKASHENKO, UKRAINE, RUSSIA],
        mentions=[
            Mention("Q3874799", *_span(s_text, "Zelensky"), "Zelensky"),
            Mention("Q481", *_span(s_text, "Lukashenko"), "Lukashenko"),
        ],
    )
    u_text = "Lavrov said the talks were over."
    undated = Article(
        text=u_text,
        title="Undated wire",
        published=None,
        source="c.txt",
        statements=[_statement(u_text, "Lavrov", "said", "the talks were over", "Sergei Lavrov", "Q156737")],
        actors=[LAVROV],
        mentions=[Mention("Q156737", 0, 6, "Lavrov")],
    )
    return [undated, september, august]


@pytest.fixture
def corpus() -> list[Article]:
    return build_corpus()


@pytest.fixture
def db(tmp_path, corpus):
    with Database(tmp_path / "query.duckdb") as handle:
        handle.add_many(corpus)
        handle.add_failure(Failure("empty.txt", "[E002] file is empty", "E002"))
        skipped = "[E013] language is 'fr', not English: skipped"
        handle.add_failure(Failure("fr.txt", skipped, "E013", "skipped"))
        yield handle
