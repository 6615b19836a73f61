"""Bring the corpus record up to date with the stored articles, incrementally.

Owns: the order of the record's steps and their database reads and writes, one transaction per
chunk of new articles. Must not: analyze text (the extract stage did) or answer queries.

For each chunk of articles not yet in ``record_articles`` (oldest publication first):
  1. duplicates: MinHash signatures and LSH buckets in, near copies found by one join;
  2. reports: the chunk's statements, with the actors and dates inside each content;
  3. term frequencies: each report's terms counted once into ``record_terms``;
  4. claims: each report joins a claim of the same speaker, said about the same time, with the
     same meaning (the claims are loaded by speaker, so an update reads what it can join, not the
     corpus);
  5. answers: each denial, rejection, confirmation or admission in the chunk is linked to the
     claim it answers, and older answers still unlinked get a chance at the chunk's new claims;
  6. the chunk's articles are listed in ``record_articles``.
A kill between chunks loses nothing: the next update starts at the first unlisted article.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

import duckdb
import pyarrow as pa

from ..store import Database
from ..store.record_schema import RECORD_TABLES
from . import answers as answers_mod
from . import counts
from . import duplicates as dup
from . import search_index
from .claims import LATE_REPORT_DAYS, SAME_TIME_DAYS, Claim, ClaimIndex, Member, Similarity, is_recap
from .reports import Report, read_reports
from .said import Said
from .text import fold_synonyms, weights
from .text import terms as content_terms

CHUNK = 400
RECAP_LOOKBACK_DAYS = 730


@dataclass
class RecordSummary:
    """What an update did."""

    articles: int = 0
    duplicates: int = 0
    reports: int = 0
    new_claims: int = 0
    answers: int = 0
    claim_ids: set[str] = field(default_factory=set)


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def is_behind(conn: duckdb.DuckDBPyConnection) -> bool:
    """Whether some stored article is not in the record yet (one indexed probe, not a list)."""
    return bool(conn.execute(
        "SELECT 1 FROM articles WHERE id NOT IN (SELECT article_id FROM record_articles) LIMIT 1"
    ).fetchall())


def pending_articles(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Stored articles the record has not taken in yet, oldest publication first."""
    rows = conn.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM record_articles) "
        "ORDER BY published NULLS LAST, id"
    ).fetchall()
    return [r[0] for r in rows]


def clear_record(db: Database) -> None:
    """Empty every record table (in one transaction), so the next update rebuilds the record."""
    conn = db.connection
    conn.begin()
    try:
        for table in reversed(RECORD_TABLES):
            conn.execute(f"DELETE FROM {table}")
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


# What the stored claims are keyed and grouped by; a record built by another version is rebuilt
# once (new reports would not meet old claims under their old speaker keys). 2: speakers.py.
# 3: synonyms compared as one word (text.fold_synonyms), so a rebuild groups as an update does.
RECORD_VERSION = "3"


def _rebuild_if_keyed_otherwise(db: Database) -> None:
    """Empty a record built by another RECORD_VERSION, so this update rebuilds it, and note the
    version (in the store's ``communique_meta``)."""
    conn = db.connection
    found = conn.execute("SELECT value FROM communique_meta WHERE key = 'record_version'").fetchall()
    if found and found[0][0] == RECORD_VERSION:
        return
    if conn.execute("SELECT 1 FROM record_articles LIMIT 1").fetchall():
        clear_record(db)
    conn.execute("INSERT OR REPLACE INTO communique_meta VALUES ('record_version', ?)", [RECORD_VERSION])


def update_record(db: Database, *, encoder: object = None) -> RecordSummary:
    """Take every stored article not yet in the record into it (see the module docstring).

    ``encoder``: a sentence encoder (``vectors.SentenceEncoder``) to compare contents by meaning
    as well as by words; None compares by words alone.
    """
    conn = db.connection
    summary = RecordSummary()
    _rebuild_if_keyed_otherwise(db)
    for chunk in _chunks(pending_articles(conn), CHUNK):
        conn.begin()
        try:
            _update_chunk(conn, chunk, encoder, summary)
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
    counts.catch_up(conn)  # after a migration: the claims recorded before claim_counts existed
    search_index.catch_up(conn)  # 7. the new articles (or, after a migration, all) into the search index
    return summary


def _update_chunk(conn: duckdb.DuckDBPyConnection, chunk: list[str], encoder: object, summary: RecordSummary) -> None:
    summary.duplicates += _find_duplicates(conn, chunk)
    reports = read_reports(conn, chunk)
    if encoder is not None and reports:
        for report, vector in zip(reports, encoder.encode([r.content for r in reports]), strict=True):
            report.vector = vector
    _count_terms(conn, reports)
    similarity = Similarity(encoder=encoder is not None)
    documents = conn.execute("SELECT count(*) FROM claim_reports").fetchall()[0][0] + len(reports)
    weigh = _TermWeights(conn, documents)
    index = ClaimIndex(_load_claims(conn, reports), similarity)
    weigh.fetch(r.terms for r in reports)
    weigh.members(index.claims())
    for report in reports:
        index.add(report, weigh(report.terms))
    new_claims = _write_claims(conn, index, reports)
    summary.reports += len(reports)
    summary.new_claims += len(new_claims)
    changed = {c.id for c in index.claims() if c.changed}
    summary.claim_ids |= changed
    counts.count_reports(conn, changed)
    summary.answers += _link_answers(conn, reports, index, weigh, similarity.for_answers(), new_claims)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    _bulk(conn, "record_articles", ["article_id", "recorded_at"], [[a, now] for a in chunk],
          upsert="ON CONFLICT DO NOTHING")
    summary.articles += len(chunk)


# ---- 1. duplicates ----------------------------------------------------------------------------


def _find_duplicates(conn: duckdb.DuckDBPyConnection, chunk: list[str]) -> int:
    """Sign the chunk's articles, find their near copies among all signed articles (earlier
    chunks and runs included) with one join on the LSH buckets, and record each copy against its
    group's first publication."""
    rows = conn.execute(
        "SELECT id, text, boilerplate, published FROM articles "
        "WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY published NULLS LAST, id",
        [chunk],
    ).fetchall()
    order = {row[0]: i for i, row in enumerate(rows)}
    signatures, published = {}, {}
    for article_id, text, boilerplate, day in rows:
        spans = [tuple(s) for s in json.loads(boilerplate)] if boilerplate else []
        signatures[article_id] = dup.signature(text, spans)
        published[article_id] = day
    _bulk(conn, "article_signatures", ["article_id", "shingles", "signature"],
          [[a, s.shingles, s.to_blob()] for a, s in signatures.items()], replace=True)
    _bulk(conn, "article_buckets", ["band", "bucket", "article_id"],
          [[band, key, a] for a, s in signatures.items() for band, key in s.buckets()])
    pairs = conn.execute(
        "SELECT DISTINCT mine.article_id, theirs.article_id FROM article_buckets mine "
        "JOIN article_buckets theirs ON theirs.band = mine.band AND theirs.bucket = mine.bucket "
        "AND theirs.article_id <> mine.article_id "
        "WHERE mine.article_id IN (SELECT unnest(?::VARCHAR[]))",
        [chunk],
    ).fetchall()
    candidates: dict[str, list[str]] = {}
    for mine, theirs in pairs:
        # a copy is of an article stored before it: an earlier run, or earlier in this chunk
        if theirs in order and order[theirs] > order[mine]:
            continue
        candidates.setdefault(mine, []).append(theirs)
    others = sorted({t for ts in candidates.values() for t in ts} - set(signatures))
    for other_id, blob, shingles, day in conn.execute(
        "SELECT s.article_id, s.signature, s.shingles, a.published FROM article_signatures s "
        "JOIN articles a ON a.id = s.article_id WHERE s.article_id IN (SELECT unnest(?::VARCHAR[]))",
        [others],
    ).fetchall():
        signatures[other_id] = dup.Signature.from_blob(blob, shingles)
        published[other_id] = day
    found = 0
    for article_id in sorted(candidates, key=order.__getitem__):
        best: tuple[float, str] | None = None
        for other_id in candidates[article_id]:
            score = dup.similarity(signatures[article_id], signatures[other_id])
            if score is not None and (best is None or score > best[0]):
                best = (score, other_id)
        if best is None:
            continue
        score, other_id = best
        known = conn.execute("SELECT duplicate_of FROM duplicates WHERE article_id = ?", [other_id]).fetchall()
        root = known[0][0] if known else other_id
        if root not in published:
            published[root] = conn.execute("SELECT published FROM articles WHERE id = ?", [root]).fetchall()[0][0]
        day, root_day = published[article_id], published[root]
        if day is not None and (root_day is None or day < root_day):
            # The new article is the earlier publication: it becomes the group's original.
            conn.execute("UPDATE duplicates SET duplicate_of = ? WHERE duplicate_of = ?", [article_id, root])
            conn.execute("INSERT OR REPLACE INTO duplicates VALUES (?, ?, ?)", [root, article_id, score])
        else:
            conn.execute("INSERT OR REPLACE INTO duplicates VALUES (?, ?, ?)", [article_id, root, score])
        found += 1
    return found


def _bulk(conn: duckdb.DuckDBPyConnection, table: str, columns: list[str], rows: list[list],
          *, replace: bool = False, upsert: str | None = None) -> None:
    """Insert many rows in one statement (DuckDB runs ``executemany`` row by row, which costs
    seconds per thousand rows): the rows go in as an Arrow table."""
    if not rows:
        return
    data = pa.Table.from_pylist([dict(zip(columns, row, strict=True)) for row in rows])
    verb = "INSERT OR REPLACE INTO" if replace else "INSERT INTO"
    sql = f"{verb} {table} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM _record_rows"
    if upsert:
        sql += f" {upsert}"
    conn.register("_record_rows", data)
    try:
        conn.execute(sql)
    finally:
        conn.unregister("_record_rows")


# ---- 3. term frequencies ----------------------------------------------------------------------


def _count_terms(conn: duckdb.DuckDBPyConnection, reports: list[Report]) -> None:
    counts = Counter(t for r in reports for t in set(r.terms))
    if counts:
        _bulk(conn, "record_terms", ["term", "df"], [[t, n] for t, n in counts.items()],
              upsert="ON CONFLICT (term) DO UPDATE SET df = df + excluded.df")


class _TermWeights:
    """IDF weights of content terms against the corpus's document frequencies (``record_terms``,
    this chunk counted in), fetched for whatever terms are about to be weighed, so a report, a
    stored claim and an older answer are all weighed alike."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, documents: int) -> None:
        self.conn = conn
        self.documents = documents
        self.df: dict[str, int] = {}

    def fetch(self, term_lists: Iterable[Iterable[str]]) -> None:
        """Read the document frequencies of these terms that are not known yet (one query)."""
        missing = {t for terms in term_lists for t in terms} - self.df.keys()
        if not missing:
            return
        self.df.update(dict.fromkeys(missing, 0))
        self.df.update(self.conn.execute(
            "SELECT term, df FROM record_terms WHERE term IN (SELECT unnest(?::VARCHAR[]))", [sorted(missing)]
        ).fetchall())

    def members(self, claims: Iterable[Claim]) -> None:
        """Weigh every member of these claims that has no weights yet."""
        unweighed = [m for claim in claims for m in claim.members if m.weights is None]
        self.fetch(m.terms for m in unweighed)
        for member in unweighed:
            member.weights = self(member.terms)

    def __call__(self, term_list: Iterable[str]) -> dict[str, float]:
        # the words of one meaning as one term (data/record/synonyms.tsv): outlets paraphrase
        return fold_synonyms(weights(term_list, self.df, self.documents))


# ---- 4. claims --------------------------------------------------------------------------------

_CLAIM_COLUMNS = (
    "id, speaker_key, speaker_name, speaker_actor, said_value, said_basis, said_start, said_end, "
    "content, cue, stance, position, first_article, first_statement, first_published"
)


def _claims_from_rows(conn: duckdb.DuckDBPyConnection, where: str, params: list) -> list[Claim]:
    """Claims (with their members' terms, to be weighted, and targets) selected by ``where``."""
    # in a fixed order: ties between candidate claims go to the first, so the record must not
    # depend on where the rows happen to lie (a rebuilt or a batch-by-batch database)
    columns = ", ".join(f"c.{c.strip()}" for c in _CLAIM_COLUMNS.split(","))
    rows = conn.execute(
        f"SELECT {columns}, a.country FROM claims c LEFT JOIN actors a ON a.id = c.speaker_actor WHERE {where} "
        "ORDER BY c.said_start NULLS FIRST, c.first_published NULLS FIRST, c.id",
        params,
    ).fetchall()
    claims: dict[str, Claim] = {}
    for row in rows:
        (cid, key, name, actor, value, basis, start, end, content, cue, stance, position, first_article,
         first_statement, first_published, country) = row
        claims[cid] = Claim(
            id=cid, speaker_key=key, speaker_name=name, speaker_actor=actor,
            said=Said(value, basis, start, end), content=content, cue=cue, stance=stance,
            position=position, first_article=first_article, first_statement=first_statement,
            first_published=first_published, content_terms=len(content_terms(content or "")),
            country=key.removeprefix("state:") if key and key.startswith("state:") else country,
        )
    if not claims:
        return []
    ids = list(claims)
    for cid, article_id, index, terms, vector, group in conn.execute(
        "SELECT r.claim_id, r.article_id, r.statement, r.terms, r.vector, COALESCE(d.duplicate_of, r.article_id) "
        "FROM claim_reports r LEFT JOIN duplicates d ON d.article_id = r.article_id "
        "WHERE r.claim_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY r.article_id, r.statement",
        [ids],
    ).fetchall():
        claims[cid].members.append(Member(article_id, index, (terms or "").split(), None, vector, group))
    for cid, actor_id in conn.execute(
        "SELECT claim_id, actor_id FROM claim_targets WHERE claim_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
    ).fetchall():
        claims[cid].targets.add(actor_id)
    return list(claims.values())


def _lookback_days(report: Report) -> int:
    """How far back a report may reach for the claim it joins (``claims._needed``)."""
    if is_recap(report):
        return RECAP_LOOKBACK_DAYS
    if report.said.basis == "published":
        return LATE_REPORT_DAYS + 1
    return SAME_TIME_DAYS + 1


def _load_claims(conn: duckdb.DuckDBPyConnection, reports: list[Report]) -> list[Claim]:
    """Stored claims the chunk's reports could join: by their speakers, said recently enough
    (a recap reaches back ``RECAP_LOOKBACK_DAYS``, any other report only its own few days), and
    every claim reported in the originals of the chunk's wire copies."""
    keys = sorted({r.speaker_key for r in reports if r.speaker_key})
    if not keys:
        return []
    reaches = [
        r.said.start - dt.timedelta(days=_lookback_days(r))
        for r in reports
        if r.said.start is not None and r.speaker_key
    ]
    since = min(reaches) if reaches else dt.date(1, 1, 1)
    originals = sorted({r.duplicate_of for r in reports if r.duplicate_of})
    # another speaker of one of the reports' countries, said in the same days (claims.py)
    countries = sorted({r.speaker_country for r in reports if r.speaker_country})
    days = [r.said.start for r in reports if r.said.start is not None and r.speaker_country]
    near = min(days) - dt.timedelta(days=SAME_TIME_DAYS + 1) if days else dt.date(1, 1, 1)
    return _claims_from_rows(
        conn,
        "(c.speaker_key IN (SELECT unnest(?::VARCHAR[])) AND (c.said_end IS NULL OR c.said_end >= ? OR "
        "c.id IN (SELECT claim_id FROM claim_reports WHERE article_id IN (SELECT unnest(?::VARCHAR[]))))) "
        "OR (c.said_end >= ? AND (c.speaker_key IN (SELECT 'state:' || unnest(?::VARCHAR[])) "
        "OR a.country IN (SELECT unnest(?::VARCHAR[]))))",
        [keys, since, originals, near, countries, countries],
    )


def _write_claims(conn: duckdb.DuckDBPyConnection, index: ClaimIndex, reports: list[Report]) -> list[Claim]:
    """Store changed claims, the chunk's reports and the claims' targets; returns new claims."""
    existing = {
        r[0]
        for r in conn.execute(
            "SELECT id FROM claims WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [[c.id for c in index.claims() if c.changed]],
        ).fetchall()
    }
    changed = [c for c in index.claims() if c.changed]
    _bulk(
        conn, "claims", [c.strip() for c in _CLAIM_COLUMNS.split(",")],
        [
            [c.id, c.speaker_key, c.speaker_name, c.speaker_actor, c.said.value, c.said.basis, c.said.start,
             c.said.end, c.content, c.cue, c.stance, c.position, c.first_article, c.first_statement,
             c.first_published]
            for c in changed
        ],
        replace=True,
    )
    rows = []
    for report in reports:
        claim, similarity = index.assigned[report.key]
        vector = [float(x) for x in report.vector] if report.vector is not None else None
        rows.append([report.article_id, report.index, claim.id, " ".join(report.terms), vector, similarity])
    _bulk(conn, "claim_reports", ["article_id", "statement", "claim_id", "terms", "vector", "similarity"], rows,
          replace=True)
    targets = [[c.id, a] for c in changed for a in sorted(c.targets)]
    _bulk(conn, "claim_targets", ["claim_id", "actor_id"], targets, upsert="ON CONFLICT DO NOTHING")
    return [c for c in changed if c.id not in existing]


# ---- 5. answers -------------------------------------------------------------------------------


ANSWER_LOOKBACK_DAYS = 400


RARE_TERMS = 3  # an answerer of no known country finds candidates by its rarest words


def _answer_candidates(conn: duckdb.DuckDBPyConnection, answers: list[Report], countries: dict[str, str],
                       rare: list[str] | None = None) -> list[Claim]:
    """Stored claims the chunk's answers could answer, loaded once for all of them: said in the
    year before the earliest, and about one of the answerers (or their countries), or by an actor
    an answer names (or of a country it names: "the Kremlin's terms" answers Putin), or sharing
    one of ``rare``, the rarest words of answers whose speaker has no known country."""
    actors = sorted({a for r in answers for a in (r.speaker_actor, *r.about)} - {None})
    families = sorted({answers_mod.family(a) for a in actors} | {countries[a] for a in actors if a in countries})
    starts = [r.said.start for r in answers if r.said.start is not None]
    since = (min(starts) - dt.timedelta(days=ANSWER_LOOKBACK_DAYS)) if starts else dt.date(1, 1, 1)
    return _claims_from_rows(
        conn,
        "(c.said_end IS NULL OR c.said_end >= ?) AND ("
        "c.id IN (SELECT claim_id FROM claim_targets WHERE actor_id IN (SELECT unnest(?::VARCHAR[])) "
        "OR regexp_extract(actor_id, '^(?:(?:GOV|MIL)-)?([A-Z]{3})$', 1) IN (SELECT unnest(?::VARCHAR[]))) "
        "OR c.speaker_actor IN (SELECT unnest(?::VARCHAR[])) "
        "OR c.speaker_actor IN (SELECT id FROM actors WHERE country IN (SELECT unnest(?::VARCHAR[]))) "
        "OR c.id IN (SELECT claim_id FROM claim_reports "
        "WHERE list_has_any(string_split(terms, ' '), ?::VARCHAR[])))",
        [since, actors, families, actors, families, sorted(set(rare or []))],
    )


def _rare_terms(reports: Iterable[Report], weigh: _TermWeights, countries: dict[str, str]) -> list[str]:
    """The ``RARE_TERMS`` rarest words of each answer that its words alone may tie to a claim."""
    out: list[str] = []
    for report in reports:
        if answers_mod.by_words_alone(report, countries):
            out += sorted(set(report.terms), key=lambda t: (weigh.df.get(t, 0), t))[:RARE_TERMS]
    return out


def _countries(conn: duckdb.DuckDBPyConnection, actor_ids: set[str]) -> dict[str, str]:
    """The country of each of these actors (a person's, a government's), for answers."""
    return dict(conn.execute(
        "SELECT id, country FROM actors WHERE country IS NOT NULL AND id IN (SELECT unnest(?::VARCHAR[]))",
        [sorted(actor_ids)],
    ).fetchall())


def _link_answers(conn, reports: list[Report], index: ClaimIndex, weigh: _TermWeights, similarity: Similarity,
                  new_claims: list[Claim]) -> int:
    """Link the chunk's answers, then older unlinked answers that a new claim may fit."""
    by_key = {r.key: r for r in reports}
    links: list[answers_mod.Answer] = []
    pending: list[tuple[Report, str]] = []
    for report in reports:
        backing = by_key.get((report.article_id, report.index + 1))
        if backing is not None and index.assigned[backing.key][0] is not index.assigned[report.key][0]:
            backing = None  # the next statement is another claim, not the quote that backs this one
        stance = answers_mod.answer_stance(report, backing)
        if stance is None:
            continue
        target = by_key.get((report.article_id, report.responds_to)) if report.responds_to is not None else None
        if target is not None:  # the article itself says what it answers
            claim, _ = index.assigned[target.key]
            links.append(answers_mod.Answer(report.article_id, report.index, claim, stance, 1.0))
        else:
            pending.append((report, stance))
    own_claim = {r.key: index.assigned[r.key][0] for r, _ in pending}
    actors = {a for r, _ in pending for a in (r.speaker_actor, *r.about, *own_claim[r.key].targets) if a}
    actors |= {a for c in new_claims for a in (c.speaker_actor, *c.targets) if a}
    countries = _countries(conn, actors)
    if pending:
        weigh.fetch(r.terms for r, _ in pending)
        rare = _rare_terms((r for r, _ in pending), weigh, countries)
        candidates = _answer_candidates(conn, [r for r, _ in pending], countries, rare)
        countries |= _countries(conn, {c.speaker_actor for c in candidates if c.speaker_actor})
        weigh.members(candidates)
        parties = answers_mod.Parties(candidates, countries)
        discussed: dict[str, set[str]] = {}  # claims answered so far, by article
        nested = answers_mod.nested_statements(reports)
        for report, stance in pending:
            reach = report.said.start - dt.timedelta(days=ANSWER_LOOKBACK_DAYS) if report.said.start else None
            context = answers_mod.Context(own_claim[report.key].targets, discussed.setdefault(report.article_id, set()),
                                          nested.get(report.key, set()))
            in_reach = [c for c in parties.candidates(report, context)
                        if reach is None or c.said.end is None or c.said.end >= reach]
            found = answers_mod.best_answer(report, weigh(report.terms), in_reach, similarity, countries, context)
            if found is not None:
                links.append(answers_mod.Answer(report.article_id, report.index, found[0], stance, found[1]))
                discussed[report.article_id].add(found[0].id)
    links += _relink_older(conn, new_claims, weigh, similarity, {r.key for r in reports}, countries)
    _bulk(conn, "answers", ["article_id", "statement", "claim_id", "stance", "score"],
          [[a.article_id, a.index, a.claim.id, a.stance, round(a.score, 4)] for a in links], replace=True)
    return len(links)


def _relink_older(conn, new_claims: list[Claim], weigh: _TermWeights, similarity: Similarity, fresh: set,
                  countries: dict[str, str]) -> list[answers_mod.Answer]:
    """Older answers with no claim yet, tried against the claims this chunk created (a denial
    ingested before the claim it denies)."""
    speakers = {c.speaker_actor for c in new_claims if c.speaker_actor}
    involved = sorted({a for c in new_claims for a in c.targets} | speakers)
    if not involved:
        return []
    # the older articles in which an answerer could be: one of the new claims' targets speaks,
    # or one of their speakers is named
    said = [c.said.start for c in new_claims if c.said.start is not None]
    rows = conn.execute(
        "SELECT DISTINCT s.article_id FROM statements s JOIN record_articles r ON r.article_id = s.article_id "
        "JOIN articles a ON a.id = s.article_id "
        "WHERE NOT EXISTS (SELECT 1 FROM answers x WHERE x.article_id = s.article_id AND x.statement = s.\"index\") "
        "AND (s.stance IN ('deny', 'admit', 'confirm') OR regexp_matches(s.content_text, ?)) "
        "AND (a.published IS NULL OR a.published >= ?) "
        "AND (s.speaker_actor IN (SELECT unnest(?::VARCHAR[])) OR s.article_id IN "
        "(SELECT m.article_id FROM mentions m WHERE m.actor_id IN (SELECT unnest(?::VARCHAR[]))))",
        [answers_mod.answer_words_regex(), min(said) if said else dt.date(1, 1, 1), involved, sorted(speakers)],
    ).fetchall()
    older = [r for r in read_reports(conn, [row[0] for row in rows]) if r.key not in fresh]
    weigh.fetch(r.terms for r in older)  # new_claims come from the index: weighed already
    out = []
    parties = answers_mod.Parties(new_claims, countries)
    for report in older:
        stance = answers_mod.answer_stance(report)
        if stance is None:
            continue
        found = answers_mod.best_answer(report, weigh(report.terms), parties.candidates(report), similarity, countries)
        if found is not None:
            out.append(answers_mod.Answer(report.article_id, report.index, found[0], stance, found[1]))
    return out
