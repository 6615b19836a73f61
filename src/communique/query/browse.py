"""Questions the browser view (``communique serve``) asks: a corpus summary, a paged search over
statements, an article with its record links, an actor's profile, one claim, the places.

Owns: the SQL behind those pages and the shape of each answer (the JSON twins under ``/api``).
Must not: render, print or write. Every value reaches SQL as a ``?`` parameter; page sizes and
offsets are checked here (E306) so no caller can ask for an unbounded page.

Actors are named here by their exact id (the page's address), unlike the record filters, which
also match a substring of the name: ``/actors/RUS`` must not show the Russian military's claims.
"""

from __future__ import annotations

from typing import Any

from ..errors import Code, UsageError
from ..store import Database
from .record import RecordFilters, _assemble, _claim_rows, fetch
from ..record.text import terms
from .sql import parse_date

MAX_PAGE = 200


def _page(size: int, offset: int) -> None:
    for value in (size, offset):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise UsageError(Code.E306, value=value)
    if not 1 <= size <= MAX_PAGE:
        raise UsageError(Code.E306, value=size)


def summary(db: Database, since: str | None = None, until: str | None = None, top: int = 10) -> dict[str, Any]:
    """Corpus counts, its date range, and the most-reported actors and claims (said in the range)."""
    _page(top, 0)
    counts = fetch(db, "SELECT (SELECT count(*) FROM articles) AS articles, "
                       "(SELECT count(DISTINCT outlet) FROM articles) AS outlets, "
                       "(SELECT count(*) FROM statements) AS statements, (SELECT count(*) FROM claims) AS claims, "
                       "(SELECT count(*) FROM actors) AS actors, "
                       "(SELECT min(published) FROM articles) AS first, (SELECT max(published) FROM articles) AS last")[0]
    where, params = RecordFilters(since=since, until=until).where()  # said in the range
    actors = fetch(db, "SELECT c.speaker_actor AS id, COALESCE(a.name, any_value(c.speaker_name)) AS name, "
                       "count(DISTINCT c.id) AS claims, count(*) AS reports "
                       "FROM claims c JOIN claim_reports r ON r.claim_id = c.id LEFT JOIN actors a ON a.id = c.speaker_actor "
                       f"WHERE c.speaker_actor IS NOT NULL AND {where} GROUP BY c.speaker_actor, a.name "
                       "ORDER BY reports DESC, claims DESC, name LIMIT ?", [*params, top])
    claims = fetch(db, "SELECT c.id, c.speaker_name AS speaker, c.speaker_actor AS actor, c.content, c.cue, c.stance, "
                       "c.said_value AS said, count(DISTINCT COALESCE(d.duplicate_of, r.article_id)) AS reports "
                       "FROM claims c JOIN claim_reports r ON r.claim_id = c.id "
                       f"LEFT JOIN duplicates d ON d.article_id = r.article_id WHERE {where} "
                       "GROUP BY c.id, c.speaker_name, c.speaker_actor, c.content, c.cue, c.stance, c.said_value, c.said_start ORDER BY reports DESC, c.said_start DESC NULLS LAST, c.id LIMIT ?", [*params, top])
    return {"counts": counts, "since": since, "until": until, "actors": actors, "claims": claims}


# BM25 (Robertson and Zaragoza's usual constants); a title word counts half a content word,
# since a title speaks for every statement of its article at once.
K1, B, TITLE_WEIGHT = 1.2, 0.75, 0.5
MAX_TERMS = 12

_RANKED = """
WITH hits AS (
  SELECT p.article_id, p.statement, p.term, p.tf, d.length
  FROM search_postings p JOIN search_docs d ON d.article_id = p.article_id AND d.statement = p.statement
  WHERE p.term IN ({terms})),
stats AS (SELECT statement = -1 AS title, count(*) AS n, avg(length) AS mean FROM search_docs GROUP BY ALL),
df AS (SELECT term, statement = -1 AS title, count(*) AS df FROM hits GROUP BY ALL),
weighted AS (
  SELECT h.article_id, h.statement, h.term,
    (CASE WHEN h.statement = -1 THEN {title_weight} ELSE 1.0 END) * ln(1 + (st.n - df.df + 0.5) / (df.df + 0.5))
    * h.tf * ({k1} + 1) / (h.tf + {k1} * (1 - {b} + {b} * h.length / greatest(st.mean, 1))) AS w
  FROM hits h JOIN df ON df.term = h.term AND df.title = (h.statement = -1)
  JOIN stats st ON st.title = (h.statement = -1)),
per_statement AS (
  SELECT article_id, statement, term, w FROM weighted WHERE statement >= 0
  UNION ALL
  SELECT s.article_id, s."index", w.term, w.w FROM weighted w JOIN statements s ON s.article_id = w.article_id
  WHERE w.statement = -1),
ranked AS (
  SELECT article_id, statement, sum(w) AS score FROM per_statement GROUP BY ALL HAVING count(DISTINCT term) = ?)
"""


def search(db: Database, q: str = "", *, actor: str | None = None, outlet: str | None = None,
           since: str | None = None, until: str | None = None, stance: str | None = None,
           certainty: str | None = None, size: int = 20, offset: int = 0) -> dict[str, Any]:
    """Statements whose content or article title holds every word of ``q`` (stemmed, as the
    record compares claims), ranked by BM25 over the search index, filtered, one page of ``size``
    from ``offset``, with the total count. A ``q`` of stop words or symbols alone is matched as a
    substring instead; no ``q`` lists the newest statements."""
    _page(size, offset)
    words = sorted(set(terms(q)))[:MAX_TERMS]
    clauses, params = ["TRUE"], []
    if q.strip() and not words:
        clauses.append("(contains(lower(s.content_text), ?) OR contains(lower(a.title), ?))")
        params += [q.strip().lower()] * 2
    if actor:
        clauses.append("(contains(lower(s.speaker_name), ?) OR lower(s.speaker_actor) = ?)")
        params += [actor.strip().lower()] * 2
    if outlet:
        clauses.append("contains(lower(a.outlet), ?)")
        params.append(outlet.strip().lower())
    if since:
        clauses.append("a.published >= ?")
        params.append(parse_date(since, "since", end=False))
    if until:
        clauses.append("a.published <= ?")
        params.append(parse_date(until, "until", end=True))
    for name, value in (("stance", stance), ("certainty", certainty)):
        if value:
            clauses.append(f"s.{name} = ?")
            params.append(value)
    where = " AND ".join(clauses)
    columns = ('s.article_id AS article, s."index" AS statement, s.speaker_name AS speaker, '
               "s.speaker_actor AS actor, s.cue_text AS cue, s.content_text AS content, s.stance, s.certainty, "
               "a.title, a.outlet, a.published")
    newest = 'a.published DESC NULLS LAST, s.article_id, s."index"'
    if words:
        sql = (_RANKED.format(terms=", ".join("?" * len(words)), title_weight=TITLE_WEIGHT, k1=K1, b=B)
               + f"SELECT {columns}, round(r.score, 3) AS score, count(*) OVER () AS total FROM ranked r "
               'JOIN statements s ON s.article_id = r.article_id AND s."index" = r.statement '
               f"JOIN articles a ON a.id = s.article_id WHERE {where} ORDER BY r.score DESC, {newest}")
        params = [*words, len(words), *params]
    else:
        sql = (f"SELECT {columns}, NULL AS score, count(*) OVER () AS total "
               f"FROM statements s JOIN articles a ON a.id = s.article_id WHERE {where} ORDER BY {newest}")
    hits = fetch(db, sql + " LIMIT ? OFFSET ?", [*params, size, offset])
    if hits:
        total = hits[0]["total"]
    else:  # past the last page: count alone
        total = db.connection.execute(f"SELECT count(*) FROM ({sql})", params).fetchall()[0][0]
    for hit in hits:
        del hit["total"]
    choices = {name: [r[0] for r in db.connection.execute(
        f"SELECT DISTINCT {name} FROM statements WHERE {name} IS NOT NULL ORDER BY 1").fetchall()]
        for name in ("stance", "certainty")}
    return {"q": q, "terms": words, "total": total, "size": size, "offset": offset, "results": hits,
            "choices": choices}


def article(db: Database, article_id: str) -> dict[str, Any] | None:
    """The stored article (as ``analyze --format json``) plus, per statement index, the claim it
    reports and the claims it answers; None when there is no such article."""
    found = db.get_article(article_id)
    if found is None:
        return None
    reports = fetch(db, "SELECT statement, claim_id FROM claim_reports WHERE article_id = ?", [article_id])
    answers = fetch(db, "SELECT x.statement, x.claim_id, x.stance, c.speaker_name AS speaker, c.content "
                        "FROM answers x LEFT JOIN claims c ON c.id = x.claim_id WHERE x.article_id = ? "
                        "ORDER BY x.statement, x.claim_id", [article_id])
    duplicate = fetch(db, "SELECT duplicate_of FROM duplicates WHERE article_id = ?", [article_id])
    found["record"] = {
        "claims": {str(r["statement"]): r["claim_id"] for r in reports},
        "answers": {str(r["statement"]): [a for a in answers if a["statement"] == r["statement"]]
                    for r in answers},
        "duplicate_of": duplicate[0]["duplicate_of"] if duplicate else None,
    }
    return found


def actor(db: Database, actor_id: str, limit: int = 200) -> dict[str, Any] | None:
    """One actor (by exact id): its claims in the order said, counts by stance and position,
    its network neighbours and the outlets that quote it; None when no such actor."""
    _page(limit, 0)
    found = fetch(db, "SELECT * FROM actors WHERE id = ?", [actor_id])
    if not found:
        return None
    rows = _claim_rows(db, "c.speaker_actor = ?", [actor_id], "c.said_start NULLS LAST, c.first_published, c.id",
                       f" LIMIT {int(limit)}")
    claims = _assemble(db, rows)
    positions = fetch(db, "SELECT position, stance, count(*) AS claims FROM claims WHERE speaker_actor = ? "
                          "GROUP BY ALL ORDER BY claims DESC, position, stance", [actor_id])
    edges = fetch(db, "SELECT e.source, COALESCE(sa.name, e.source) AS source_name, e.target, "
                      "COALESCE(ta.name, e.target) AS target_name, e.relation, e.kind, e.weight, e.first, e.last "
                      "FROM edges e LEFT JOIN actors sa ON sa.id = e.source LEFT JOIN actors ta ON ta.id = e.target "
                      "WHERE e.source = ? OR e.target = ? ORDER BY e.weight DESC, e.source, e.target, e.relation LIMIT 100",
                  [actor_id, actor_id])
    outlets = fetch(db, "SELECT COALESCE(a.outlet, '(unknown)') AS outlet, count(DISTINCT c.id) AS claims, "
                        "count(*) AS reports FROM claims c JOIN claim_reports r ON r.claim_id = c.id "
                        "JOIN articles a ON a.id = r.article_id WHERE c.speaker_actor = ? "
                        "GROUP BY ALL ORDER BY claims DESC, reports DESC, outlet LIMIT 100", [actor_id])
    return {"actor": found[0], "claims": claims, "positions": positions, "network": edges, "outlets": outlets}


def claim(db: Database, claim_id: str) -> dict[str, Any] | None:
    """One claim line (exact id): every report and every answer; None when no such claim."""
    rows = _claim_rows(db, "c.id = ?", [claim_id], "c.id", "")
    return _assemble(db, rows)[0] if rows else None


def places(db: Database, limit: int = 100) -> list[dict[str, Any]]:
    """Resolved places by how many articles mention them, with a few of those articles."""
    _page(limit, 0)
    return fetch(db, "SELECT p.name, p.country, p.geonameid, any_value(p.lat) AS lat, any_value(p.lon) AS lon, "
                     "count(*) AS mentions, count(DISTINCT p.article_id) AS articles, "
                     "list(DISTINCT p.article_id ORDER BY p.article_id)[1:5] AS sample "
                     "FROM places p WHERE p.name IS NOT NULL GROUP BY p.name, p.country, p.geonameid "
                     "ORDER BY mentions DESC, p.name LIMIT ?", [limit])
