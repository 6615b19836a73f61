"""How often each claim was reported: kept per claim as the record changes, so that the most-reported
claims and actors (the dashboard's home page) are a read of one small table, not a count over every
report of the corpus at every request.

Owns: ``claim_counts`` (``store/record_schema.py``): per claim, its speaker's actor id, the day it
was said, its reports and the distinct articles that carry them (a wire copy counted once, as its
original). Must not: decide what a claim
or a copy is (``claims.py`` and ``duplicates.py`` did).
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

# The claim's speaker and date are copied in, so that "most reported, said in this range" and
# "most reported actors" read this table alone.
_COUNT = (
    "INSERT OR REPLACE INTO claim_counts SELECT r.claim_id, any_value(c.speaker_actor), any_value(c.said_start), "
    "count(*), count(DISTINCT COALESCE(d.duplicate_of, r.article_id)) FROM claim_reports r "
    "JOIN claims c ON c.id = r.claim_id LEFT JOIN duplicates d ON d.article_id = r.article_id "
    "WHERE r.claim_id IN ({claims}) GROUP BY r.claim_id"
)


def count_reports(conn: duckdb.DuckDBPyConnection, claim_ids: Iterable[str]) -> None:
    """Count again the reports of these claims (the ones a record update changed), inside the
    caller's transaction."""
    ids = sorted(claim_ids)
    if ids:
        conn.execute(_COUNT.format(claims="SELECT unnest(?::VARCHAR[])"), [ids])


def catch_up(conn: duckdb.DuckDBPyConnection) -> None:
    """Count the claims that have no count yet (all of them after a migration)."""
    conn.execute(_COUNT.format(claims="SELECT id FROM claims WHERE id NOT IN (SELECT claim_id FROM claim_counts)"))
