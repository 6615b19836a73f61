"""What one extractor costs inside the full pipeline: passes with and without it, in one run.

Shared by the per-stage benches (``bench/events.py``, ``bench/places.py``). Loads spaCy and the
pipeline's extractors once (``communique.pipeline.build_extractors``, in pipeline order), warms
up, then times passes over the first ``--limit`` texts of DIR (default:
../shared/eval/polnear/dev/text), alternating "with" and "without" the stage so machine noise
hits both alike. Reports the medians, the ratio (with / without; 1.10 means the stage adds 10%),
the time spent inside the stage over the rest of the same pass, and over the parse alone (the
pass less every extractor: tokenizing, tagging, parsing, NER), which noise on a shared machine
disturbs far less. Only ratios measured in the same run mean anything.

Run it directly for any extractor by name:

    python bench/stage_cost.py statements [DIR] [--limit 40] [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear" / "dev" / "text"
WARMUP = 5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every stage bench takes."""
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--model", default=None)


@dataclass
class StageCost:
    stage: str
    articles: int
    repeats: int
    extractors: list[str]
    without: float
    with_stage: float
    share: float
    parse_share: float  # seconds inside the stage / seconds of parsing in the same pass
    analyzed: list[Any]  # the articles of the last "with" pass, for stage-specific counts

    def report(self) -> str:
        return "\n".join([
            f"{self.articles} articles, {self.repeats} repeats, extractors: "
            f"{', '.join(self.extractors)} (median seconds per pass)",
            f"  without {self.stage}: {self.without:.2f} s",
            f"  with {self.stage}:    {self.with_stage:.2f} s",
            f"  ratio with/without: {self.with_stage / self.without:.3f}",
            f"  {self.stage} time / rest of the same pass: {self.share:.3f}",
            f"  {self.stage} time / parse time of the same pass: {self.parse_share:.3f}",
        ])


def _pass(nlp: Any, extractors: list[tuple[str, Any]], articles: list[Any], stage: str, with_stage: bool):
    """One timed pass (what the Analyzer does): (seconds, seconds inside ``stage``, seconds
    inside every extractor, articles)."""
    from communique.model import Article
    from communique.nlp import make_doc

    used = [(n, e) for n, e in extractors if with_stage or n != stage]
    fresh = [Article(text=a.text, source=a.source, published=a.published) for a in articles]
    inside = extracting = 0.0
    started = time.perf_counter()
    pairs = ((make_doc(nlp, a), a) for a in fresh)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=32):
        for name, extractor in used:
            begun = time.perf_counter()
            extractor(doc, article)
            spent = time.perf_counter() - begun
            extracting += spent
            if name == stage:
                inside += spent
    return time.perf_counter() - started, inside, extracting, fresh


def measure(stage: str, args: argparse.Namespace) -> StageCost:
    """Time the pipeline with and without ``stage`` over the texts ``args`` names."""
    from communique.ingest import read_items
    from communique.model import Article
    from communique.nlp import load_pipeline
    from communique.pipeline import build_extractors
    from communique.settings import Settings

    settings = Settings(spacy_model=args.model) if args.model else Settings()
    nlp = load_pipeline(settings.spacy_model)
    extractors = build_extractors(settings)
    names = [name for name, _ in extractors]
    if stage not in names:  # a misspelt name would time nothing and report a share of 0
        raise SystemExit(f"no extractor named {stage} (they are: {', '.join(names)})")
    files = sorted(args.dir.rglob("*.txt"))[: args.limit]
    articles = [a for a in read_items([str(p) for p in files], settings) if isinstance(a, Article)]
    _pass(nlp, extractors, articles[:WARMUP], stage, True)
    timings: dict[bool, list[float]] = {True: [], False: []}
    shares: list[float] = []
    parse_shares: list[float] = []
    analyzed: list[Any] = []
    for repeat in range(args.repeats):
        for with_stage in (True, False) if repeat % 2 == 0 else (False, True):
            seconds, inside, extracting, done = _pass(nlp, extractors, articles, stage, with_stage)
            timings[with_stage].append(seconds)
            if with_stage:
                shares.append(inside / (seconds - inside))
                parse_shares.append(inside / (seconds - extracting))
                analyzed = done
    return StageCost(
        stage=stage,
        articles=len(articles),
        repeats=args.repeats,
        extractors=[n for n, _ in extractors],
        without=statistics.median(timings[False]),
        with_stage=statistics.median(timings[True]),
        share=statistics.median(shares),
        parse_share=statistics.median(parse_shares),
        analyzed=analyzed,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stage", help="the extractor to measure (times, statements, actors, places, events, dating)")
    add_arguments(parser)
    args = parser.parse_args()
    print(measure(args.stage, args).report())


if __name__ == "__main__":
    main()
