"""CPU cost per article: one process against a 2-worker Dask LocalCluster, on the 84 PolNeAR dev texts.

Usage: python bench/dask_cost.py OUT_FOLDER (needs ../shared and the dask extra); numbers in docs/scale.md.
"""

import os
import resource
import sys
import time
from pathlib import Path

from communique.settings import Settings
from communique.pipeline import ingest_paths
from communique.scale import ingest_dask

TEXTS = str(Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear" / "dev" / "text")

def cpu():
    a = resource.getrusage(resource.RUSAGE_SELF); b = resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime

if __name__ == "__main__":
    out = Path(sys.argv[1]); out.mkdir(exist_ok=True)
    n = len(os.listdir(TEXTS))
    for name, run in [
        ("one process", lambda: ingest_paths([TEXTS], out / "one.duckdb", Settings(corpus_record=False))),
        ("dask LocalCluster, 2 workers", lambda: ingest_dask([TEXTS], out / "dask.duckdb", Settings(workers=2, partition_items=8, corpus_record=False))),
    ]:
        c, t = cpu(), time.monotonic()
        s = run()
        print(f"{name}: {s.ingested} articles, wall {time.monotonic()-t:.1f} s, CPU {cpu()-c:.1f} s, {(cpu()-c)/n*1000:.0f} ms CPU/article", flush=True)
