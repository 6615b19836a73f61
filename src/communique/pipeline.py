"""The one place that composes the stages: ingest -> nlp -> extract -> store.

Owns: the order of the extractors, streaming articles through spaCy in bounded batches, turning an
extractor crash on one article into a recorded failure, and the ingest-into-database loop with its
summary. Must not: print (callers get a summary object and per-item callbacks), parse input formats,
or know SQL.

The flow, for every article:
  1. ingest: read an input item into an Article (text, metadata, boilerplate spans) or a Failure
  2. nlp: tokenize, tag, parse and NER with spaCy (one pipeline per process, ``nlp.pipe`` batches)
  3. extract, in this order, each reading what the earlier ones wrote:
     a. times       (time expressions, dateline -> publication date)
     b. statements  (attribution: speaker, cue, content, stance, certainty)
     c. actors      (link speakers and mentions to the actor knowledge base)
     d. places      (toponyms, geocoded; metonymic capitals are actors, not places)
     e. events      (PLOVER type and mode, source, target, place, reporting statement)
     f. dating      (a time for every statement and event)
  4. store: one transaction per article (or the caller renders it).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from spacy.tokens import Doc

from communique.errors import Code, CommuniqueError, StoreError
from communique.extract.actors import ActorLinker
from communique.extract.attribution import AttributionExtractor
from communique.extract.events import EventCoder
from communique.extract.places import PlaceResolver
from communique.extract.time import StatementDater, TimeExtractor
from communique.ingest import read_items
from communique.model import Article, Failure
from communique.nlp import load_pipeline, make_doc
from communique.settings import Settings
from communique.store import Database

Extractor = Callable[[Doc, Article], None]


def build_extractors(settings: Settings) -> list[tuple[str, Extractor]]:
    """The extractors in pipeline order, each loaded once (lexicons, models, gazetteers)."""
    return [
        ("times", TimeExtractor(settings)),
        ("statements", AttributionExtractor(settings)),
        ("actors", ActorLinker(settings)),
        ("places", PlaceResolver(settings)),
        ("events", EventCoder(settings)),
        ("dating", StatementDater(settings)),
    ]


class Analyzer:
    """spaCy plus every extractor, loaded once; analyzes a stream of articles lazily."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = load_pipeline(self.settings.spacy_model)
        self.extractors = build_extractors(self.settings)

    def extract(self, doc: Doc, article: Article) -> Article:
        """Run every extractor over one parsed article, in order."""
        for _name, extractor in self.extractors:
            extractor(doc, article)
        return article

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

        parsed = self.nlp.pipe(parseable(), as_tuples=True, batch_size=self.settings.batch_size)
        for doc, article in parsed:
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
        doc = self.nlp(make_doc(self.nlp, article, self.settings.max_tokens))
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


def analyze_items(items: Iterable[Article | Failure], settings: Settings) -> Iterator[Article | Failure]:
    """Analyze a stream of ingested items, in this process or in ``settings.workers`` processes.

    With several workers, items are cut into batches of ``settings.batch_size`` and at most two
    batches per worker are in flight, so memory stays bounded however long the stream; results
    come back in input order. Each worker loads spaCy and the extractors once. The database is
    written by the calling process only (DuckDB allows one writer).
    """
    if settings.workers <= 1:
        yield from get_analyzer(settings).analyze_stream(items)
        return
    context = multiprocessing.get_context("spawn")  # no inherited DuckDB handles or threads
    with ProcessPoolExecutor(max_workers=settings.workers, mp_context=context) as pool:
        in_flight: deque[Future[list[Article | Failure]]] = deque()
        for batch in _batches(items, settings.batch_size):
            in_flight.append(pool.submit(_analyze_batch, batch, settings))
            if len(in_flight) >= 2 * settings.workers:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


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

    @property
    def ok(self) -> bool:
        return not self.failed


def ingest_paths(
    paths: Iterable[str | Path],
    db_path: Path,
    settings: Settings,
    on_item: Callable[[Article | Failure, str], None] | None = None,
) -> IngestSummary:
    """Analyze every input item under ``paths`` and store it in the DuckDB file ``db_path``.

    Articles already in the database are recognised by id before any NLP is spent on them.
    Analyzed articles are stored a batch at a time, each batch in one transaction (DuckDB
    commits are the cost that matters), so a killed run leaves a consistent database and
    re-running the same command completes it. ``on_item(item, outcome)`` is called once per
    item with outcome ``ingested``, ``present``, ``skipped`` or ``failed`` (for progress bars).
    """
    summary = IngestSummary()
    notify = on_item or (lambda item, outcome: None)
    with Database(db_path) as db:

        def record_failure(failure: Failure) -> None:
            db.add_failure(failure)
            outcome = "skipped" if failure.status == "skipped" else "failed"
            (summary.skipped if outcome == "skipped" else summary.failed).append(failure)
            notify(failure, outcome)

        def store(batch: list[Article]) -> None:
            # One transaction per batch: a kill loses at most this batch, never part of an article.
            for article, stored in zip(batch, db.add_many(batch), strict=True):
                if isinstance(stored, StoreError):
                    source = article.source or article.id
                    record_failure(Failure(source=source, reason=f"{source}: {stored.reason}", code=stored.code.name))
                elif stored:
                    summary.ingested += 1
                    notify(article, "ingested")
                else:
                    summary.already_present += 1
                    notify(article, "present")

        def not_yet_stored() -> Iterator[Article | Failure]:
            for item in read_items(paths, settings):
                if isinstance(item, Article) and db.contains(item.id):
                    summary.already_present += 1
                    notify(item, "present")
                    continue
                yield item

        pending: list[Article] = []
        for result in analyze_items(not_yet_stored(), settings):
            if isinstance(result, Failure):
                record_failure(result)
                continue
            pending.append(result)
            if len(pending) >= settings.batch_size:
                store(pending)
                pending = []
        if pending:
            store(pending)
    return summary
