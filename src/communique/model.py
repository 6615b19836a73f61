"""The one data model every stage shares.

Owns: the plain dataclasses for articles and everything extracted from them, and their JSON form.
Must not: import any other communique module, spaCy, or the database. Every offset is a Python
string index into ``Article.text`` exactly as stored, so ``article.text[start:end]`` is always
the annotated words. Stages fill these objects; nothing here computes annotations.

The JSON shape produced by :meth:`Article.to_dict` is the public contract documented in
``docs/schema.md``; a field a later stage fills is an empty list or ``None``, never missing.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

Offsets = tuple[int, int]


def article_id_for(text: str) -> str:
    """Stable id of an article: the same text always gives the same id (re-ingest is a no-op)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


@dataclass
class Role:
    """One role of a statement or event (speaker, cue, content, source, target, trigger).

    A role can be discontinuous, so it holds a list of ``(start, end)`` spans; ``text`` is the
    spans' words joined with a space, for reading. ``name`` and ``actor`` are used by roles that
    denote an actor (a speaker, an event source or target): ``name`` is who it is (the fullest
    name in the article, or the government for a metonymic capital), ``actor`` the actor id.
    """

    spans: list[Offsets] = field(default_factory=list)
    text: str = ""
    name: str | None = None
    actor: str | None = None
    # A coordinated event role ("Moscow and Kiev") lists each actor here, each resolved on its
    # own; the role itself then spans the whole phrase, its ``name`` joins theirs, ``actor`` is None.
    members: list[Role] = field(default_factory=list)

    @classmethod
    def from_spans(cls, article_text: str, spans: list[Offsets], **extra: Any) -> Role:
        """Build a role from offsets, taking its text from the article so the two never disagree."""
        ordered = sorted((int(s), int(e)) for s, e in spans)
        return cls(spans=ordered, text=" ".join(article_text[s:e] for s, e in ordered), **extra)

    @property
    def start(self) -> int | None:
        return self.spans[0][0] if self.spans else None

    @property
    def end(self) -> int | None:
        return self.spans[-1][1] if self.spans else None

    def to_dict(self, with_identity: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"spans": [list(s) for s in self.spans], "text": self.text}
        if with_identity:
            out["name"] = self.name
            out["actor"] = self.actor
        return out


@dataclass
class TimeRef:
    """When a statement or event happened, and on what basis that was decided.

    ``basis`` is ``expression`` (a time expression governs it; ``time`` is its index in
    ``Article.times``), ``published`` (fell back to the publication date) or ``unknown``.
    """

    value: str | None = None
    basis: str = "unknown"
    time: int | None = None


@dataclass
class Statement:
    """One attribution relation: who (speaker) said or believes what (content), by which cue.

    ``kind`` is ``direct``, ``indirect`` or ``mixed``; ``stance`` what the cue does (assert,
    deny, urge, ...); ``certainty`` how firmly the article reports it (asserted, hedged,
    alleged, denied); ``parent`` the index of the statement this one is nested in;
    ``responds_to`` the index of the statement this one answers (a denial of an accusation).
    """

    speaker: Role = field(default_factory=Role)
    cue: Role = field(default_factory=Role)
    content: Role = field(default_factory=Role)
    kind: str = "indirect"
    stance: str = "assert"
    certainty: str = "asserted"
    parent: int | None = None
    responds_to: int | None = None
    time: TimeRef | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker.to_dict(with_identity=True),
            "cue": self.cue.to_dict(),
            "content": self.content.to_dict(),
            "kind": self.kind,
            "stance": self.stance,
            "certainty": self.certainty,
            "parent": self.parent,
            "responds_to": self.responds_to,
            "time": asdict(self.time) if self.time else None,
            "confidence": self.confidence,
        }


@dataclass
class Event:
    """One coded event: PLOVER ``type`` and ``mode``, who did it to whom, when and where.

    ``context`` lists PLOVER contexts (military, diplomatic, economic ...); ``cameo`` is the
    CAMEO root code (two digits) the type and mode map to. ``statement`` links an event that
    someone reports (claimed, not observed) to that statement; ``certainty`` says how firmly.
    """

    type: str
    mode: str | None = None
    source: Role = field(default_factory=Role)
    target: Role = field(default_factory=Role)
    trigger: Role = field(default_factory=Role)
    time: TimeRef | None = None
    place: int | None = None
    statement: int | None = None
    certainty: str = "asserted"
    context: list[str] = field(default_factory=list)
    cameo: str | None = None

    def to_dict(self) -> dict[str, Any]:
        def actors(role: Role) -> dict[str, Any]:
            return {**role.to_dict(with_identity=True), "members": [m.to_dict(with_identity=True) for m in role.members]}

        return {
            "type": self.type,
            "mode": self.mode,
            "source": actors(self.source),
            "target": actors(self.target),
            "trigger": self.trigger.to_dict(),
            "time": asdict(self.time) if self.time else None,
            "place": self.place,
            "statement": self.statement,
            "certainty": self.certainty,
            "context": list(self.context),
            "cameo": self.cameo,
        }


@dataclass
class TimeExpression:
    """A time expression and its TIMEX3-style value.

    ``type`` is DATE, TIME, DURATION or SET. ``value`` is the ISO/TIMEX3 value when it could be
    resolved; when it is relative to an unknown anchor, ``value`` is None and ``anchor`` says what
    it is relative to (for example ``"published-1M"`` for ``last month`` without a date).
    """

    text: str
    start: int
    end: int
    type: str
    value: str | None = None
    anchor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Place:
    """A toponym resolved to GeoNames: id, coordinates, ISO 3166-1 alpha-3 country, feature kind.

    ``role`` is how the article uses the name: ``literal`` (the place: ``in Moscow``),
    ``metonymic`` (the state acting: ``Moscow said``) or ``demonym`` (``the Russian ambassador``);
    ``actor`` is the actor id where the mention acts as one (a metonym linked to a government).
    """

    text: str
    start: int
    end: int
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    feature: str | None = None
    role: str = "literal"
    actor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Actor:
    """An actor: a person, government, military, organisation or group.

    ``id`` is stable across articles for knowledge-base actors (so a corpus can be queried by
    actor); article-local actors get an id derived from their name. ``sector`` is a PLOVER sector
    (GOV, MIL, ...).
    """

    id: str
    name: str
    type: str
    country: str | None = None
    wikidata: str | None = None
    sector: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Mention:
    """Where an actor is mentioned in the text (kept in the store for queries by actor)."""

    actor: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ArticleWarning:
    """Something wrong with an article that did not stop its analysis: an unreadable or partial
    publication date, a dateline without a year, a page with almost no main text. ``code`` is a
    warning code (``W0xx``) from ``errors.py``; ``reason`` is one line that names the cause."""

    code: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Article:
    """One news article and everything extracted from it.

    ``source`` names where it came from (a path, ``path:line`` for JSON Lines, ``path#record``
    for WARC). ``published_basis`` says where ``published`` came from: ``metadata``,
    ``dateline``, ``option`` (``--published``), ``warc-date`` (a crawl date, a last resort),
    ``dateline-no-year`` (``published`` is None: the dateline gives a month and day but no year,
    and nothing else gives one) or None. ``boilerplate`` holds the spans of photo captions, credits and link stubs that no
    extractor may use. ``warnings`` holds what went wrong without losing the article (for
    example a publication date without a year, left unresolved).
    """

    text: str
    id: str = ""
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_basis: str | None = None
    language: str | None = None
    source: str | None = None
    boilerplate: list[Offsets] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    warnings: list[ArticleWarning] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id_for(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published,
            "published_basis": self.published_basis,
            "language": self.language,
            "source": self.source,
            "text": self.text,
            "boilerplate": [list(s) for s in self.boilerplate],
            "statements": [s.to_dict() for s in self.statements],
            "events": [e.to_dict() for e in self.events],
            "times": [t.to_dict() for t in self.times],
            "places": [p.to_dict() for p in self.places],
            "actors": [a.to_dict() for a in self.actors],
            "mentions": [m.to_dict() for m in self.mentions],
            "warnings": [w.to_dict() for w in sorted(self.warnings, key=lambda w: w.code)],  # as stored
        }


@dataclass
class Failure:
    """An item that could not be analyzed, and why. ``status`` is ``failed`` or ``skipped``
    (for example a non-English article), or ``warning`` for an article that was kept and
    stored but carries an :class:`ArticleWarning` (the database records both alike). ``code`` is an error code from ``errors.py``."""

    source: str
    reason: str
    code: str
    status: str = "failed"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
