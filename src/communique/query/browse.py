"""Questions the browser view (``communique serve``) asks: a corpus summary, a paged search over
statements, an article with its record links, an actor's profile, one claim, the places.

Owns: the SQL behind those pages and the shape of each answer (the JSON twins under ``/api``).
Must not: render, print or write. Every value reaches SQL as a ``?`` parameter; page sizes and
offsets are checked here (E306) so no caller can ask for an unbounded page.

Actors are named here by their exact id (the page's address), unlike the record filters, which
also match a substring of the name: ``/actors/RUS`` must not show the Russian military's claims.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..errors import Code, UsageError
from ..store import Database
from ..store.record_schema import edges_sql
from .record import RecordFilters, _assemble, _claim_rows, fetch
from ..record import text as text_terms
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
    # claim_counts (record/counts.py) holds each claim's reports, speaker and day: the ranking reads
    # it alone, and the claims table is read for the ten rows shown
    actors = fetch(db, "SELECT c.speaker_actor AS id, COALESCE(any_value(a.name), c.speaker_actor) AS name, "
                       "count(*) AS claims, sum(c.reports) AS reports FROM claim_counts c "
                       f"LEFT JOIN actors a ON a.id = c.speaker_actor WHERE c.speaker_actor IS NOT NULL AND {where} "
                       "GROUP BY c.speaker_actor ORDER BY reports DESC, claims DESC, name LIMIT ?", [*params, top])
    claims = fetch(db, "SELECT k.id, k.speaker_name AS speaker, k.speaker_actor AS actor, k.content, k.cue, k.stance, "
                       "k.said_value AS said, c.articles AS reports FROM (SELECT * FROM claim_counts c "
                       f"WHERE {where} ORDER BY c.articles DESC, c.said_start DESC NULLS LAST, c.claim_id LIMIT ?) c "
                       "JOIN claims k ON k.id = c.claim_id "
                       "ORDER BY c.articles DESC, c.said_start DESC NULLS LAST, c.claim_id", [*params, top])
    return {"counts": counts, "since": since, "until": until, "actors": actors, "claims": claims}


# BM25 (Robertson and Zaragoza's usual constants); a title word counts half a content word,
# since a title speaks for every statement of its article at once.
K1, B, TITLE_WEIGHT = 1.2, 0.75, 0.5
MAX_TERMS = 12

_RANKED = """
WITH hits AS (SELECT article_id, statement, term, tf, length FROM search_postings WHERE term IN ({terms})),
stats AS (SELECT unnest([true, false]) AS title,
                 unnest([count(*) FILTER (statement = -1), count(*) FILTER (statement >= 0)]) AS n,
                 unnest([avg(length) FILTER (statement = -1), avg(length) FILTER (statement >= 0)]) AS mean
          FROM search_docs),
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
    # First the page's keys (joining the statements only when a filter reads them), then the
    # page's columns for those keys alone: ranking 80,000 hits must not carry their texts along.
    join_statements = bool(actor or stance or certainty or (q.strip() and not words))
    statements_join = 'JOIN statements s ON s.article_id = r.article_id AND s."index" = r.statement ' if join_statements else ""
    if words:
        sql = (_RANKED.format(terms=", ".join("?" * len(words)), title_weight=TITLE_WEIGHT, k1=K1, b=B)
               + "SELECT r.article_id, r.statement, round(r.score, 3) AS score, count(*) OVER () AS total "
               f"FROM ranked r JOIN articles a ON a.id = r.article_id {statements_join}WHERE {where} "
               "ORDER BY r.score DESC, a.published DESC NULLS LAST, r.article_id, r.statement")
        params = [*words, len(words), *params]
    else:
        sql = ('SELECT r.article_id, r."index" AS statement, NULL AS score, count(*) OVER () AS total '
               f"FROM search_docs_all r JOIN articles a ON a.id = r.article_id {statements_join}WHERE {where} "
               "ORDER BY a.published DESC NULLS LAST, r.article_id, r.\"index\"")
        sql = sql.replace("search_docs_all", "(SELECT article_id, \"index\", \"index\" AS statement FROM statements)")
    keys = db.connection.execute(sql + " LIMIT ? OFFSET ?", [*params, size, offset]).fetchall()
    if keys:
        total = keys[0][3]
    else:  # past the last page: count alone
        total = db.connection.execute(f"SELECT count(*) FROM ({sql})", params).fetchall()[0][0]
    rows = {(r["article"], r["statement"]): r for r in fetch(
        db, 'SELECT s.article_id AS article, s."index" AS statement, s.speaker_name AS speaker, '
            "s.speaker_actor AS actor, s.cue_text AS cue, s.content_text AS content, s.stance, s.certainty, "
            "a.title, a.outlet, a.published FROM statements s JOIN articles a ON a.id = s.article_id "
            "WHERE s.article_id IN (SELECT unnest(?::VARCHAR[]))", [sorted({k[0] for k in keys})])}
    hits = [{**rows[(article_id, statement)], "score": score} for article_id, statement, score, _ in keys]
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
    """One actor (by exact id): its claims in the order said (each as a claim line without its
    reports: ``/claims/{id}`` has them), counts by stance and position, its network neighbours
    (whom it accuses, supports or denies, and who does so to it) and the outlets that quote it;
    None when no such actor."""
    _page(limit, 0)
    found = fetch(db, "SELECT * FROM actors WHERE id = ?", [actor_id])
    if not found:
        return None
    rows = fetch(db, "SELECT * FROM claims WHERE speaker_actor = ? "
                     "ORDER BY said_start NULLS LAST, first_published, id LIMIT ?", [actor_id, limit])
    counted = dict(db.connection.execute("SELECT claim_id, articles FROM claim_counts WHERE claim_id IN "
                                         "(SELECT unnest(?::VARCHAR[]))", [[r["id"] for r in rows]]).fetchall())
    claims = [{"id": r["id"], "speaker": {"name": r["speaker_name"], "actor": r["speaker_actor"]},
               "said": {"value": r["said_value"], "basis": r["said_basis"]}, "content": r["content"],
               "cue": r["cue"], "stance": r["stance"], "position": r["position"],
               "first_report": {"article": r["first_article"], "statement": r["first_statement"],
                                "published": r["first_published"]},
               "distinct_reports": counted.get(r["id"], 0)} for r in rows]
    positions = fetch(db, "SELECT position, stance, count(*) AS claims FROM claims WHERE speaker_actor = ? "
                          "GROUP BY ALL ORDER BY claims DESC, position, stance", [actor_id])
    topics = _topics(db, [c["id"] for c in claims], [c["content"] or "" for c in claims])
    # the network around this actor alone: the edges view would weigh every claim of the corpus
    # (``t`` is the claim's target in edges_sql: its edge runs c.speaker_actor -> t.actor_id)
    around = edges_sql("(c.speaker_actor = ? OR t.actor_id = ?)", "(e.source_actor = ? OR e.target_actor = ?)")
    edges = fetch(db, "SELECT e.source, COALESCE(sa.name, e.source) AS source_name, e.target, "
                      "COALESCE(ta.name, e.target) AS target_name, e.relation, e.kind, e.weight, e.first, e.last "
                      f"FROM ({around}) e LEFT JOIN actors sa ON sa.id = e.source LEFT JOIN actors ta ON ta.id = e.target "
                      "WHERE e.source = ? OR e.target = ? "
                      "ORDER BY e.weight DESC, e.source, e.target, e.relation LIMIT 100", [actor_id] * 6)
    outlets = fetch(db, "SELECT COALESCE(a.outlet, '(unknown)') AS outlet, count(DISTINCT c.id) AS claims, "
                        "count(*) AS reports FROM claims c JOIN claim_reports r ON r.claim_id = c.id "
                        "JOIN articles a ON a.id = r.article_id WHERE c.speaker_actor = ? "
                        "GROUP BY ALL ORDER BY claims DESC, reports DESC, outlet LIMIT 100", [actor_id])
    return {"actor": found[0], "claims": claims, "positions": positions, "topics": topics, "network": edges,
            "outlets": outlets}


TOPICS = 8
# negations are content terms to the record (they carry a position) but no topic of their own
_NOT_TOPICS = sorted(set(terms(" ".join(text_terms._KEEP))))


def _topics(db: Database, claim_ids: list[str], contents: list[str]) -> list[dict[str, Any]]:
    """What the listed claims speak about most, by their content terms weighed by their rarity in
    the corpus (TF-IDF over ``claim_reports.terms`` and ``record_terms``), each with the actor's
    positions on it; a term is shown as the word it most often stems from in those claims."""
    rows = db.connection.execute(
        "WITH mine AS (SELECT DISTINCT r.claim_id, c.position, unnest(string_split(r.terms, ' ')) AS term "
        "FROM claim_reports r JOIN claims c ON c.id = r.claim_id WHERE r.claim_id IN (SELECT unnest(?::VARCHAR[]))), "
        "documents AS (SELECT greatest(sum(df), 1) AS n FROM record_terms) "
        "SELECT m.term, count(DISTINCT m.claim_id) AS claims, list(COALESCE(m.position, 'unknown')) AS positions "
        "FROM mine m LEFT JOIN record_terms t ON t.term = m.term, documents "
        "WHERE length(m.term) > 1 AND m.term NOT IN (SELECT unnest(?::VARCHAR[])) GROUP BY m.term, t.df, documents.n "
        "ORDER BY count(DISTINCT m.claim_id) * ln(documents.n / (COALESCE(t.df, 0) + 1)) DESC, m.term LIMIT ?",
        [claim_ids, _NOT_TOPICS, TOPICS]).fetchall()
    words: dict[str, Counter[str]] = {}
    for content in contents:
        for word in content.split():
            stemmed = terms(word)
            if len(stemmed) == 1:
                words.setdefault(stemmed[0], Counter())[word.strip(".,;:!?\"'()[]“”‘’").lower()] += 1
    return [{"topic": words[term].most_common(1)[0][0] if term in words else term, "term": term, "claims": claims,
             "positions": dict(Counter(positions).most_common())} for term, claims, positions in rows]


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


def place(db: Database, *, geonameid: int | None = None, name: str | None = None,
          limit: int = 100) -> dict[str, Any] | None:
    """One place (by GeoNames id, or by resolved name when it has none): its newest mentions, the
    statements whose content holds a mention, and the events that happened there; None when no
    article mentions it."""
    _page(limit, 0)
    where, key = ("p.geonameid = ?", geonameid) if geonameid is not None else ("p.geonameid IS NULL AND p.name = ?", name)
    mentions = fetch(db, 'SELECT p.article_id AS article, p."index", p.text, p.start, p."end", p.name, p.country, '
                         "a.title, a.outlet, a.published FROM places p JOIN articles a ON a.id = p.article_id "
                         f'WHERE {where} ORDER BY a.published DESC NULLS LAST, p.article_id, p."index" LIMIT ?',
                     [key, limit])
    if not mentions:
        return None
    shown = "(SELECT unnest(?::VARCHAR[]) AS article_id, unnest(?::INTEGER[]) AS place, " \
            "unnest(?::INTEGER[]) AS start, unnest(?::INTEGER[]) AS \"end\")"
    spans = [[m["article"] for m in mentions], [m["index"] for m in mentions],
             [m["start"] for m in mentions], [m["end"] for m in mentions]]
    statements = fetch(db, 'SELECT DISTINCT s.article_id AS article, s."index" AS statement, s.speaker_name AS speaker, '
                           "s.speaker_actor AS actor, s.cue_text AS cue, s.content_text AS content, s.stance "
                           f"FROM statements s JOIN {shown} m ON m.article_id = s.article_id "
                           'AND s.content_start <= m.start AND m."end" <= s.content_end '
                           'ORDER BY s.article_id, s."index" LIMIT ?', [*spans, limit])
    events = fetch(db, 'SELECT e.article_id AS article, e."index" AS event, e.type, e.mode, e.source_name AS source, '
                       "e.source_actor, e.target_name AS target, e.target_actor, e.trigger_text AS trigger "
                       f"FROM events e JOIN {shown} m ON m.article_id = e.article_id AND e.place = m.place "
                       'ORDER BY e.article_id, e."index" LIMIT ?', [*spans, limit])
    first = mentions[0]
    return {"place": {"name": first["name"], "country": first["country"], "geonameid": geonameid},
            "mentions": mentions, "statements": statements, "events": events}
