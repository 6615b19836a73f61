"""Benchmark: attribution quality and speed against textacy and the bare spaCy pipeline.

Usage: python bench/attribution.py [SPLIT_DIR] [--limit N] [--repeats R]
(default SPLIT_DIR: ../shared/eval/polnear/dev; needs the ``bench`` extra for textacy).

On the same texts, in one run, prints a table with exact and token-overlap F1 per role for
communique and for textacy 0.13's ``direct_quotations`` (a quote extractor users pick today),
and words per second for: the bare spaCy pipeline, spaCy + communique attribution, and spaCy +
textacy. The throughput ratio is bare spaCy time / (spaCy + attribution) time.

When the ``encoder`` extra is installed (torch, transformers), the accurate configuration
(``--accurate``: the fine-tuned MiniLM tagger's scores as extra features) is scored and timed
too; ``--no-accurate`` skips it.

Method: one warm-up pass, then the spaCy parse is timed ``repeats`` times (best kept), and each
extractor is timed ``repeats`` times over the parsed documents (best kept); a configuration's
time is the parse time plus its extractor time, so all share the same parse.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from communique.evaluate.polnear import (
    Attribution,
    load_split,
    new_tallies,
    report_from,
    score_document,
    statement_spans,
)
from communique.extract.attribution import AttributionExtractor
from communique.model import Article
from communique.nlp import load_pipeline, make_doc
from communique.settings import Settings

DEFAULT_SPLIT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear" / "dev"


TEXTACY_BAILED: list[int] = []


def _textacy_attributions(doc) -> list[Attribution]:
    from textacy.extract.triples import direct_quotations

    found = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        # textacy refuses texts with an odd number of quote marks; it finds nothing there
        TEXTACY_BAILED.append(len(doc))
        return []
    for triple in triples:
        speaker = [(t.idx, t.idx + len(t.text)) for t in triple.speaker]
        cue = [(t.idx, t.idx + len(t.text)) for t in triple.cue]
        content = [(triple.content.start_char, triple.content.end_char)]
        found.append(Attribution(speaker, cue, content))
    return found


def _best(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", nargs="?", type=Path, default=DEFAULT_SPLIT)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-accurate", dest="accurate", action="store_false", help="Skip the accurate configuration.")
    args = parser.parse_args(argv)

    settings = Settings()
    gold_docs = load_split(args.split, limit=args.limit)
    nlp = load_pipeline(settings.spacy_model)
    extractor = AttributionExtractor(settings)
    articles = [Article(text=g.text) for g in gold_docs]
    words = sum(len(g.text.split()) for g in gold_docs)
    accurate = _accurate_extractor() if args.accurate else None

    # warm-up: load everything once (models, lexicons, textacy's imports)
    warm = nlp(make_doc(nlp, articles[0]))
    extractor(warm, articles[0])
    if accurate is not None:
        accurate(warm, articles[0])
    _textacy_attributions(warm)

    docs = []

    def parse() -> None:
        docs.clear()
        docs.extend(nlp.pipe((make_doc(nlp, a) for a in articles), batch_size=settings.batch_size))

    parse_time = _best(args.repeats, parse)

    def run_ours(which: AttributionExtractor) -> tuple[float, object]:
        seconds = _best(args.repeats, lambda: [which(d, a) for d, a in zip(docs, articles, strict=True)])
        tallies = new_tallies()
        for gold, article in zip(gold_docs, articles, strict=True):
            score_document(gold.text, gold.attributions, statement_spans(article), tallies)
        return seconds, report_from(tallies, str(args.split), [])

    accurate_time, accurate_report = run_ours(accurate) if accurate is not None else (None, None)
    ours_time, ours = run_ours(extractor)
    textacy_out: list[list[Attribution]] = []

    def run_textacy() -> None:
        TEXTACY_BAILED.clear()
        textacy_out.clear()
        textacy_out.extend(_textacy_attributions(d) for d in docs)

    textacy_time = _best(args.repeats, run_textacy)

    textacy_tallies = new_tallies()
    for gold, theirs in zip(gold_docs, textacy_out, strict=True):
        score_document(gold.text, gold.attributions, theirs, textacy_tallies)
    textacy = report_from(textacy_tallies, str(args.split), [])
    systems = [("communique", ours)]
    timings = [("bare spaCy pipeline", parse_time), ("spaCy + communique attribution", parse_time + ours_time)]
    if accurate is not None:
        systems.append(("communique --accurate", accurate_report))
        timings.append(("spaCy + communique --accurate", parse_time + accurate_time))
    systems.append(("textacy direct_quotations", textacy))
    timings.append(("spaCy + textacy direct_quotations", parse_time + textacy_time))

    out = sys.stdout
    out.write(f"PolNeAR {args.split.name}: {len(gold_docs)} texts, {words} words, best of {args.repeats}\n\n")
    out.write(f"{'system':<28}{'role':<9}{'P':>6}{'R':>6}{'F1':>6}{'ovF1':>7}\n")
    for label, report in systems:
        for row in report.rows:
            out.write(
                f"{label:<28}{row['role']:<9}{row['exact_precision']:>6}{row['exact_recall']:>6}"
                f"{row['exact_f1']:>6}{row['overlap_f1']:>7}\n"
            )
    out.write(f"(textacy bailed out on {len(TEXTACY_BAILED)} texts with unbalanced quote marks)\n\n")
    out.write(f"{'configuration':<34}{'seconds':>9}{'words/s':>10}{'ratio':>7}\n")
    if args.accurate and accurate is None:
        out.write("(the accurate configuration was skipped: the encoder extra is not installed)\n\n")
    for label, seconds in timings:
        out.write(f"{label:<34}{seconds:>9.2f}{words / seconds:>10.0f}{parse_time / seconds:>7.2f}\n")
    return 0


def _accurate_extractor() -> AttributionExtractor | None:
    """The accurate configuration's extractor, or None without the encoder extra."""
    from communique.errors import ModelLoadError

    try:
        return AttributionExtractor(Settings(accurate_attribution=True))
    except ModelLoadError:
        return None


if __name__ == "__main__":
    raise SystemExit(main())
