"""The one place that composes the stages: ingest -> nlp -> extract -> store.

Owns: the Analyzer's spaCy pipeline (the model, then the extractor components in the order
``data/pipeline.cfg`` gives, less those a run leaves out), streaming articles through the parse in
bounded batches, running the extractors one article at a time so that a crash costs only that
article (a recorded failure), and the ingest-into-database loop with its
summary. Must not: print (callers get a summary object and per-item callbacks), parse input formats,
or know SQL.

The flow, for every article:
  1. ingest: read an input item into an Article (text, metadata, boilerplate spans) or a Failure
  2. nlp: tokenize, tag, parse and NER with spaCy (one pipeline per process, ``nlp.pipe`` batches)
  3. extract: the spaCy components of ``data/pipeline.cfg`` (``extract/components.py``), one
     document at a time, in this order, each reading what the earlier ones wrote on the Doc:
     a. times       (time expressions, dateline -> publication date)
     b. attribution (statements: speaker, cue, content, stance, certainty)
     c. actors      (link speakers and mentions to the actor knowledge base)
     d. places      (toponyms, geocoded; metonymic capitals are actors, not places)
     e. events      (PLOVER type and mode, source, target, place, reporting statement)
     f. dating      (a time for every statement and event)
  4. store: one transaction per batch of articles (or the caller renders it).
  5. record: the corpus record (wire copies, claims, answers across articles) is brought up to
     date once the ingest has stored its articles, incrementally (``communique.record``): the
     articles are taken in oldest first, so the record is the same whatever the batches.

Processes. With ``settings.workers`` > 1 the analysis runs in spawned worker processes that
ignore Ctrl-C (the parent stops them) and exit as soon as the parent process is gone, however
it died (they watch a pipe only the parent holds open). The database is opened only to write a
batch or to check which items are already stored, never during the NLP, so readers get in
between batches.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from communique.errors import Code, CommuniqueError, StoreError, UsageError
from communique.extract.components import add_extractors, article_from_doc, extractor_names, select, set_article
from communique.ingest import read_items
from communique.interrupts import noticing_ctrl_c, stop_if_pressed
from communique.model import Article, ArticleWarning, Failure
from communique.nlp import load_pipeline, make_doc, split_sentences
from communique.nlp.document import MAX_SENTENCE_TOKENS
from communique.record import RecordSummary, update_record
from communique.record.update import is_behind
from communique.record.vectors import encoder_for
from communique.settings import Settings
from communique.store import Database
from communique.store.database import LOCK_WAIT_S


def choose_extractors(only: Iterable[str] = (), without: Iterable[str] = ()) -> tuple[str, ...]:
    """The extractors a run keeps, for ``Settings.extractors`` (E041 to E043 for a bad choice)."""
    return select(extractor_names(), only, without)


def _own_pipeline(model: Language) -> Language:
    """A new pipeline over ``model``'s tokenizer, vocabulary and components (the same objects:
    loading the model again would cost half a second and 40 MB per Analyzer), to which an
    Analyzer adds its extractors."""
    nlp = spacy.blank(model.lang, vocab=model.vocab)
    nlp.tokenizer = model.tokenizer
    for name in model.pipe_names:
        nlp.add_pipe(name, source=model)
    return nlp


class Analyzer:
    """spaCy plus every extractor component, loaded once; analyzes a stream of articles lazily.

    ``nlp`` is a pipeline of its own, so the extractor components and the choice of them belong
    to this Analyzer alone (its parse components are the process's loaded model's). The
    model's own components parse in ``nlp.pipe`` batches; every component after them (the
    extractors) runs on one document at a time in :meth:`extract`, so an exception in one costs
    only its article (``nlp.pipe`` would end the whole batch).
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = _own_pipeline(load_pipeline(self.settings.spacy_model))
        self.parse_pipes = tuple(self.nlp.pipe_names)
        add_extractors(self.nlp, self.settings)

    @property
    def extractor_pipes(self) -> list[tuple[str, Callable[[Doc], Doc]]]:
        """The components that run per document, in order: every enabled one after the parse."""
        return [(name, pipe) for name, pipe in self.nlp.pipeline if name not in self.parse_pipes]

    def extract(self, doc: Doc, article: Article) -> Article:
        """Run every extractor component over one parsed article, in order, and build the
        Article from the Doc (a sentence cut for length is recorded as a warning on the
        article: its statements may be split there)."""
        if cuts := split_sentences(doc):
            reason = Code.W007.format(count=cuts, limit=MAX_SENTENCE_TOKENS)
            if not any(w.code == "W007" for w in article.warnings):
                article.warnings.append(ArticleWarning(code=Code.W007.name, reason=reason))
        set_article(doc, article)
        for _name, component in self.extractor_pipes:
            doc = component(doc)
        return article_from_doc(doc)

    def parse(self, docs: Iterable[tuple[Doc, Article]]) -> Iterator[tuple[Doc, Article]]:
        """The model's own components over ``(doc, article)`` pairs in ``nlp.pipe`` batches (the
        extractors switched off: :meth:`extract` runs them)."""
        extractors = [name for name, _ in self.extractor_pipes]
        return self.nlp.pipe(docs, as_tuples=True, batch_size=self.settings.batch_size, disable=extractors)

    def analyze_stream(self, items: Iterable[Article | Failure]) -> Iterator[Article | Failure]:
        """Analyze articles as they come; failures from ingest pass through unchanged.

        Memory stays bounded by ``settings.batch_size`` articles: ``nlp.pipe`` pulls from the
        input generator lazily. An extractor that fails on one article turns that article into a
        Failure (E102) and the stream goes on.
        """
        passed_through: deque[Failure] = deque()

        def parseable() -> Iterator[tuple[Doc, Article]]:
            for item in items:
                if isinstance(item, Failure):
                    passed_through.append(item)
                    continue
                try:
                    doc = make_doc(self.nlp, item, self.settings.max_tokens)
                except CommuniqueError as exc:  # over the token limit: refused before parsing
                    source = item.source or item.id
                    passed_through.append(Failure(source=source, reason=f"{source}: {exc.reason}", code=exc.code.name))
                    continue
                yield doc, item

        for doc, article in self.parse(parseable()):
            while passed_through:
                yield passed_through.popleft()
            yield self._extract_or_fail(doc, article)
        while passed_through:
            yield passed_through.popleft()

    def _extract_or_fail(self, doc: Doc, article: Article) -> Article | Failure:
        try:
            return self.extract(doc, article)
        except CommuniqueError as exc:
            return Failure(source=article.source or article.id, reason=exc.reason, code=exc.code.name)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop a million-article batch
            detail = f"{type(exc).__name__}: {exc}"
            return Failure(
                source=article.source or article.id, reason=Code.E102.format(detail=detail), code="E102"
            )

    def analyze_article(self, article: Article) -> Article:
        """Analyze one article; raises instead of returning a Failure (the Python API's contract)."""
        (doc, _), = self.parse([(make_doc(self.nlp, article, self.settings.max_tokens), article)])
        return self.extract(doc, article)


_ANALYZERS: dict[Settings, Analyzer] = {}


def get_analyzer(settings: Settings) -> Analyzer:
    """One Analyzer per settings per process, so repeated API calls do not reload models."""
    if settings not in _ANALYZERS:
        _ANALYZERS[settings] = Analyzer(settings)
    return _ANALYZERS[settings]


def _batches(items: Iterable[Article | Failure], size: int) -> Iterator[list[Article | Failure]]:
    """Cut a stream into lists of ``size`` (itertools.batched needs Python 3.12)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _analyze_batch(batch: list[Article | Failure], settings: Settings) -> list[Article | Failure]:
    """Worker-process side of :func:`analyze_items`: one Analyzer per process, reused."""
    return list(get_analyzer(settings).analyze_stream(batch))


# Articles per task sent to a worker. Small, so that at the end of a stream no worker sits idle
# while another finishes a long batch (40 articles in batches of 32 gave one worker 32 and the
# other 8), and still large enough that the cost of a task's messages (a pickled settings
# object and the articles both ways, well under a millisecond each) is noise next to the NLP.
WORKER_TASK_ARTICLES = 4
# Tasks queued per worker beyond the one it runs: work in hand while the parent writes a batch
# to the database or waits for an earlier task (results are passed on in input order).
QUEUED_TASKS_PER_WORKER = 3


def _start_worker(parent_alive: Connection, settings: Settings, prepare: Callable[[Settings], object]) -> None:
    """First thing each worker process runs (the pool's initializer).

    Ctrl-C reaches every process of the terminal's process group; the parent handles it and
    stops the pool, so a worker ignores it (no traceback of its own). SIGINT was blocked while
    this process was spawned (see :func:`_no_sigint`), so one pressed while it was starting up
    is discarded here rather than killing it mid-import. Then a daemon thread waits on a pipe
    whose only writing end the parent holds: when the parent exits, however (even SIGKILL),
    the read ends with EOF and the worker exits too, instead of living on as an orphan.
    Last, ``prepare(settings)`` loads spaCy and the extractors (:func:`get_analyzer`), so every
    worker loads them once, at the same time, before its first task rather than inside it.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    threading.Thread(target=_exit_with_parent, args=(parent_alive,), name="exit-with-parent", daemon=True).start()
    try:
        prepare(settings)
    except CommuniqueError:
        # not raised here: an initializer's error only breaks the pool, with no message; the
        # first task loads again and sends this error, with its reason, to the parent
        pass


def _exit_with_parent(parent_alive: Connection) -> None:
    try:
        parent_alive.recv()  # the parent never sends: this returns only by EOF or error
    except (EOFError, OSError):
        pass
    os._exit(1)  # no cleanup to do: the worker holds no database and its results have no reader


@contextmanager
def _no_sigint() -> Iterator[None]:
    """Block SIGINT in this thread while worker processes may be spawned.

    A spawned process inherits the signal mask, so a Ctrl-C during its startup stays pending
    until :func:`_start_worker` ignores it. Here it is delivered as soon as the block ends.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def analyze_items(items: Iterable[Article | Failure], settings: Settings) -> Iterator[Article | Failure]:
    """Analyze a stream of ingested items, in this process or in ``settings.workers`` processes.

    With several workers, each loads spaCy and the extractors once, when it starts; items go to
    them ``WORKER_TASK_ARTICLES`` at a time and each has ``QUEUED_TASKS_PER_WORKER`` tasks
    queued, so memory stays bounded however long the stream and no worker waits while the
    caller writes; results come back in input order. The database is written by the calling
    process only (DuckDB allows one writer). If the caller stops early (Ctrl-C, an error,
    closing this generator), the workers are stopped at once rather than left to finish their
    tasks; if the calling process dies, they exit on their own. A worker process that dies
    (killed, out of memory, a crash in native code) costs only the article it was on: see
    :func:`_analyze_in_processes`.
    """
    if settings.workers <= 1:
        yield from get_analyzer(settings).analyze_stream(items)
        return
    yield from _analyze_in_processes(items, settings, _analyze_batch, get_analyzer)


def _analyze_in_processes(
    items: Iterable[Article | Failure],
    settings: Settings,
    analyze: Callable[[list[Article | Failure], Settings], list[Article | Failure]],
    prepare: Callable[[Settings], object],
) -> Iterator[Article | Failure]:
    """:func:`analyze_items` with ``analyze(task, settings)`` run in the worker processes, each
    of which runs ``prepare(settings)`` first.

    When a worker process dies, the pool cannot tell which task killed it and fails them all:
    the items of every task in flight then go again one at a time in a new pool, and an item
    whose worker dies again becomes a Failure (E128) naming it; the stream goes on after it.
    """
    task_size = max(1, min(WORKER_TASK_ARTICLES, settings.batch_size))
    window = settings.workers * (1 + QUEUED_TASKS_PER_WORKER)
    with _WorkerPool(settings, prepare) as pool:
        in_flight: deque[tuple[Future[list[Article | Failure]], list[Article | Failure]]] = deque()

        def next_results() -> list[Article | Failure]:
            future, _ = in_flight[0]
            try:
                results = future.result()
            except BrokenProcessPool:
                lost = [item for _, task in in_flight for item in task]
                in_flight.clear()
                return pool.one_by_one(lost, analyze)
            in_flight.popleft()
            return results

        for task in _batches(items, task_size):
            in_flight.append((pool.submit(analyze, task), task))
            while len(in_flight) >= window or (in_flight and in_flight[0][0].done()):
                yield from next_results()
        while in_flight:
            yield from next_results()


class _WorkerPool:
    """The spawned worker processes of one :func:`_analyze_in_processes`, restarted if one dies."""

    def __init__(self, settings: Settings, prepare: Callable[[Settings], object]) -> None:
        self.settings = settings
        self.prepare = prepare
        # Closing keep_alive ends every worker at once (see _start_worker).
        self.parent_alive, self.keep_alive = _SPAWN.Pipe(duplex=False)
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        with _no_sigint():  # the pool starts multiprocessing's resource tracker process
            return ProcessPoolExecutor(
                max_workers=self.settings.workers,
                mp_context=_SPAWN,
                initializer=_start_worker,
                initargs=(self.parent_alive, self.settings, self.prepare),
            )

    def submit(self, analyze: Callable[..., list[Article | Failure]], task: list[Article | Failure]) -> Future[list[Article | Failure]]:
        with _no_sigint():  # submit may spawn a worker
            return self.executor.submit(analyze, task, self.settings)

    def one_by_one(
        self, items: list[Article | Failure], analyze: Callable[..., list[Article | Failure]]
    ) -> list[Article | Failure]:
        """``items`` analysed one per task after a worker died (in a new pool), and E128 for
        each whose worker dies too."""
        results: list[Article | Failure] = []
        self._restart()
        for item in items:
            if isinstance(item, Failure):
                results.append(item)
                continue
            try:
                results.extend(self.submit(analyze, [item]).result())
            except BrokenProcessPool:
                source = item.source or item.id
                results.append(Failure(source=source, reason=Code.E128.format(), code=Code.E128.name))
                self._restart()
        return results

    def _restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def __enter__(self) -> _WorkerPool:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            if error is None:
                self.executor.shutdown(wait=True)
            else:
                # stopped early: their tasks are not wanted
                self.keep_alive.close()
                self.executor.shutdown(wait=False, cancel_futures=True)
        finally:
            self.keep_alive.close()
            self.parent_alive.close()


_SPAWN = multiprocessing.get_context("spawn")  # no inherited DuckDB handles or threads


def analyze_paths(paths: Iterable[str | Path], settings: Settings) -> Iterator[Article | Failure]:
    """Read and analyze every input item under ``paths`` without a database."""
    return analyze_items(read_items(paths, settings), settings)


@dataclass
class IngestSummary:
    """What an ingest did: counts and the failures with their reasons."""

    ingested: int = 0
    already_present: int = 0
    skipped: list[Failure] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    record: RecordSummary | None = None

    @property
    def ok(self) -> bool:
        return not self.failed


def ingest_paths(
    paths: Iterable[str | Path],
    db_path: Path,
    settings: Settings,
    on_item: Callable[[Article | Failure, str], None] | None = None,
    *,
    wait: float = LOCK_WAIT_S,
) -> IngestSummary:
    """Analyze every input item under ``paths`` and store it in the DuckDB file ``db_path``.

    Articles already in the database are recognised by id before any NLP is spent on them.
    Analyzed articles are stored a batch at a time, each batch in one transaction (DuckDB
    commits are the cost that matters), so a killed run leaves a consistent database and
    re-running the same command completes it. The database is open only while a batch is
    checked or written, so other processes can query it during a long ingest and see every
    batch committed so far; opening waits up to ``wait`` seconds for a reader to finish
    (E204 past that). ``on_item(item, outcome)`` is called once per item with outcome
    ``ingested``, ``present``, ``skipped`` or ``failed`` (for progress bars).
    """
    if settings.extractors:
        raise UsageError(Code.E045)
    summary = IngestSummary()
    writer = _BatchWriter(Path(db_path), summary, on_item or (lambda item, outcome: None), wait)
    Database(db_path, wait=wait).close()  # create the file and tables, refuse a bad one, before any NLP
    with noticing_ctrl_c():
        unstored = _unstored(read_items(paths, settings), writer, settings.batch_size)
        for result in analyze_items(unstored, settings):
            if isinstance(result, Failure):
                writer.failures.append(result)
            else:
                writer.articles.append(result)
            if len(writer.articles) + len(writer.failures) >= settings.batch_size:
                writer.flush()
                stop_if_pressed()  # a Ctrl-C that DuckDB swallowed during the commit
        writer.flush()
        stop_if_pressed()
        if settings.corpus_record:
            # 5. the corpus record, once, over every article the record has not taken in (this run's,
            # and any a killed run left behind), oldest publication first: so the record does not
            # depend on the batch size, the number of workers or the engine (--engine dask does the
            # same), and a fresh ingest gives what `communique record --rebuild` gives
            with Database(db_path, wait=wait) as db:
                if is_behind(db.connection):
                    summary.record = update_corpus_record(db, settings)
            stop_if_pressed()
    return summary


def _unstored(items: Iterable[Article | Failure], writer: _BatchWriter, size: int) -> Iterator[Article | Failure]:
    """The items whose article is not stored yet, checked ``size`` at a time in one short read."""
    for batch in _batches(items, size):
        ids = [item.id for item in batch if isinstance(item, Article)]
        if ids:
            with Database(writer.db_path, read_only=True, wait=writer.wait) as db:
                stored = db.present(ids)
        else:
            stored = set()
        for item in batch:
            if isinstance(item, Article) and item.id in stored:
                writer.already_present(item)
            else:
                yield item


@dataclass
class _BatchWriter:
    """Buffers analyzed articles and failures and writes them with one short database open.

    Holding DuckDB's write lock only for the write (not for the NLP between writes) is what lets
    readers in during an ingest. Callbacks run after the write is committed and the file closed.
    """

    db_path: Path
    summary: IngestSummary
    notify: Callable[[Article | Failure, str], None]
    wait: float
    articles: list[Article] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    # Sources of items found already stored: a failure once recorded for them is stale.
    resolved: list[str] = field(default_factory=list)

    def already_present(self, article: Article) -> None:
        self.summary.already_present += 1
        self.resolved.append(article.source or article.id)
        self.notify(article, "present")

    def flush(self) -> None:
        if not (self.articles or self.failures or self.resolved):
            return
        articles, failures = self.articles, self.failures
        with Database(self.db_path, wait=self.wait) as db:
            # One transaction per batch: a kill loses at most this batch, never part of an article.
            results = db.add_many(articles)
            for article, stored in zip(articles, results, strict=True):
                if isinstance(stored, StoreError):
                    # The reason names no source: the failures row and the summary line carry it.
                    source = article.source or article.id
                    failures.append(Failure(source=source, reason=stored.reason, code=stored.code.name))
            db.add_failures(failures)
            db.clear_failures(self.resolved)
            # A stored article's warnings are kept as rows of their own (status 'warning').
            db.add_failures(
                [
                    Failure(article.source or article.id, warning.reason, warning.code, "warning")
                    for article, stored in zip(articles, results, strict=True)
                    if stored is True
                    for warning in article.warnings
                ]
            )
        self.articles, self.failures, self.resolved = [], [], []
        for article, stored in zip(articles, results, strict=True):
            if stored is True:
                self.summary.ingested += 1
                self.notify(article, "ingested")
            elif stored is False:
                self.summary.already_present += 1
                self.notify(article, "present")
        for failure in failures:
            outcome = "skipped" if failure.status == "skipped" else "failed"
            (self.summary.skipped if outcome == "skipped" else self.summary.failed).append(failure)
            self.notify(failure, outcome)


def update_corpus_record(db: Database, settings: Settings) -> RecordSummary:
    """Bring the corpus record up to date with ``db``'s articles (only the new ones are read).
    ``settings.record_encoder`` also compares contents with the MiniLM sentence encoder (on the
    dev gold it does not beat the words alone for claims: docs/evaluation.md)."""
    return update_record(db, encoder=encoder_for(settings))

