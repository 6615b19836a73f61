"""What one extractor costs inside the full pipeline: passes with and without it, in one run.

Shared by the per-stage benches (``bench/events.py``, ``bench/places.py``). Loads the pipeline
once (``communique.pipeline.Analyzer``: spaCy and the extractor components of data/pipeline.cfg),
warms up, then times passes over the first ``--limit`` texts of DIR (default:
../shared/eval/polnear/dev/text), alternating "with" and "without" the stage (switched off with
``nlp.select_pipes``, with any stage that needs it: dating needs times) so machine noise hits
both alike. Reports the medians, the ratio (with / without; 1.10 means the stage adds 10%),
the time spent inside the stage over the rest of the same pass, and over the parse alone (the
pass less every extractor: tokenizing, tagging, parsing, NER), which noise on a shared machine
disturbs far less. Only ratios measured in the same run mean anything.

Run it directly for any extractor by name:

    python bench/stage_cost.py attribution [DIR] [--limit 40] [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PREFIX = "communique_"  # a component's pipe name is this and the extractor's short name
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
    dropped: list[str]  # the stage, and any stage that needs it, left out of the "without" passes

    def report(self) -> str:
        return "\n".join([
            f"{self.articles} articles, {self.repeats} repeats, extractors: "
            f"{', '.join(self.extractors)} (median seconds per pass)",
            f"  without {' and '.join(self.dropped)}: {self.without:.2f} s",
            f"  with {self.stage}:    {self.with_stage:.2f} s",
            f"  ratio with/without: {self.with_stage / self.without:.3f}",
            f"  {self.stage} time / rest of the same pass: {self.share:.3f}",
            f"  {self.stage} time / parse time of the same pass: {self.parse_share:.3f}",
        ])


def _pass(analyzer: Any, articles: list[Any], stage: str, dropped: list[str]):
    """One timed pass (what the Analyzer does), with the components ``dropped`` switched off by
    ``nlp.select_pipes`` when they are given: (seconds, seconds inside ``stage``, seconds inside
    every extractor, articles)."""
    from communique.extract.components import article_from_doc, set_article
    from communique.model import Article
    from communique.nlp import make_doc

    fresh = [Article(text=a.text, source=a.source, published=a.published) for a in articles]
    inside = extracting = 0.0
    with analyzer.nlp.select_pipes(disable=dropped):
        started = time.perf_counter()
        for doc, article in analyzer.parse((make_doc(analyzer.nlp, a), a) for a in fresh):
            set_article(doc, article)
            for name, component in analyzer.extractor_pipes:
                begun = time.perf_counter()
                doc = component(doc)
                spent = time.perf_counter() - begun
                extracting += spent
                if name == PREFIX + stage:
                    inside += spent
            article_from_doc(doc)
        seconds = time.perf_counter() - started
    return seconds, inside, extracting, fresh


def measure(stage: str, args: argparse.Namespace) -> StageCost:
    """Time the pipeline with and without ``stage`` over the texts ``args`` names (a stage that
    another needs, times for dating, is left out together with it)."""
    from communique.extract.components import COMPONENTS, WRITER
    from communique.ingest import read_items
    from communique.model import Article
    from communique.pipeline import Analyzer, extractor_names
    from communique.settings import Settings

    settings = Settings(spacy_model=args.model) if args.model else Settings()
    names = extractor_names()
    if stage not in names:  # a misspelt name would time nothing and report a share of 0
        raise SystemExit(f"no extractor named {stage} (they are: {', '.join(names)})")
    analyzer = Analyzer(settings)
    dropped = [PREFIX + n for n in names if n == stage or any(WRITER[f] == stage for f in COMPONENTS[n].needs)]
    files = sorted(args.dir.rglob("*.txt"))[: args.limit]
    articles = [a for a in read_items([str(p) for p in files], settings) if isinstance(a, Article)]
    _pass(analyzer, articles[:WARMUP], stage, [])
    timings: dict[bool, list[float]] = {True: [], False: []}
    shares: list[float] = []
    parse_shares: list[float] = []
    analyzed: list[Any] = []
    for repeat in range(args.repeats):
        for with_stage in (True, False) if repeat % 2 == 0 else (False, True):
            seconds, inside, extracting, done = _pass(analyzer, articles, stage, [] if with_stage else dropped)
            timings[with_stage].append(seconds)
            if with_stage:
                shares.append(inside / (seconds - inside))
                parse_shares.append(inside / (seconds - extracting))
                analyzed = done
    return StageCost(
        stage=stage,
        articles=len(articles),
        repeats=args.repeats,
        extractors=names,
        without=statistics.median(timings[False]),
        with_stage=statistics.median(timings[True]),
        share=statistics.median(shares),
        parse_share=statistics.median(parse_shares),
        analyzed=analyzed,
        dropped=[n.removeprefix(PREFIX) for n in dropped],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stage", help="the extractor to measure (times, attribution, actors, places, events, dating)")
    add_arguments(parser)
    args = parser.parse_args()
    print(measure(args.stage, args).report())


if __name__ == "__main__":
    main()
