"""The one catalogue of errors.

Owns: every error code and message template the package raises or records. Must not print.
A bad input item becomes a :class:`communique.model.Failure` carrying one of these codes and a
one-line reason; the batch goes on. Raise with context (``raise ItemError(...) from exc``).
Each stage adds its codes here rather than inventing messages inline.
"""

from __future__ import annotations

from enum import Enum


class Code(str, Enum):
    """Error codes. The value is the message template; format it with keyword arguments."""

    # ingest: reading items
    E001 = "path does not exist"
    E002 = "file is empty"
    E003 = "file looks binary, not text ({detail})"
    E004 = "file is not valid UTF-8 text ({detail})"
    E005 = "file is {size} bytes, over the {limit}-byte limit (raise it with --max-bytes)"
    E006 = "gzip stream is truncated or corrupt ({detail})"
    E007 = "malformed JSON line ({detail})"
    E008 = "JSON line has no 'text' string field"
    E009 = "malformed HTML: no main text could be extracted"
    E010 = "malformed WARC record ({detail})"
    E011 = "WARC file holds no HTML responses"
    E012 = "article text is empty after extraction"
    E013 = "language is '{language}', not English: skipped"
    E014 = "invalid publication date {value!r} (expected a date such as 2016-11-24, 24 November 2016 or Thu, 24 Nov 2016 10:00:00 GMT)"
    E015 = "cannot read file ({detail})"
    E016 = "article has {size} characters, over the {limit}-character limit"
    E017 = "decompressed content is over the {limit}-byte limit (raise it with --max-bytes)"
    E018 = "unexpected error while reading ({detail})"
    E019 = "standard input is not available"
    E020 = (
        "WARC stream decompresses to over {limit} bytes, the larger of --max-bytes and {ratio} times"
        " the file's size: a gzip bomb?"
    )
    E021 = "no line break in {limit} bytes of a WARC file: not WARC data (raise the limit with --max-bytes)"
    E022 = "WARC record headers are over the {limit}-byte limit (raise it with --max-bytes)"
    # ingest: publication dates (E030-E039)
    E030 = "--published {value!r} has no {missing}: give a full date such as 2016-11-24 or 24 November 2016"
    # the extractors as spaCy components and the choice of them (E040-E049)
    E040 = "component {name} needs doc._.communique_{field}, which {writer} writes: add {writer} before it"
    E041 = "unknown extractor {value!r} (expected one of: {choices})"
    E042 = "--only and --without cannot be given together"
    E043 = "extractor {name} needs {needed}: keep {needed} in the selection"
    E044 = "pipeline config {path} is unreadable ({detail})"
    E045 = "an ingest runs every extractor (a partial analysis must not be stored): --only and --without are for analyze"
    # nlp / extraction
    E101 = "spaCy model {name!r} could not be loaded: {detail}"
    E102 = "analysis failed ({detail})"
    E103 = "article has {size} tokens, over the {limit}-token limit"
    # scale: ingest on a Dask cluster (E120-E129)
    E120 = "--engine dask needs the dask extra ({detail}): pip install 'communique[dask]'"
    E121 = "standard input cannot be split into partitions for --engine dask: save it to a file first"
    E122 = "analysis ran over the {limit}-second time limit per article (Settings.article_time_limit)"
    E123 = "partition {partition} failed on the cluster ({detail})"
    E124 = "shards of partition {partition} could not be loaded into the database ({detail})"
    E125 = "could not reach the Dask scheduler {address} ({detail})"
    E126 = "unknown engine {value!r} (expected one of: {choices})"
    E127 = "--scheduler needs --engine dask"
    # local worker processes (--workers N)
    E128 = "the worker process analysing this article stopped (killed, out of memory or crashed): the article is left out"
    # store
    E201 = "database {path} could not be opened ({detail})"
    E202 = "could not store article ({detail})"
    E203 = "database {path} has schema version {found}; this communique reads version {expected}"
    E204 = "database {path} is in use by another process; gave up after waiting {wait} s ({detail})"
    E210 = (
        "database {path} has schema version {found} and is open read-only; open it once for writing "
        "(communique record --db {path}) to migrate it to version {expected}"
    )
    # usage
    E301 = "unknown export format {value!r} (expected one of: {choices})"
    E302 = "unknown query table {value!r} (expected one of: {choices})"
    E303 = "parquet export needs an output file, not standard output"
    E304 = "filter {name!r} does not apply to table {table!r}"
    E305 = "invalid date {value!r} for {name!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)"
    E306 = "limit must be a positive integer, not {value!r}"
    E307 = "cannot write {path} ({detail})"
    E308 = "cannot read {path} ({detail})"
    E309 = "{path} is not UTF-8 text ({detail})"
    E310 = "{path} exists and is not a folder (--out names the folder to write into)"
    # the command line's last resort: an exception no specific handler expected is a bug
    E311 = "unexpected {detail} (a bug: please report it with the command that caused it)"
    # the project's gold sets live in the repository, not the package
    E312 = "no FILE given, and the project's gold set {name} is not here (it ships with the source, not the package): give a file"

    # attribution (E401-E499)
    E401 = "{path} is not a PolNeAR split (expected text/ and attributions/ folders)"
    E402 = "attribution model file {path} is unreadable ({detail})"
    E403 = "speaker case file {path} has a bad line {line} ({detail})"
    E404 = "no training data in {path} ({detail})"
    E405 = "the accurate attribution configuration needs {detail}"
    E406 = "statement gold file {path} has a bad line {line} ({detail})"
    E407 = "training data {path} cannot be recorded in the model's provenance ({detail})"
    E408 = "no attribution repair named {names} (they are: {choices})"

    # time: TimeML / MEANTIME evaluation (E501-E599)
    E501 = "no TimeML (.tml) or MEANTIME CAT (.xml) documents under {path}"
    E502 = "time gold file {path} is malformed ({detail})"
    # actors: knowledge base files, imports and linking evaluation (E601-E699)
    E601 = "actor file {path} cannot be read ({detail})"
    E602 = "actor file row {where} is malformed ({detail})"
    E603 = "unknown actor import format {value!r} (expected one of: {choices})"
    E604 = "no actor with id or name {value!r} in the knowledge base"
    E605 = "{path} is not a Wikidata export ({detail})"
    E606 = "linking gold file {path} is malformed ({detail})"
    E607 = "actor file {path} is not UTF-8 text ({detail}); save it as UTF-8"
    E608 = "Wikidata export {path} is not UTF-8 text ({detail})"

    # places: gazetteer, resolution and geo / metonymy evaluation
    E701 = "gazetteer could not be built from the installed data ({detail})"
    E702 = "{path} is not a toponym corpus (expected LGL or GeoVirus XML: {detail})"
    E703 = "{path} is not a ReLocaR metonymy file ({detail})"

    # events: PLOVER lexicon, event-type model, PLV / NGEC evaluation (E801-E899)
    E801 = "event trigger lexicon {path} has a bad line {line} ({detail})"
    E802 = "event model file {path} is unreadable ({detail})"
    E803 = "{path} is neither PLV_train.tsv-style data nor an NGEC synthetic folder ({detail})"
    E804 = "no training data for the event model in {path} ({detail})"
    E805 = "no shipped event model to score ({detail})"
    E806 = "event data file {path} has a bad line {line} ({detail})"
    E807 = "the plover format writes events only, not table {table!r} (use --table events)"
    E808 = "{path} is not a PLOVER gold-standard record file (a JSON array of records: {detail})"
    E809 = "the accurate event typer needs {detail}"
    E810 = "cannot train on the NGEC synthetic stories: {detail}"

    # corpus record: claims, answers, duplicates, positions, network, outlets (E901-E949)
    E901 = "no actor matches {value!r}{nearest}"
    E902 = "corpus gold file {path} is malformed ({detail})"
    E903 = "the encoder similarity needs {detail}"
    E905 = "{format} output needs a file: give --out FILE"

    # web: communique serve (E950-E969)
    E950 = (
        "--host {host} is not a loopback address: give --token (or COMMUNIQUE_TOKEN) so that every "
        "request must carry it"
    )

    # warnings (W001-W019): the article is kept and analyzed; the reason is recorded with it
    # (Article.warnings, and the failures table with status 'warning')
    W001 = "publication date {value!r} has no year: date left unresolved"
    W002 = "publication date {value!r} has no day: date left unresolved"
    W003 = "publication date {value!r} is a time without a date: date left unresolved"
    W004 = "publication date {value!r} could not be read: date left unresolved"
    W005 = "dateline date {written!r} has no year and no metadata gives one: date left unresolved"
    W006 = "extraction found little main text ({size} characters): the page may be only a caption or a stub"
    W007 = "{count} run-on sentence(s) of over {limit} tokens were cut before parsing"

    def format(self, **kwargs: object) -> str:
        return f"[{self.name}] {self.value.format(**kwargs)}"


def decode_detail(exc: UnicodeDecodeError) -> str:
    """Where a file stops being UTF-8, for E309 / E607 / E608: ``byte 0xe9 at offset 16``."""
    return f"byte 0x{exc.object[exc.start]:02x} at offset {exc.start}"


# how to install the encoder extra, named by every error that needs it: the extra requires our
# fine-tuned weights, a distribution of its own in the checkout (packages/encoder-weights)
ENCODER_EXTRA_INSTALL = "pip install -e '.[encoder]' ./packages/encoder-weights, from a communique checkout"


class CommuniqueError(Exception):
    """Base of every error the package raises. ``code`` names the catalogue entry."""

    def __init__(self, code: Code, **kwargs: object) -> None:
        self.code = code
        self.reason = code.format(**kwargs)
        super().__init__(self.reason)


class ItemError(CommuniqueError):
    """One input item is bad; record it as a failure and go on with the batch."""


class SkippedItem(CommuniqueError):
    """One input item is fine but out of scope (for example not English); record it as skipped."""


class UsageError(CommuniqueError):
    """The caller asked for something impossible (bad option value); the CLI exits with 2."""


class StoreError(CommuniqueError):
    """The database could not be opened or written."""


class ModelLoadError(CommuniqueError):
    """The spaCy model could not be loaded."""


def unreadable(path: object, exc: OSError | UnicodeDecodeError) -> UsageError:
    """E308 (cannot read) or E309 (not UTF-8) for an input the user named, for the commands
    whose readers let these through: the file an OSError names (one inside a folder the user
    gave), else ``path``."""
    if isinstance(exc, UnicodeDecodeError):
        return UsageError(Code.E309, path=path, detail=decode_detail(exc))
    return UsageError(Code.E308, path=exc.filename or path, detail=exc.strerror or str(exc))
