"""Local scaling: one worker against two, the rows each engine stores, and peak memory by corpus size.

    python bench/scale.py [--articles 200] [--repeats 1] [--sizes 200,1000] [--dask] [--keep DIR]
    python bench/scale.py --quick          # 40 articles, sizes 20 and 40: a check that it runs

Every run is ``communique ingest CORPUS --db DB --workers N`` in a fresh process, as a user
would start it. The corpus is PolNeAR texts (../shared/eval/polnear, dev then train) written
to a temporary folder; past the texts there are, copies are made distinct by a last line
(``Copy 2.``), so each has an id of its own.

1. Throughput: ``--workers 1`` and ``--workers 2`` on ``--articles`` articles, alternating
   across repeats so machine noise hits both alike; the figure that counts is the ratio of the
   median wall times (1 worker / 2 workers). The load average before and after is printed:
   on a machine shared with other work the ratio is depressed, so rerun it on a quiet one.
2. Rows: every table of each database, compared row for row (without the time-of-writing
   columns) against the one-process database; with ``--dask`` (and the dask extra installed)
   ``--engine dask --workers 2`` on a LocalCluster is timed and compared too.
3. Memory: for each of ``--sizes``, a ``--workers 2`` ingest whose processes' resident memory
   (the parent and each worker, read from /proc every half second) is sampled; the peak of
   each is printed, so flat means the same peak whatever the size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
POLNEAR = REPO.parent / "shared" / "eval" / "polnear"
sys.path.insert(0, str(REPO / "tests" / "scale"))
from scale_samples import all_rows  # noqa: E402  (the comparison the scale tests make)


def make_corpus(folder: Path, count: int) -> Path:
    """``count`` PolNeAR texts as files in ``folder`` (copies past the texts there are)."""
    texts = [p for split in ("dev", "train") for p in sorted((POLNEAR / split / "text").glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no PolNeAR texts under {POLNEAR}")
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        source = texts[n % len(texts)]
        copy = n // len(texts)
        text = source.read_text(encoding="utf-8")
        if copy:
            text = text.rstrip("\n") + f"\n\nCopy {copy + 1}.\n"
        (folder / f"{n:06d}-{source.name}").write_text(text, encoding="utf-8")
    return folder


def _command(corpus: Path, db: Path, workers: int, engine: str) -> list[str]:
    script = Path(sys.executable).with_name("communique")
    base = [str(script)] if script.exists() else [sys.executable, "-c", "from communique.cli.main import main; main()"]
    extra = ["--engine", "dask"] if engine == "dask" else []
    return [*base, "ingest", str(corpus), "--db", str(db), "--workers", str(workers), *extra]


def _family(pid: int) -> list[int]:
    """``pid`` and its descendants, from /proc (the worker processes of an ingest)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_ingest(corpus: Path, db: Path, workers: int, engine: str = "local") -> tuple[float, float, list[float]]:
    """Wall seconds of one ingest, and the peak resident memory (MB) of its process and of each
    of its worker processes."""
    if db.exists():
        db.unlink()
    peaks: dict[int, float] = {}
    started = time.monotonic()
    process = subprocess.Popen(_command(corpus, db, workers, engine), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.5):
            for pid in _family(process.pid):
                peaks[pid] = max(peaks.get(pid, 0.0), _rss_mb(pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.monotonic() - started
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):  # 1: some items failed, which the summary reports
        raise SystemExit(f"ingest --workers {workers} failed ({process.returncode}): {stderr.decode()[-500:]}")
    parent = peaks.pop(process.pid, 0.0)
    # the worker processes (not multiprocessing's resource tracker, a few MB)
    return seconds, parent, sorted((mb for mb in peaks.values() if mb > 100), reverse=True)


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def _compare(reference: dict[str, list[tuple]], db: Path) -> str:
    rows = all_rows(db)
    differing = [t for t in sorted(set(reference) | set(rows)) if reference.get(t) != rows.get(t)]
    return "identical" if not differing else "DIFFERENT in " + ", ".join(differing)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--sizes", default="200,1000", help="corpus sizes for the memory runs (comma-separated)")
    parser.add_argument("--dask", action="store_true", help="also time and compare --engine dask (needs the extra)")
    parser.add_argument("--quick", action="store_true", help="40 articles, sizes 20,40: a check that it runs")
    parser.add_argument("--keep", type=Path, help="keep the corpora and databases in this folder")
    args = parser.parse_args()
    if args.quick:
        args.articles, args.sizes = 40, "20,40"
    sizes = [int(s) for s in args.sizes.split(",") if s]
    work = args.keep or Path(tempfile.mkdtemp(prefix="communique-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        corpus = make_corpus(work / f"corpus-{args.articles}", args.articles)
        print(f"{args.articles} articles, {args.repeats} repeat(s), {os.cpu_count()} CPUs; {_load()}")
        walls: dict[int, list[float]] = {1: [], 2: []}
        for repeat in range(args.repeats):
            for workers in (1, 2) if repeat % 2 == 0 else (2, 1):
                seconds, _, _ = run_ingest(corpus, work / f"workers-{workers}.duckdb", workers)
                walls[workers].append(seconds)
                print(f"  --workers {workers}: {seconds:.1f} s", flush=True)
        one, two = statistics.median(walls[1]), statistics.median(walls[2])
        print(f"ratio 1 worker / 2 workers (wall): {one / two:.2f}  ({_load()})")

        reference = all_rows(work / "workers-1.duckdb")
        print("rows per table (one process):", ", ".join(f"{t} {len(r)}" for t, r in reference.items()))
        print(f"  --workers 2 against one process: {_compare(reference, work / 'workers-2.duckdb')}")
        if args.dask:
            try:
                import dask.distributed  # noqa: F401
            except ImportError:
                print("  --engine dask: skipped (pip install -e '.[dask]')")
            else:
                seconds, _, _ = run_ingest(corpus, work / "dask.duckdb", 2, engine="dask")
                print(f"  --engine dask --workers 2: {seconds:.1f} s (ratio to 1 worker {one / seconds:.2f}); "
                      f"rows {_compare(reference, work / 'dask.duckdb')}")

        print("peak resident memory, --workers 2 (MB): parent, then each worker")
        for size in sizes:
            folder = make_corpus(work / f"corpus-{size}", size) if size != args.articles else corpus
            seconds, parent, workers = run_ingest(folder, work / f"memory-{size}.duckdb", 2)
            shown = ", ".join(f"{mb:.0f}" for mb in workers)
            print(f"  {size:>6} articles: {seconds:7.1f} s  parent {parent:.0f}  workers {shown}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
