"""What the corpus record costs: building it against the ingest it follows, and an incremental
update against a rebuild, in one run.

    python bench/corpus.py [DIR ...] [--limit N] [--new 50]

Ingests the texts under DIR (default: PolNeAR train and dev in ../shared, about 500 articles)
into a fresh database with the record switched off, then times three things in this process:
  1. ingest (analysis and storage) of all but the last ``--new`` texts;
  2. the record built from scratch over them (``update_record``), as a share of that ingest;
  3. ingest of the last ``--new`` texts and the record's incremental update for them, against
     rebuilding the whole record.
  4. (``--inline``) two whole ingests of the same texts into fresh databases, the record off and
     on, in that order and then again reversed: what a user's ingest pays for the record as it
     runs it (after every stored batch).
It prints the ratios (the figures that count: absolute times vary between machines) and the
process's peak memory before and after the record, to show the record does not grow it.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear"
DEFAULT_DIRS = [SHARED / "train" / "text", SHARED / "dev" / "text"]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="*", type=Path, default=DEFAULT_DIRS)
    parser.add_argument("--limit", type=int, default=None, help="at most this many texts")
    parser.add_argument("--new", type=int, default=50, help="texts added by the incremental update")
    parser.add_argument("--inline", action="store_true", help="also time whole ingests with the record on and off")
    args = parser.parse_args()

    from communique.pipeline import ingest_paths
    from communique.record import update_record
    from communique.settings import Settings
    from communique.store import Database

    files = sorted(p for d in args.dirs for p in d.rglob("*") if p.is_file() and not p.name.startswith("."))
    if args.limit:
        files = files[: args.limit]
    if len(files) <= args.new:
        sys.exit("not enough texts")
    old, new = files[: -args.new], files[-args.new :]
    settings = Settings(published="2016-11-01", corpus_record=False)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.duckdb"
        started = time.perf_counter()
        ingest_paths(old, db_path, settings)
        ingest_seconds = time.perf_counter() - started
        peak_before = _peak_mb()
        with Database(db_path) as db:
            started = time.perf_counter()
            built = update_record(db)
            record_seconds = time.perf_counter() - started
        peak_after = _peak_mb()
        started = time.perf_counter()
        ingest_paths(new, db_path, settings)
        new_ingest_seconds = time.perf_counter() - started
        with Database(db_path) as db:
            started = time.perf_counter()
            update = update_record(db)
            update_seconds = time.perf_counter() - started
            conn = db.connection
            for table in ("claims", "claim_reports", "claim_targets", "answers", "duplicates", "record_articles",
                          "record_terms", "article_signatures", "article_buckets"):
                conn.execute(f"DELETE FROM {table}")
            started = time.perf_counter()
            update_record(db)
            rebuild_seconds = time.perf_counter() - started
    result = {
        "articles": len(old),
        "new_articles": len(new),
        "reports": built.reports,
        "ingest_s": round(ingest_seconds, 2),
        "record_s": round(record_seconds, 2),
        "record_share_of_ingest": round(record_seconds / ingest_seconds, 3),
        "incremental_update_s": round(update_seconds, 2),
        "incremental_share_of_new_ingest": round(update_seconds / new_ingest_seconds, 3),
        "rebuild_s": round(rebuild_seconds, 2),
        "incremental_to_rebuild": round(update_seconds / rebuild_seconds, 3),
        "update_articles_read": update.articles,
        "peak_mb_before_record": round(peak_before),
        "peak_mb_after_record": round(peak_after),
    }
    if args.inline:
        result.update(_inline(files, ingest_paths, Settings))
    print(json.dumps(result, indent=2))


def _inline(files: list[Path], ingest_paths, settings_class) -> dict[str, float]:
    """Whole ingests with the record off and on (alternating, twice), as users run them."""
    seconds: dict[bool, list[float]] = {False: [], True: []}
    for order in ((False, True), (True, False)):
        for record in order:
            with tempfile.TemporaryDirectory() as tmp:
                started = time.perf_counter()
                ingest_paths(files, Path(tmp) / "inline.duckdb",
                             settings_class(published="2016-11-01", corpus_record=record))
                seconds[record].append(time.perf_counter() - started)
    off, on = sum(seconds[False]), sum(seconds[True])
    return {"inline_ingest_off_s": round(off / 2, 2), "inline_ingest_on_s": round(on / 2, 2),
            "inline_record_share": round(on / off - 1, 3)}


if __name__ == "__main__":
    main()
