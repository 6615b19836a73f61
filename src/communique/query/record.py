"""Questions to the corpus record: claims, an actor's timeline, positions on a topic, the actor
network, and which outlets report whom.

Owns: the SQL over the record tables (``store/record_schema.py``) and the shape of each answer
(documented in ``docs/schema.md``). Must not: build or change the record (``communique.record``
does) or print.

Filters, shared by every function here (one :class:`RecordFilters`):
- ``actor``: case- and accent-insensitive substring of the speaker's name (the claim's or one of
  its reports'), an exact actor id, or a name the knowledge base knows, as the record keys it
  (``record.speakers.keys_for_name``: a country's ministry is its state);
- ``since`` / ``until``: the date a claim was said (its first day), ``YYYY[-MM[-DD]]``, inclusive;
- ``outlet``: case-insensitive substring of a reporting outlet (a claim passes when any of its
  reports is from such an outlet);
- ``limit``: at most this many claims (or lines).
Every count and aggregate counts a wire copy once: reports in an article that ``duplicates``
lists are kept in the claim's report list (``duplicate: true``) but not counted as distinct.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..errors import Code, UsageError
from ..record.speakers import keys_for_name
from ..store import Database
from ..store.record_schema import edges_sql
from .export import iter_rows
from .sql import parse_date


@dataclass(frozen=True)
class RecordFilters:
    """The filters every record question takes (see the module docstring)."""

    actor: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        # checked here, so every question (and its LIMIT clause) gets a valid limit
        if self.limit is not None and (isinstance(self.limit, bool) or not isinstance(self.limit, int) or self.limit < 1):
            raise UsageError(Code.E306, value=self.limit)
        if self.actor is not None and not self.actor.strip():
            raise UsageError(Code.E901, value=self.actor, nearest=" (give a name or an actor id)")

    def where(self, alias: str = "c") -> tuple[str, list[Any]]:
        """SQL conditions on a claims alias, and their parameters."""
        clauses, params = [], []
        if self.actor:
            needle = self.actor.strip().lower()
            # the claim's speaker, or the speaker of one of its reports (the record joins one
            # speaker's spellings and a state's voices into one claim: record/speakers.py), with
            # accents folded ("Erdogan" is "Erdoğan"); or the speaker key the name stands for
            # ("Ministry of Defence of Russia" is Russia's state, as the record keys its voices)
            clauses.append(
                f"(contains(strip_accents(lower({alias}.speaker_name)), strip_accents(?)) OR "
                f"lower({alias}.speaker_actor) = ? OR "
                f"{alias}.speaker_actor IN (SELECT id FROM actors WHERE contains(strip_accents(lower(name)), strip_accents(?))) OR "
                f"{alias}.speaker_key IN (SELECT unnest(?::VARCHAR[])) OR "
                f"{alias}.id IN (SELECT r.claim_id FROM claim_reports r JOIN statements s "
                f"ON s.article_id = r.article_id AND s.\"index\" = r.statement "
                f"WHERE contains(strip_accents(lower(s.speaker_name)), strip_accents(?)) OR lower(s.speaker_actor) = ?))"
            )
            params += [needle, needle, needle, sorted(keys_for_name(self.actor)), needle, needle]
        if self.since:
            clauses.append(f"{alias}.said_start >= ?")
            params.append(parse_date(self.since, "since", end=False))
        if self.until:
            clauses.append(f"{alias}.said_start <= ?")
            params.append(parse_date(self.until, "until", end=True))
        if self.outlet:
            clauses.append(
                f"EXISTS (SELECT 1 FROM claim_reports r JOIN articles a ON a.id = r.article_id "
                f"WHERE r.claim_id = {alias}.id AND contains(lower(a.outlet), ?))"
            )
            params.append(self.outlet.strip().lower())
        return (" AND ".join(clauses) or "TRUE"), params

    def limit_sql(self) -> str:
        return f" LIMIT {int(self.limit)}" if self.limit else ""


_REPORTS = """
SELECT r.claim_id, r.article_id, r.statement, a.url, a.outlet, a.published, a.title,
       s.cue_text, s.content_text, s.certainty, s.stance, s.speaker_text, s.content_start, s.content_end,
       d.duplicate_of
FROM claim_reports r
JOIN articles a ON a.id = r.article_id
JOIN statements s ON s.article_id = r.article_id AND s."index" = r.statement
LEFT JOIN duplicates d ON d.article_id = r.article_id
WHERE r.claim_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY a.published NULLS LAST, r.article_id, r.statement
"""

_ANSWERS = """
SELECT x.claim_id AS answered, r.claim_id AS answering, x.stance, x.article_id, x.statement, x.score,
       c.speaker_name AS answering_speaker, ca.speaker_name AS answered_speaker, d.duplicate_of
FROM answers x
LEFT JOIN claim_reports r ON r.article_id = x.article_id AND r.statement = x.statement
LEFT JOIN claims c ON c.id = r.claim_id
LEFT JOIN claims ca ON ca.id = x.claim_id
LEFT JOIN duplicates d ON d.article_id = x.article_id
WHERE x.claim_id IN (SELECT unnest(?::VARCHAR[])) OR r.claim_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY x.article_id, x.statement
"""


def fetch(db: Database, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    """All rows of a query as JSON-ready dicts (``export.iter_rows``)."""
    return list(iter_rows(db.connection.execute(sql, params or [])))


def _claim_rows(db: Database, where: str, params: list[Any], order: str, limit: str) -> list[dict[str, Any]]:
    return fetch(db, f"SELECT c.* FROM claims c WHERE {where} ORDER BY {order}{limit}", params)


def _assemble(db: Database, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claim lines (the JSON shape in docs/schema.md) for claim rows."""
    conn = db.connection
    ids = [r["id"] for r in rows]
    reports: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in fetch(db, _REPORTS, [ids]):
        reports[r["claim_id"]].append(
            {
                "article": r["article_id"],
                "url": r["url"],
                "outlet": r["outlet"],
                "published": r["published"],
                "title": r["title"],
                "statement": r["statement"],
                "cue": r["cue_text"],
                "content": r["content_text"],
                "span": [r["content_start"], r["content_end"]],
                "certainty": r["certainty"],
                "duplicate": r["duplicate_of"] is not None,
                "duplicate_of": r["duplicate_of"],
            }
        )
    received: dict[str, list[dict[str, Any]]] = defaultdict(list)
    given: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for answered, answering, stance, article_id, statement, score, speaker, answered_speaker, copy_of in conn.execute(
        _ANSWERS, [ids, ids]
    ).fetchall():
        link = {"stance": stance, "article": article_id, "statement": statement, "score": score,
                "duplicate": copy_of is not None, "duplicate_of": copy_of}
        received[answered].append({"claim": answering, "speaker": speaker, **link})
        if answering:
            given[answering].append({"claim": answered, "speaker": answered_speaker, **link})
    out = []
    for row in rows:
        claim_reports = reports[row["id"]]
        distinct = {r["duplicate_of"] or r["article"] for r in claim_reports}
        out.append(
            {
                "id": row["id"],
                "speaker": {"name": row["speaker_name"], "actor": row["speaker_actor"]},
                "said": {"value": row["said_value"], "basis": row["said_basis"]},
                "content": row["content"],
                "cue": row["cue"],
                "stance": row["stance"],
                "position": row["position"],
                "first_report": {"article": row["first_article"], "statement": row["first_statement"],
                                 "published": row["first_published"]},
                "distinct_reports": len(distinct),
                "reports": claim_reports,
                "answers": received[row["id"]],
                "answers_to": given[row["id"]],
            }
        )
    return out


def claims(db: Database, filters: RecordFilters = RecordFilters(), *, text: str | None = None,
           claim_id: str | None = None) -> list[dict[str, Any]]:
    """Claim lines passing the filters, ordered by when they were said; ``text`` is a
    case-insensitive substring of the content; ``claim_id`` an id or its prefix."""
    where, params = filters.where()
    if text:
        where += " AND EXISTS (SELECT 1 FROM claim_reports r JOIN statements s ON s.article_id = r.article_id " \
                 "AND s.\"index\" = r.statement WHERE r.claim_id = c.id AND contains(lower(s.content_text), ?))"
        params.append(text.lower())
    if claim_id:
        where += " AND starts_with(c.id, ?)"
        params.append(claim_id.strip())
    rows = _claim_rows(db, where, params, "c.said_start NULLS LAST, c.first_published, c.id", filters.limit_sql())
    return _assemble(db, rows)


def resolve_actor(db: Database, actor: str) -> None:
    """Raise E901, naming the nearest known names, when no claim's speaker matches ``actor``."""
    needle = actor.strip().lower()
    if not needle:
        raise UsageError(Code.E901, value=actor, nearest=" (give a name or an actor id)")
    where, params = RecordFilters(actor).where()
    found = db.connection.execute(f"SELECT 1 FROM claims c WHERE {where} LIMIT 1", params).fetchall()
    if found:
        return
    names = [r[0] for r in db.connection.execute(
        "SELECT DISTINCT speaker_name FROM claims WHERE speaker_name IS NOT NULL "
        "UNION SELECT name FROM actors"
    ).fetchall()]
    nearest = difflib.get_close_matches(actor, names, n=3, cutoff=0.5) or difflib.get_close_matches(
        actor.lower(), [n.lower() for n in names], n=3, cutoff=0.5
    )
    hint = f" (nearest: {', '.join(nearest)})" if nearest else ""
    raise UsageError(Code.E901, value=actor, nearest=hint)


def timeline(db: Database, actor: str, filters: RecordFilters = RecordFilters()) -> list[dict[str, Any]]:
    """One actor's claims in the order they were said (not published), each a claim line."""
    resolve_actor(db, actor)
    return claims(db, RecordFilters(actor, filters.since, filters.until, filters.outlet, filters.limit))


def network(db: Database, filters: RecordFilters = RecordFilters(), relation: str | None = None,
            kind: str | None = None) -> list[dict[str, Any]]:
    """Directed, weighted actor edges (from claims and from events), strongest first, with the
    actors' names; ``actor`` keeps edges touching that actor, ``since``/``until`` filter by date."""
    clauses, params = [], []
    if filters.actor:
        needle = filters.actor.strip().lower()
        clauses.append(
            "(lower(e.source) = ? OR lower(e.target) = ? OR contains(lower(sa.name), ?) OR contains(lower(ta.name), ?))"
        )
        params += [needle, needle, needle, needle]
    if filters.since:
        clauses.append("e.last >= ?")
        params.append(parse_date(filters.since, "since", end=False))
    if filters.until:
        clauses.append("e.first <= ?")
        params.append(parse_date(filters.until, "until", end=True))
    if relation:
        clauses.append("lower(e.relation) = ?")
        params.append(relation.strip().lower())
    if kind:
        clauses.append("e.kind = ?")
        params.append(kind)
    where = " AND ".join(clauses) or "TRUE"
    source = "edges"
    if filters.outlet:
        # the network of what this outlet reported: its claims, and the events in its articles
        outlet_params = [filters.outlet.strip().lower()] * 2
        source = "(" + edges_sql(
            "EXISTS (SELECT 1 FROM claim_reports x JOIN articles o ON o.id = x.article_id "
            "WHERE x.claim_id = c.id AND contains(lower(o.outlet), ?))",
            "contains(lower(a.outlet), ?)",
        ) + ")"
        params = outlet_params + params
    return fetch(
        db,
        "SELECT e.source, COALESCE(sa.name, e.source) AS source_name, e.target, "
        "COALESCE(ta.name, e.target) AS target_name, e.relation, e.kind, e.weight, e.first, e.last "
        f"FROM {source} e LEFT JOIN actors sa ON sa.id = e.source LEFT JOIN actors ta ON ta.id = e.target "
        f"WHERE {where} ORDER BY e.weight DESC, e.source, e.target, e.relation{filters.limit_sql()}",
        params,
    )


def outlets(db: Database, filters: RecordFilters = RecordFilters(), topic_claims: list[str] | None = None) -> list[dict[str, Any]]:
    """Per outlet and speaker: how many distinct claims the outlet reported, in how many reports,
    and how many of those were wire copies (counted apart, never twice)."""
    where, params = filters.where()
    if topic_claims is not None:
        where += " AND c.id IN (SELECT unnest(?::VARCHAR[]))"
        params.append(topic_claims)
    return fetch(
        db,
        "SELECT COALESCE(a.outlet, '(unknown)') AS outlet, c.speaker_name AS speaker, c.speaker_actor AS actor, "
        "count(DISTINCT c.id) AS claims, "
        "count(DISTINCT CASE WHEN d.article_id IS NULL THEN r.article_id || ':' || r.statement END) AS reports, "
        "count(DISTINCT CASE WHEN d.article_id IS NOT NULL THEN r.article_id || ':' || r.statement END) AS copies "
        "FROM claims c JOIN claim_reports r ON r.claim_id = c.id JOIN articles a ON a.id = r.article_id "
        f"LEFT JOIN duplicates d ON d.article_id = r.article_id WHERE {where} "
        f"GROUP BY ALL ORDER BY claims DESC, reports DESC, outlet, speaker{filters.limit_sql()}",
        params,
    )
