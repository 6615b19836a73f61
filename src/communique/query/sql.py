"""Turn a table name and the user's filters into one parameterised SQL query.

Owns: what each filter means on each table, and the stable row order. Must not: execute
anything (``communique.query`` does), or put user input into SQL text (every value is a
``?`` parameter; substring matching uses ``contains`` so ``%`` and ``_`` are plain characters).

Filters (all optional, combined with AND):

- ``actor``: case-insensitive substring of an actor's name, or an exact actor id. Statements
  match on the speaker, events on the source or the target, actors on themselves, mentions on
  the mentioned actor or the mention's words; articles, times and places match when the article
  mentions the actor (a mention, the article's actor list, or a statement's speaker name).
- ``since`` / ``until``: the article's publication date, inclusive; ``YYYY``, ``YYYY-MM`` or
  ``YYYY-MM-DD`` (a year or a month covers all of it). On ``failures`` they filter the time the
  failure was recorded; on ``actors``, the actor must appear in an article of that range.
- ``article``: an article id or a prefix of one (like a short git hash).
- ``text``: case-insensitive substring of the table's main text columns (``TEXT_COLUMNS``).
- ``literal_only`` (places only): the mentions of the place as ground (``in Moscow``), without
  the metonymic (``Moscow said``) and demonym (``Russian``) ones; rows stored before places had
  a role were all literal.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import Code, UsageError

TABLES = ("articles", "statements", "events", "actors", "mentions", "times", "places", "failures")

# The columns the ``text`` filter searches, per table.
TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("title", "text"),
    "statements": ("content_text", "speaker_text", "speaker_name", "cue_text"),
    "events": ("type", "trigger_text", "source_text", "source_name", "target_text", "target_name"),
    "actors": ("name", "id"),
    "mentions": ("text",),
    "times": ("text", "value"),
    "places": ("text", "name", "country"),
    "failures": ("source", "reason"),
}

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass
class _Where:
    """SQL conditions and their parameters, kept in step."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " AND ".join(f"({c})" for c in self.clauses) if self.clauses else "TRUE"


def parse_date(value: str, name: str, *, end: bool) -> dt.date:
    """A filter date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a partial date is the first
    day of its period (``since``) or the last (``until``, ``end=True``)."""
    match = _DATE.match(value.strip()) if isinstance(value, str) else None
    if match is None or (match.group(3) and not match.group(2)):
        raise UsageError(Code.E305, value=value, name=name)
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else (12 if end else 1)
    try:
        if match.group(3):
            return dt.date(year, month, int(match.group(3)))
        day = calendar.monthrange(year, month)[1] if end else 1
        return dt.date(year, month, day)
    except ValueError as exc:
        raise UsageError(Code.E305, value=value, name=name) from exc


def _actor_match(name_col: str, id_col: str) -> str:
    """A name/id pair naming the actor: 3 parameters (needle, needle, needle)."""
    return (
        f"contains(lower({name_col}), ?) OR lower({id_col}) = ? OR "
        f"{id_col} IN (SELECT id FROM actors WHERE contains(lower(name), ?))"
    )


def _article_mentions_actor() -> tuple[str, int]:
    """Condition on alias ``a`` (an article) that it mentions the actor, and its parameter count."""
    sql = (
        "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND ("
        "lower(m.actor_id) = ? OR contains(lower(m.text), ?) OR "
        "m.actor_id IN (SELECT id FROM actors WHERE contains(lower(name), ?)))) "
        "OR EXISTS (SELECT 1 FROM article_actors x WHERE x.article_id = a.id AND ("
        "contains(lower(x.name), ?) OR lower(x.actor_id) = ?)) "
        "OR EXISTS (SELECT 1 FROM statements s WHERE s.article_id = a.id AND "
        "contains(lower(s.speaker_name), ?))"
    )
    return sql, 6


def build(
    table: str,
    *,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article: str | None = None,
    text: str | None = None,
    limit: int | None = None,
    literal_only: bool = False,
) -> tuple[str, list[Any]]:
    """The SQL and parameters selecting ``table``'s rows that pass the filters, in stable order."""
    if table not in TABLES:
        raise UsageError(Code.E302, value=table, choices=", ".join(TABLES))
    if literal_only and table != "places":
        raise UsageError(Code.E304, name="literal_only", table=table)
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise UsageError(Code.E306, value=limit)
    since_date = parse_date(since, "since", end=False) if since else None
    until_date = parse_date(until, "until", end=True) if until else None

    # Conditions on the article (alias a): apply directly, or through article_actors for actors.
    on_article = _Where()
    if article:
        on_article.add("starts_with(a.id, ?)", article.strip())
    if since_date:
        on_article.add("a.published >= ?", since_date)
    if until_date:
        on_article.add("a.published <= ?", until_date)

    where = _Where()
    needle = actor.strip().lower() if actor else None
    if table == "failures":
        if article:
            raise UsageError(Code.E304, name="article", table=table)
        if needle:
            raise UsageError(Code.E304, name="actor", table=table)
        if since_date:
            where.add("CAST(t.recorded_at AS DATE) >= ?", since_date)
        if until_date:
            where.add("CAST(t.recorded_at AS DATE) <= ?", until_date)
        select = "SELECT t.* FROM failures t"
        order = "t.recorded_at, t.source, t.code"
    elif table == "actors":
        if on_article.clauses:
            where.add(
                "EXISTS (SELECT 1 FROM article_actors x JOIN articles a ON a.id = x.article_id "
                f"WHERE x.actor_id = t.id AND {on_article.sql()})",
                *on_article.params,
            )
        if needle:
            where.add("contains(lower(t.name), ?) OR lower(t.id) = ?", needle, needle)
        select = (
            "SELECT t.*, (SELECT count(DISTINCT x.article_id) FROM article_actors x "
            "WHERE x.actor_id = t.id) AS articles FROM actors t"
        )
        order = "lower(t.name), t.id"
    else:
        where.clauses += on_article.clauses
        where.params += on_article.params
        if needle:
            _actor_filter(table, where, needle)
        if table == "articles":
            # duplicate_of: the article this one is a wire copy of (the corpus record's finding)
            select = (
                "SELECT a.*, d.duplicate_of FROM articles a LEFT JOIN duplicates d ON d.article_id = a.id"
            )
            order = "a.published NULLS LAST, a.id"
        else:
            select = (
                f"SELECT t.*, a.published AS published FROM {table} t "
                "JOIN articles a ON a.id = t.article_id"
            )
            order = 'a.published NULLS LAST, t.article_id, t."index"'
    if literal_only:
        where.add("coalesce(t.role, 'literal') = 'literal'")
    if text:
        alias = "a" if table == "articles" else "t"
        columns = TEXT_COLUMNS[table]
        where.add(
            " OR ".join(f"contains(lower({alias}.{c}), ?)" for c in columns),
            *([text.lower()] * len(columns)),
        )
    sql = f"{select} WHERE {where.sql()} ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return sql, where.params


def _actor_filter(table: str, where: _Where, needle: str) -> None:
    """Add the ``actor`` condition for an article-scoped table."""
    if table == "statements":
        where.add(_actor_match("t.speaker_name", "t.speaker_actor"), needle, needle, needle)
    elif table == "events":
        where.add(
            f"{_actor_match('t.source_name', 't.source_actor')} OR "
            f"{_actor_match('t.target_name', 't.target_actor')}",
            *([needle] * 6),
        )
    elif table == "mentions":
        where.add(
            "lower(t.actor_id) = ? OR contains(lower(t.text), ?) OR "
            "t.actor_id IN (SELECT id FROM actors WHERE contains(lower(name), ?))",
            needle,
            needle,
            needle,
        )
    else:  # articles, times, places: the article mentions the actor
        sql, count = _article_mentions_actor()
        where.add(sql, *([needle] * count))
