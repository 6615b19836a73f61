"""What the record reads from the stored articles: each statement as a report, with the actors
and time values inside its content.

Owns: the SQL that reads a chunk of newly stored articles' statements (with their article's date,
outlet and duplicate status), the actors mentioned inside each content, and the dates written in
it. Must not: write anything or decide claims.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import duckdb

from . import said as said_mod
from . import speakers
from .text import terms as content_terms

# Speakers that name nobody: a claim by one of them is only ever matched inside one story's
# copies and restatements (see claims.py), never across the corpus by name alone.
PRONOUNS = frozenset(
    {"he", "she", "they", "it", "i", "we", "you", "who", "which", "that", "his", "her", "their"}
)


@dataclass
class Report:
    """One stored statement seen as a report of a claim."""

    article_id: str
    index: int
    speaker_name: str | None
    speaker_actor: str | None
    speaker_text: str
    cue: str
    content: str
    content_spans: list[tuple[int, int]]
    stance: str
    certainty: str
    kind: str
    parent: int | None
    responds_to: int | None
    said: said_mod.Said
    published: dt.date | None
    outlet: str | None
    duplicate_of: str | None = None
    paragraph: int | None = None  # the paragraph of its article the content starts in
    terms: list[str] = field(default_factory=list)
    about: set[str] = field(default_factory=set)  # actors mentioned inside the content
    dates: list[said_mod.Said] = field(default_factory=list)  # calendar dates written in the content
    vector: Any = None
    # the key claims group by, set by ``speakers.assign_keys`` ("" until then: the raw key)
    unified_key: str | None = ""
    speaker_country: str | None = None  # the speaker's country, set with the key

    @property
    def group(self) -> str:
        """The article's wire-copy group: the original's id, its own when it is no copy."""
        return self.duplicate_of or self.article_id

    @property
    def key(self) -> tuple[str, int]:
        return self.article_id, self.index

    @property
    def speaker_key(self) -> str | None:
        """Who said it, as one string (``speakers.py`` joins one speaker's several names); None
        for a bare pronoun nobody resolved."""
        if self.unified_key != "":
            return self.unified_key
        return self.raw_speaker_key

    @property
    def raw_speaker_key(self) -> str | None:
        """The speaker as the extract stage left it: the actor id, else the resolved name."""
        if self.speaker_actor:
            return self.speaker_actor
        name = (self.speaker_name or self.speaker_text or "").strip().lower()
        if not name or name in PRONOUNS:
            return None
        return "name:" + name

    @property
    def speaker_label(self) -> str:
        return self.speaker_name or self.speaker_text or "(unknown)"

    def inside(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.content_spans)


_STATEMENTS = """
SELECT s.article_id, s."index", s.speaker_name, s.speaker_actor, s.speaker_text, s.cue_text,
       s.content_text, s.content_spans, s.stance, s.certainty, s.kind, s.parent, s.responds_to,
       s.time_value, s.time_basis, a.published, a.outlet, d.duplicate_of,
       -- the paragraph the content starts in: the blank lines before it
       (length(substr(a.text, 1, s.content_spans[1][1])) -
        length(replace(substr(a.text, 1, s.content_spans[1][1]), chr(10) || chr(10), ''))) // 2
FROM statements s JOIN articles a ON a.id = s.article_id
LEFT JOIN duplicates d ON d.article_id = s.article_id
WHERE s.article_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY a.published NULLS LAST, s.article_id, s."index"
"""


def read_reports(conn: duckdb.DuckDBPyConnection, article_ids: list[str]) -> list[Report]:
    """The statements of ``article_ids`` as reports, with the actors and dates in their content."""
    if not article_ids:
        return []
    reports = []
    for row in conn.execute(_STATEMENTS, [article_ids]).fetchall():
        (article_id, index, name, actor, speaker_text, cue, content, spans, stance, certainty, kind,
         parent, responds_to, time_value, time_basis, published, outlet, duplicate_of, paragraph) = row
        reports.append(
            Report(
                article_id=article_id,
                index=index,
                speaker_name=name,
                speaker_actor=actor,
                speaker_text=speaker_text or "",
                cue=cue or "",
                content=content or "",
                content_spans=[(int(s), int(e)) for s, e in (spans or [])],
                stance=stance or "assert",
                certainty=certainty or "asserted",
                kind=kind or "indirect",
                parent=parent,
                responds_to=responds_to,
                said=said_mod.said(time_value, time_basis, published),
                published=published,
                outlet=outlet,
                duplicate_of=duplicate_of,
                paragraph=paragraph,
                terms=content_terms(content or ""),
            )
        )
    _attach_inner(conn, article_ids, reports)
    speakers.assign_keys(conn, reports)
    return reports


def _attach_inner(conn: duckdb.DuckDBPyConnection, article_ids: list[str], reports: list[Report]) -> None:
    """Fill each report's ``about`` (actors mentioned in its content) and ``dates``."""
    by_article: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_article[report.article_id].append(report)
    mentions = conn.execute(
        'SELECT article_id, actor_id, start, "end" FROM mentions '
        "WHERE article_id IN (SELECT unnest(?::VARCHAR[])) AND actor_id IS NOT NULL",
        [article_ids],
    ).fetchall()
    for article_id, actor_id, start, end in mentions:
        for report in by_article[article_id]:
            if report.inside(start, end):
                report.about.add(actor_id)
    times = conn.execute(
        'SELECT article_id, start, "end", value FROM times '
        "WHERE article_id IN (SELECT unnest(?::VARCHAR[])) AND value IS NOT NULL",
        [article_ids],
    ).fetchall()
    for article_id, start, end, value in times:
        days = said_mod.interval(value)
        if days is None:
            continue
        for report in by_article[article_id]:
            if report.inside(start, end):
                report.dates.append(said_mod.Said(value, "expression", *days))
