"""Positions: what each actor has said about a topic, claim by claim, in the order said, so that a
change of position shows.

Owns: matching a free-text topic ("peace talks") to claims by meaning, and the position lines.
Must not: decide a claim's position (``record/polarity.py`` did, when the claim was recorded).

Matching. The topic and each report's content are compared as IDF-weighted stemmed terms
(``record/text.py``): a claim matches when its reports cover at least ``TOPIC_COVERAGE`` of the
topic's weight (``peace talks`` matches ``return to the talks``: "talks" is the rarer word).
When the record was built with the encoder (``--accurate``), a claim also matches when the
MiniLM cosine between the topic and a report reaches ``TOPIC_SIMILARITY`` (``peace talks``
matches ``negotiations with Putin``).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..record import text as lexical
from ..store import Database
from .export import plain
from .record import RecordFilters

TOPIC_COVERAGE = 0.5
TOPIC_SIMILARITY = 0.45
TITLE_WEIGHT = 0.5


def _idf_weights(db: Database, topic_terms: list[str]) -> dict[str, float]:
    conn = db.connection
    documents = conn.execute("SELECT count(*) FROM claim_reports").fetchall()[0][0]
    df = dict(conn.execute(
        "SELECT term, df FROM record_terms WHERE term IN (SELECT unnest(?::VARCHAR[]))", [topic_terms]
    ).fetchall())
    return lexical.weights(topic_terms, df, documents)


def topic_claims(db: Database, topic: str, filters: RecordFilters = RecordFilters(),
                 encoder: Any = None) -> dict[str, float]:
    """Claims about ``topic``, each with how well it matches (0 to 1).

    A report matches by its own words (``coverage`` of the topic's weight), or by its article's
    headline together with its own words: a claim in a story headlined "Russia quits Black Sea
    grain deal" is about the grain deal even when it says "the agreements" (``TITLE_WEIGHT`` of
    the headline's coverage plus the rest of the content's). On the dev gold the headline took
    the share of gold positions found from 36.8% to 52.6%; expanding the topic with the words
    its clearest matches share (pseudo-relevance feedback) found fewer (47.4%) and was dropped.
    """
    topic_terms = lexical.terms(topic)
    where, params = filters.where()
    matched: dict[str, float] = defaultdict(float)
    if topic_terms:
        weights = _idf_weights(db, topic_terms)
        # Only a report holding a topic term, in its content or its headline, can reach the
        # coverage asked for: the search index finds those without reading every report.
        rows = db.connection.execute(
            f"SELECT r.claim_id, r.terms, a.title FROM claim_reports r JOIN claims c ON c.id = r.claim_id "
            f"JOIN articles a ON a.id = r.article_id WHERE {where} AND (r.article_id, r.statement) IN ("
            "SELECT article_id, statement FROM search_postings WHERE term IN (SELECT unnest(?::VARCHAR[])) "
            "UNION SELECT s.article_id, s.\"index\" FROM search_postings p JOIN statements s "
            "ON s.article_id = p.article_id WHERE p.statement = -1 AND p.term IN (SELECT unnest(?::VARCHAR[])))",
            [*params, topic_terms, topic_terms],
        ).fetchall()
        headlines: dict[str, set[str]] = {}  # an article's reports share its headline: stem it once
        for _, _, title in rows:
            if (title or "") not in headlines:
                headlines[title or ""] = set(lexical.terms(title or ""))
        reports = [(claim_id, set((terms or "").split()), headlines[title or ""]) for claim_id, terms, title in rows]
        for claim_id, terms, title in reports:
            own = lexical.coverage(weights, dict.fromkeys(terms, 1.0))
            in_title = lexical.coverage(weights, dict.fromkeys(title, 1.0))
            score = max(own, TITLE_WEIGHT * in_title + (1 - TITLE_WEIGHT) * own)
            if score >= TOPIC_COVERAGE:
                matched[claim_id] = max(matched[claim_id], score)
    if encoder is not None and _has_vectors(db):
        vector = [float(x) for x in encoder.encode([topic])[0]]
        rows = db.connection.execute(
            f"SELECT r.claim_id, max(list_cosine_similarity(r.vector, ?::FLOAT[])) AS s "
            f"FROM claim_reports r JOIN claims c ON c.id = r.claim_id WHERE {where} AND r.vector IS NOT NULL "
            f"GROUP BY r.claim_id HAVING s >= ?",
            [vector, *params, TOPIC_SIMILARITY],
        ).fetchall()
        for claim_id, score in rows:
            matched[claim_id] = max(matched[claim_id], float(score))
    return dict(matched)


def _has_vectors(db: Database) -> bool:
    return bool(db.connection.execute("SELECT 1 FROM claim_reports WHERE vector IS NOT NULL LIMIT 1").fetchall())


def positions(db: Database, topic: str, filters: RecordFilters = RecordFilters(),
              encoder: Any = None) -> list[dict[str, Any]]:
    """Position lines on ``topic`` (the JSON shape in docs/schema.md), per actor in the order said;
    ``change`` marks a position that differs from the actor's previous one on the topic."""
    matched = topic_claims(db, topic, RecordFilters(filters.actor, filters.since, filters.until, filters.outlet),
                           encoder)
    if not matched:
        return []
    cursor = db.connection.execute(
        "SELECT c.id, c.speaker_name, c.speaker_actor, c.said_value, c.said_basis, c.said_start, c.position, "
        "c.content, c.cue, c.stance FROM claims c WHERE c.id IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY COALESCE(c.speaker_actor, c.speaker_name), c.said_start NULLS LAST, c.first_published, c.id"
        # the first lines in this order are the same lines, with the same changes, as before the limit
        + filters.limit_sql(),
        [sorted(matched)],
    )
    names = [d[0] for d in cursor.description]
    lines, previous = [], {}
    for row in (plain(names, r) for r in cursor.fetchall()):
        actor_key = row["speaker_actor"] or row["speaker_name"]
        lines.append(
            {
                "actor": row["speaker_name"],
                "actor_id": row["speaker_actor"],
                "topic": topic,
                "said": {"value": row["said_value"], "basis": row["said_basis"]},
                "position": row["position"],
                "change": actor_key in previous and previous[actor_key] != row["position"],
                "claim": row["id"],
                "content": row["content"],
                "cue": row["cue"],
                "match": round(matched[row["id"]], 3),
            }
        )
        previous[actor_key] = row["position"]
    return lines[: filters.limit] if filters.limit else lines
