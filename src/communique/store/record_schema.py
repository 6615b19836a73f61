"""The corpus record's tables: what the record layer (``communique.record``) derives from the
stored articles, in the same database.

Owns: the DDL of the record tables and views, and what a database of an older schema version
needs to reach this one. Must not: fill the tables (``communique.record`` does) or open
connections.

Every table here is derived: ``communique record --rebuild`` empties them and builds them again
from the stored articles, oldest publication first (an ingest builds them at its end, the same
way; a later ingest of older articles can group claims differently until it is rebuilt). ``record_articles`` lists the articles the record has taken in, which is
what makes an update incremental: an update reads only articles that are not listed yet.

- ``article_signatures`` / ``article_buckets``: each article's MinHash signature and its LSH band
  buckets, the near-duplicate index (kept here so detection works across separate ingest runs).
- ``duplicates``: an article that is a near copy of an earlier one, and which (``duplicate_of``
  is always the group's first-published article, never itself a duplicate).
- ``claims`` / ``claim_reports``: one row per claim (one saying, however often reported) and one
  per report (a statement in an article); ``claim_targets`` the actors a claim is about.
- ``answers``: a statement that denies, rejects, confirms or admits a claim (in another article,
  or the same one).
- ``record_terms``: document frequency of each content term over all reports (for IDF).
- ``search_postings`` / ``search_docs``: the full-text search index (``record/search_index.py``):
  each statement's content terms and each article's title terms (``statement`` = -1), with the
  term frequency and the document's length in terms; and each document's length (for BM25 in ``query/browse.py``).
- ``claim_counts``: per claim, its speaker's actor, said day, reports and distinct articles (copies
  once), kept as the record
  changes (``record/counts.py``) for the most-reported lists.
- Views: ``positions`` (each claim's stated position), ``edges`` (the actor network from claims
  and events, duplicates counted once).
"""

from __future__ import annotations

RECORD_TABLES = (
    "record_articles",
    "article_signatures",
    "article_buckets",
    "duplicates",
    "claims",
    "claim_reports",
    "claim_targets",
    "answers",
    "record_terms",
    "search_postings",
    "search_docs",
    "claim_counts",
)

_TABLE_DDL = (
    "CREATE TABLE IF NOT EXISTS record_articles (article_id VARCHAR PRIMARY KEY, recorded_at TIMESTAMP)",
    "CREATE TABLE IF NOT EXISTS article_signatures ("
    "article_id VARCHAR PRIMARY KEY, shingles INTEGER, signature BLOB)",
    "CREATE TABLE IF NOT EXISTS article_buckets (band SMALLINT, bucket BIGINT, article_id VARCHAR)",
    "CREATE INDEX IF NOT EXISTS article_buckets_lookup ON article_buckets (band, bucket)",
    "CREATE TABLE IF NOT EXISTS duplicates ("
    "article_id VARCHAR PRIMARY KEY, duplicate_of VARCHAR, similarity DOUBLE)",
    "CREATE TABLE IF NOT EXISTS claims ("
    "id VARCHAR PRIMARY KEY, speaker_key VARCHAR, speaker_name VARCHAR, speaker_actor VARCHAR, "
    "said_value VARCHAR, said_basis VARCHAR, said_start DATE, said_end DATE, "
    "content VARCHAR, cue VARCHAR, stance VARCHAR, position VARCHAR, "
    "first_article VARCHAR, first_statement INTEGER, first_published DATE)",
    "CREATE INDEX IF NOT EXISTS claims_by_speaker ON claims (speaker_key)",
    "CREATE TABLE IF NOT EXISTS claim_reports ("
    "article_id VARCHAR, statement INTEGER, claim_id VARCHAR, terms VARCHAR, vector FLOAT[], "
    "similarity DOUBLE, PRIMARY KEY (article_id, statement))",
    "CREATE INDEX IF NOT EXISTS claim_reports_by_claim ON claim_reports (claim_id)",
    "CREATE TABLE IF NOT EXISTS claim_targets (claim_id VARCHAR, actor_id VARCHAR, PRIMARY KEY (claim_id, actor_id))",
    "CREATE TABLE IF NOT EXISTS answers ("
    "article_id VARCHAR, statement INTEGER, claim_id VARCHAR, stance VARCHAR, score DOUBLE, "
    "PRIMARY KEY (article_id, statement))",
    "CREATE TABLE IF NOT EXISTS record_terms (term VARCHAR PRIMARY KEY, df INTEGER)",
    # the search index (record/search_index.py): statement = -1 is the article's title
    "CREATE TABLE IF NOT EXISTS search_postings ("
    "term VARCHAR, article_id VARCHAR, statement INTEGER, tf SMALLINT, length INTEGER)",
    "CREATE TABLE IF NOT EXISTS search_docs ("
    "article_id VARCHAR, statement INTEGER, length INTEGER, PRIMARY KEY (article_id, statement))",
    "CREATE TABLE IF NOT EXISTS claim_counts (claim_id VARCHAR PRIMARY KEY, speaker_actor VARCHAR, said_start DATE, "
    "reports INTEGER, articles INTEGER)",
)

# Relations a claim's cue stance puts on the edge from its speaker to the actors it is about.
STANCE_RELATIONS = {
    "accuse": "accuses",
    "claim": "accuses",
    "deny": "denies",
    "praise": "supports",
    "agree": "supports",
    "threaten": "threatens",
    "warn": "threatens",
    "urge": "appeals to",
    "ask": "appeals to",
    "suggest": "appeals to",
}

_VIEW_DDL = (
    # A claim's stated position, with its speaker and date (the topic is matched at query time).
    "CREATE OR REPLACE VIEW positions AS SELECT c.id AS claim_id, c.speaker_name AS actor, "
    "c.speaker_actor AS actor_id, c.said_value, c.said_start, c.position, c.content FROM claims c",
    # Directed edges, duplicates counted once (edges_sql below).
    "CREATE OR REPLACE VIEW edges AS " + "{edges}",
)


def edges_sql(claims_where: str = "TRUE", events_where: str = "TRUE") -> str:
    """The actor network: speaker -> each actor a claim is about, with the relation its stance
    gives, weighted by distinct claims; source -> target of events outside wire copies, weighted
    by events. ``claims_where`` / ``events_where`` narrow it (aliases ``c`` and ``e``/``a``)."""
    relations = ", ".join(f"('{stance}', '{relation}')" for stance, relation in STANCE_RELATIONS.items())
    return (
        "SELECT c.speaker_actor AS source, t.actor_id AS target, "
        "COALESCE(r.relation, 'comments on') AS relation, 'claim' AS kind, "
        "count(DISTINCT c.id) AS weight, min(c.said_start) AS first, max(c.said_start) AS last "
        "FROM claims c JOIN claim_targets t ON t.claim_id = c.id "
        f"LEFT JOIN (SELECT * FROM (VALUES {relations}) v(stance, relation)) r ON r.stance = c.stance "
        f"WHERE c.speaker_actor IS NOT NULL AND t.actor_id <> c.speaker_actor AND ({claims_where}) "
        "GROUP BY ALL "
        "UNION ALL "
        "SELECT e.source_actor, e.target_actor, e.type, 'event', count(*), min(a.published), max(a.published) "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE e.source_actor IS NOT NULL AND e.target_actor IS NOT NULL AND e.source_actor <> e.target_actor "
        f"AND e.article_id NOT IN (SELECT article_id FROM duplicates) AND ({events_where}) "
        "GROUP BY ALL"
    )


def record_ddl() -> list[str]:
    """The statements that create every missing record table and (re)create the views."""
    return [*_TABLE_DDL, *(view.replace("{edges}", edges_sql()) for view in _VIEW_DDL)]
