"""How fast the dashboard answers (``communique serve``) on a database of 10,000+ articles.

    python bench/serve.py --db /tmp/serve-bench.duckdb [--base 200] [--copies 50] [--repeats 30]

1. Build (once; a rerun with the same ``--db`` reuses it): ``--base`` PolNeAR train and dev texts
   from ../shared are ingested with the real pipeline (titles, outlets and dates from its
   metadata, the corpus record on), then every table is multiplied by SQL ``--copies`` times:
   each copy gets distinct article and claim ids, its dates shifted by whole weeks, its own
   urls, outlets and sources, and the record tables (claims, reports, answers, duplicates,
   signatures, the search index) are copied with the same renaming, so they stay consistent.
2. Serve the real app in this process (the ASGI app through httpx, so the server's own time is
   measured, not a socket's), warm up, then request every page and its ``/api`` twin
   ``--repeats`` times with varied ids and queries.
3. Print p50/p95 per page in milliseconds and, as the same-run baseline, the ratio to a static
   asset request (``/static/style.css``), and the process's CPU time per request (p50/p95; all
   threads, DuckDB's included): on a machine shared with other jobs the wall time grows with their
   load, the CPU time much less. The bar (issue 16): every page p95 < 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear"
WARMUP = 3
BAR_MS = 300.0

# Columns renamed per copy: article ids, claim ids, and what must stay unique or vary by copy.
ARTICLE_KEYS = ("article_id", "duplicate_of", "first_article")
CLAIM_KEYS = ("claim_id",)
DATE_KEYS = ("published", "first_published", "said_start", "said_end")


def _base_jsonl(count: int, folder: Path) -> Path:
    """The first ``count`` PolNeAR train/dev texts as one JSONL with their metadata."""
    meta = {}
    with (SHARED / "metadata.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            meta[row["filename"]] = row
    files = sorted(p for split in ("train", "dev") for p in (SHARED / split / "text").glob("*.txt"))
    random.Random(16).shuffle(files)  # a mix of outlets and years, the same every run
    out = folder / "polnear.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for path in files[:count]:
            row = meta.get(path.stem, {})
            handle.write(json.dumps({
                "url": f"https://polnear.example/{path.stem}", "outlet": row.get("publisher") or None,
                "published": row.get("publication_date") or None, "title": row.get("title") or None,
                "text": path.read_text(encoding="utf-8"),
            }) + "\n")
    return out


def _copy_sql(conn, table: str, copies: int) -> str | None:
    """One INSERT that adds ``copies`` renamed copies of ``table``'s original rows (None: kept as is)."""
    columns = [r[0] for r in conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table]).fetchall()]
    names = set(columns)
    if not names & {*ARTICLE_KEYS, *CLAIM_KEYS} and not (table in ("articles", "claims")):
        return None
    select = []
    for name in columns:
        quoted = f'"{name}"'
        if name in ARTICLE_KEYS or (table == "articles" and name == "id"):
            value = f"{quoted} || '-' || k"
        elif name in CLAIM_KEYS or (table == "claims" and name == "id"):
            value = f"{quoted} || '-' || k"
        elif name in DATE_KEYS:
            value = f"{quoted} + CAST(7 * k AS INTEGER)"
        elif table == "articles" and name in ("url", "source"):
            value = f"{quoted} || '?copy=' || k"
        elif table == "articles" and name == "outlet":
            value = f"{quoted} || ' ' || (k % 12)"  # a few dozen outlets, each quoting many
        elif table == "claims" and name == "said_value":
            value = f"CASE WHEN said_start IS NULL THEN said_value ELSE strftime(said_start + CAST(7 * k AS INTEGER), '%Y-%m-%d') END"
        else:
            value = quoted
        select.append(value)
    return (f"INSERT INTO {table} SELECT {', '.join(select)} FROM {table}, range(1, {copies}) AS copy(k)")


def build(db_path: Path, base: int, copies: int) -> None:
    """Ingest ``base`` texts, then multiply every table to ``base * copies`` articles."""
    from communique.pipeline import ingest_paths
    from communique.record import update_record
    from communique.settings import Settings
    from communique.store import Database

    ingested = db_path.with_name(db_path.name + ".base")  # the slow part, kept for --rebuild
    if not ingested.exists():
        with tempfile.TemporaryDirectory() as tmp:
            source = _base_jsonl(base, Path(tmp))
            started = time.perf_counter()
            summary = ingest_paths([source], ingested.with_suffix(".partial"), Settings())
            ingested.with_suffix(".partial").rename(ingested)
            print(f"ingested {summary.ingested} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    partial = db_path.with_name(db_path.name + ".building")
    shutil.copyfile(ingested, partial)
    with Database(partial) as db:  # derived tables newer than the cached ingest are filled here
        update_record(db)
    started = time.perf_counter()
    with Database(partial) as db:
        conn = db.connection
        tables = [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'").fetchall()]
        conn.begin()
        for table in tables:
            sql = _copy_sql(conn, table, copies)
            if sql:
                conn.execute(sql)
            elif "df" in {r[0] for r in conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()}:
                conn.execute(f"UPDATE {table} SET df = df * {copies}")  # document frequencies scale too
        conn.commit()
        conn.execute("CHECKPOINT")
        articles = conn.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    partial.rename(db_path)
    print(f"multiplied to {articles} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _samples(db_path: Path, rng: random.Random) -> dict[str, list[str]]:
    """Ids and queries to vary the requests: real articles, actors, claims, topics, words."""
    from communique.store import Database

    with Database(db_path, read_only=True) as db:
        conn = db.connection

        def column(sql: str) -> list[str]:
            return [str(r[0]) for r in conn.execute(sql).fetchall()]

        return {
            "article": column("SELECT id FROM articles USING SAMPLE 200 ROWS"),
            "actor": column("SELECT speaker_actor FROM claims WHERE speaker_actor IS NOT NULL "
                            "GROUP BY 1 ORDER BY count(*) DESC LIMIT 60"),
            "claim": column("SELECT id FROM claims USING SAMPLE 200 ROWS"),
            "word": ["Trump", "Clinton", "email", "tax", "border wall", "Obama said", "debate", "Russia",
                     "campaign", "voters", "police", "immigration", "' OR 1=1 --", "100%_"],
            "topic": ["tax", "wall", "emails", "trade", "guns", "immigration"],
            "date": ["2016-01-01", "2016-06-01", "2017-01-01", "2018-01-01"],
        }


def _paths(samples: dict[str, list[str]], rng: random.Random) -> dict[str, Callable[[], str]]:
    from urllib.parse import quote, urlencode

    def pick(kind: str) -> str:
        return rng.choice(samples[kind])

    def q(params: dict[str, str]) -> str:
        return urlencode(params)

    return {
        "static": lambda: "/static/style.css",
        "/": lambda: "/?" + q({"since": pick("date")}),
        "/search": lambda: "/search?" + q({"q": pick("word"), "offset": str(rng.choice([0, 20, 40]))}),
        "/search (filtered)": lambda: "/search?" + q({"q": pick("word"), "since": pick("date"), "stance": "claim"}),
        "/articles/{id}": lambda: f"/articles/{quote(pick('article'))}",
        "/actors/{id}": lambda: f"/actors/{quote(pick('actor'))}",
        "/claims/{id}": lambda: f"/claims/{quote(pick('claim'))}",
        "/positions": lambda: "/positions?" + q({"topic": pick("topic")}),
        "/network": lambda: "/network?" + q({"since": pick("date")}) if rng.random() < 0.5 else "/network",
        "/places": lambda: "/places",
    }


async def _measure(db_path: Path, repeats: int, seed: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    import httpx

    from communique.web import create_app

    rng = random.Random(seed)
    paths = _paths(_samples(db_path, rng), rng)
    times: dict[str, list[float]] = {}
    cpu_times: dict[str, list[float]] = {}  # the process's CPU time in the request: what a busy machine does not inflate
    app = create_app(db_path)
    transport = httpx.ASGITransport(app=app)
    async with app.app.router.lifespan_context(app.app), \
            httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for round_ in range(WARMUP + repeats):
            for name, make in paths.items():
                for twin in ((False,) if name == "static" else (False, True)):
                    path = make()
                    if twin:
                        path = "/api/summary" + path[1:] if path.startswith("/?") else "/api" + path
                    started, cpu = time.perf_counter(), time.process_time()
                    answer = await client.get(path)
                    elapsed = (time.perf_counter() - started) * 1000
                    used = (time.process_time() - cpu) * 1000
                    if answer.status_code != 200:
                        raise SystemExit(f"{path}: {answer.status_code} {answer.text[:300]}")
                    if round_ >= WARMUP:
                        times.setdefault(name + (" /api" if twin else ""), []).append(elapsed)
                        cpu_times.setdefault(name + (" /api" if twin else ""), []).append(used)
    return times, cpu_times


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="the bench database (built once, then reused)")
    parser.add_argument("--base", type=int, default=200, help="PolNeAR texts ingested with the real pipeline")
    parser.add_argument("--copies", type=int, default=50, help="how many times every table is multiplied")
    parser.add_argument("--repeats", type=int, default=30, help="requests per page and per twin")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    args = parser.parse_args()
    if args.rebuild or not args.db.exists():
        if not SHARED.is_dir():
            sys.exit(f"the PolNeAR texts are not at {SHARED}")
        args.db.unlink(missing_ok=True)
        build(args.db, args.base, args.copies)
    times, cpu_times = asyncio.run(_measure(args.db, args.repeats, args.seed))
    baseline = statistics.median(times.pop("static"))
    cpu_baseline = statistics.median(cpu_times.pop("static"))
    print(f"{'page':26} {'p50 ms':>7} {'p95 ms':>7} {'p50/static':>10} {'cpu p50':>8} {'cpu p95':>8}")
    slow = []
    for name, values in times.items():
        p50, p95 = _p(values, 0.5), _p(values, 0.95)
        cpu = cpu_times[name]
        print(f"{name:26} {p50:7.1f} {p95:7.1f} {p50 / baseline:10.1f} {_p(cpu, 0.5):8.1f} {_p(cpu, 0.95):8.1f}")
        if p95 >= BAR_MS:
            slow.append(name)
    print(f"static asset p50: {baseline:.2f} ms (cpu {cpu_baseline:.2f} ms); "
          f"pages over the {BAR_MS:.0f} ms p95 bar: {', '.join(slow) or 'none'}")

if __name__ == "__main__":
    main()
