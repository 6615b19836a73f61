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
    E014 = "invalid publication date {value!r} (expected YYYY-MM-DD)"
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
    # nlp / extraction
    E101 = "spaCy model {name!r} could not be loaded: {detail}"
    E102 = "analysis failed ({detail})"
    E103 = "article has {size} tokens, over the {limit}-token limit"
    # store
    E201 = "database {path} could not be opened ({detail})"
    E202 = "could not store article ({detail})"
    E203 = "database {path} has schema version {found}; this communique reads version {expected}"
    # usage
    E301 = "unknown export format {value!r} (expected one of: {choices})"
    E302 = "unknown query table {value!r} (expected one of: {choices})"
    E303 = "parquet export needs an output file, not standard output"
    E304 = "filter {name!r} does not apply to table {table!r}"
    E305 = "invalid date {value!r} for {name!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)"
    E306 = "limit must be a positive integer, not {value!r}"

    # attribution (E401-E499)
    E401 = "{path} is not a PolNeAR split (expected text/ and attributions/ folders)"
    E402 = "attribution model file {path} is unreadable ({detail})"
    E403 = "speaker case file {path} has a bad line {line} ({detail})"
    E404 = "no training data in {path} ({detail})"
    E405 = "the accurate attribution configuration needs {detail}"
    E406 = "statement gold file {path} has a bad line {line} ({detail})"

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

    # places: gazetteer, resolution and geo / metonymy evaluation
    E701 = "gazetteer could not be built from the installed data ({detail})"
    E702 = "{path} is not a toponym corpus (expected LGL or GeoVirus XML: {detail})"
    E703 = "{path} is not a ReLocaR metonymy file ({detail})"

    # events: PLOVER lexicon, event-type model, PLV / NGEC evaluation (E801-E899)
    E801 = "event trigger lexicon {path} has a bad line {line} ({detail})"
    E802 = "event model file {path} is unreadable ({detail})"
    E803 = "{path} is neither PLV_train.tsv-style data nor an NGEC synthetic folder ({detail})"
    E804 = "no training data for the event model in {path} ({detail})"

    def format(self, **kwargs: object) -> str:
        return f"[{self.name}] {self.value.format(**kwargs)}"


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
