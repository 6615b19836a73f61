"""``communique ingest --engine dask``: the ingest on a Dask cluster, resumable, nothing doubled.

The flow:
  1. plan: cut the input into partitions (``partitions.py``) in input order, each with a key;
  2. skip the partitions whose shards are already written (a run killed earlier did them);
  3. analyse the others on the cluster: each task reads its partition, analyses it with the
     worker's own spaCy and extractors (loaded once per worker process) and writes its
     Parquet shards (``worker.py``, ``shards.py``); Dask runs a task again elsewhere when its
     worker dies (up to ``distributed.scheduler.allowed-failures`` times, then E123);
  4. load: the client loads the partitions' shards into DuckDB in input order as they are
     ready, one transaction each, skipping articles already stored (``load.py``);
  5. record: the corpus record is brought up to date once, at the end.

A SIGKILL of the client at any point loses nothing: shards are written whole or not at all,
each load is one transaction, and loading again adds nothing, so re-running the same command
finishes the job without analysing the finished partitions again.

Owns: the cluster (a LocalCluster of single-threaded worker processes, or a connection to a
running scheduler) and the order of the steps. Must not: print, or import Dask at module level
(it is an optional extra: without it, E120).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from communique.errors import Code, UsageError
from communique.interrupts import noticing_ctrl_c, stop_if_pressed
from communique.model import Failure
from communique.pipeline import IngestSummary, update_corpus_record
from communique.scale.load import load_partition
from communique.scale.partitions import Partition, plan
from communique.scale.shards import is_complete, read_manifest, read_shards, shard_root
from communique.scale.worker import analyze_partition
from communique.settings import Settings
from communique.store import Database
from communique.store.database import LOCK_WAIT_S

# How long connecting to a scheduler may take before E125.
_CONNECT_TIMEOUT_S = 30


@dataclass
class StoredItem:
    """An article stored or found present, as progress callbacks see it (its source)."""

    source: str


@dataclass
class ScaleSummary(IngestSummary):
    """An ingest's summary, plus the partitions planned and how many were analysed this run
    (the others had their shards written by an earlier run)."""

    partitions: int = 0
    analysed: int = 0


def import_distributed() -> ModuleType:
    """``dask.distributed``, or E120 when the ``dask`` extra is not installed."""
    try:
        import dask.distributed as distributed
    except ImportError as exc:
        raise UsageError(Code.E120, detail=f"{type(exc).__name__}: {exc}") from exc
    return distributed


def ingest_dask(
    paths: Iterable[str | Path],
    db_path: Path,
    settings: Settings,
    on_item: Callable[[Any, str], None] | None = None,
    *,
    scheduler: str | None = None,
    wait: float = LOCK_WAIT_S,
) -> ScaleSummary:
    """Analyse ``paths`` on a Dask cluster and store the results in ``db_path``.

    Without ``scheduler``, a LocalCluster of ``settings.workers`` single-threaded worker
    processes; with it, the cluster of that scheduler (its workers must see ``paths`` and the
    shard folder ``DB.shards`` next to the database, at the same paths). ``on_item(item,
    outcome)`` is called per item as its partition is loaded, as for ``ingest_paths``.
    """
    distributed = import_distributed()
    notify = on_item or (lambda item, outcome: None)
    summary = ScaleSummary()
    db_path = Path(db_path)
    Database(db_path, wait=wait).close()  # create the file and tables, refuse a bad one, first
    partitions, planning_failures = plan(paths, settings)
    root = Path(os.path.abspath(shard_root(db_path)))
    todo = [partition for partition in partitions if not is_complete(root, partition.key)]
    summary.partitions, summary.analysed = len(partitions), len(todo)
    if planning_failures:
        with Database(db_path, wait=wait) as db:
            db.add_failures(planning_failures)
        _count_failures(summary, planning_failures, notify)
    loader = _Loader(partitions, root, db_path, wait, summary, notify)
    with noticing_ctrl_c(), _client(distributed, settings, scheduler) as client:
        loader.load_ready()  # what earlier runs analysed
        futures = client.map(
            analyze_partition, todo, settings=settings, root=str(root), key=[f"communique-{p.key}" for p in todo]
        )
        keys = {future.key: partition for future, partition in zip(futures, todo, strict=True)}
        for future in distributed.as_completed(futures):
            partition = keys[future.key]
            try:
                future.result()
            except Exception as exc:  # noqa: BLE001 - a lost partition is recorded, the rest goes on
                stop_if_pressed()  # unless it was Ctrl-C, turned into another error on the way
                detail = f"{type(exc).__name__}: {exc}".splitlines()[0]
                loader.failed[partition.key] = Failure(
                    partition.label, Code.E123.format(partition=partition.label, detail=detail), "E123"
                )
            finally:
                future.release()
            loader.load_ready()
    if settings.corpus_record and summary.ingested:
        with Database(db_path, wait=wait) as db:
            summary.record = update_corpus_record(db, settings)
    return summary


class _Loader:
    """Loads finished partitions into the database strictly in input order (so the actors'
    first-seen-wins merge sees the articles in the order a one-process ingest does)."""

    def __init__(
        self,
        partitions: list[Partition],
        root: Path,
        db_path: Path,
        wait: float,
        summary: ScaleSummary,
        notify: Callable[[Any, str], None],
    ) -> None:
        self.partitions, self.root, self.db_path, self.wait = partitions, root, db_path, wait
        self.summary, self.notify = summary, notify
        self.failed: dict[str, Failure] = {}
        self.next = 0

    def load_ready(self) -> None:
        while self.next < len(self.partitions):
            partition = self.partitions[self.next]
            if partition.key in self.failed:
                self._record([self.failed.pop(partition.key)])
            elif is_complete(self.root, partition.key):
                self._load(partition)
            else:
                return
            self.next += 1

    def _load(self, partition: Partition) -> None:
        manifest = read_manifest(self.root, partition.key)
        try:
            tables = read_shards(self.root, partition.key)
            with Database(self.db_path, wait=self.wait) as db:
                loaded = load_partition(db, tables, manifest.get("repeats", 0))
        except Exception as exc:  # noqa: BLE001 - an unreadable shard loses its partition only
            stop_if_pressed()  # DuckDB reports a Ctrl-C inside a query as an error of its own
            detail = f"{type(exc).__name__}: {exc}".splitlines()[0]
            self._record([Failure(partition.label, Code.E124.format(partition=partition.label, detail=detail), "E124")])
            return
        self.summary.ingested += len(loaded.stored)
        self.summary.already_present += loaded.present
        for source in loaded.stored:
            self.notify(StoredItem(source), "ingested")
        _count_failures(self.summary, loaded.failures, self.notify)

    def _record(self, failures: list[Failure]) -> None:
        with Database(self.db_path, wait=self.wait) as db:
            db.add_failures(failures)
        _count_failures(self.summary, failures, self.notify)


def _count_failures(summary: IngestSummary, failures: list[Failure], notify: Callable[[Any, str], None]) -> None:
    for failure in failures:
        outcome = "skipped" if failure.status == "skipped" else "failed"
        (summary.skipped if outcome == "skipped" else summary.failed).append(failure)
        notify(failure, outcome)


@contextmanager
def _client(distributed: ModuleType, settings: Settings, scheduler: str | None) -> Iterator[Any]:
    """A Dask client: of a LocalCluster of single-threaded worker processes, or of a running
    scheduler (E125 when it cannot be reached)."""
    cluster = None
    if scheduler:
        try:
            client = distributed.Client(scheduler, timeout=_CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(Code.E125, address=scheduler, detail=f"{type(exc).__name__}: {exc}".splitlines()[0]) from exc
    else:
        cluster = distributed.LocalCluster(
            n_workers=settings.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # no fixed port: several clusters may run at once
            silence_logs=logging.ERROR,
        )
        client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
