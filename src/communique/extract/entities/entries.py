"""The actor knowledge base's record types: one entry per actor, and dated role spells.

Owns: :class:`Entry` and :class:`RoleSpell`, date comparison for role spells, the slug used
for ids derived from names and the name of a country's government (shared with the attribution
resolver, so a speaker reads the same before and after linking). Must not: read files or know about spaCy; reading lives in
``kb_io``, indexing and lookup in ``kb``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from communique.model import Actor

# Types an entry can have; ``Actor.type`` carries the same words.
PERSON = "person"
COUNTRY = "country"
GOVERNMENT = "government"
MILITARY = "military"
ORGANISATION = "organisation"
MEDIA = "media"  # a news outlet or agency


# Country names said with "the" ("the United States", "the Czech Republic", "the Philippines").
_WITH_ARTICLE = ("United ", "Republic of ")
_WITH_ARTICLE_END = (" Republic", " Islands", " Emirates")
_WITH_ARTICLE_NAMES = frozenset({
    "Netherlands", "Philippines", "Gambia", "Bahamas", "Maldives", "Comoros", "Seychelles",
    "Vatican", "Democratic Republic of the Congo", "Holy See",
})


def government_name(country_name: str) -> str:
    """``Government of Russia``, ``Government of the United States``."""
    if country_name.startswith("The "):  # some gazetteers write "The Netherlands"
        country_name = country_name[4:]
    article = (
        country_name.startswith(_WITH_ARTICLE)
        or country_name.endswith(_WITH_ARTICLE_END)
        or country_name in _WITH_ARTICLE_NAMES
    )
    return f"Government of {'the ' if article else ''}{country_name}"


def slug(text: str) -> str:
    """``"Ivan Petrov"`` -> ``"ivan-petrov"``: ASCII, lowercase, hyphens (stable across runs)."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def fold(text: str) -> str:
    """Accent- and case-folded form of a name, for search and name comparison."""
    if text.isascii():
        return text.casefold().strip()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def _pad(date: str, last: bool) -> str:
    """Complete a partial ISO date (``2014`` or ``2014-06``) to a day, at the start or end."""
    if len(date) == 4:
        return date + ("-12-31" if last else "-01-01")
    if len(date) == 7:
        return date + ("-31" if last else "-01")
    return date[:10]


@dataclass(frozen=True)
class RoleSpell:
    """One role held over a span of time: ``president`` of ``BLR`` from ``1994-07-20`` on.

    ``scope`` is an ISO alpha-3 country code or a knowledge-base organisation id (``NATO``);
    ``start``/``end`` are ISO dates, possibly partial (``2016``); ``end`` None means ongoing.
    A spell covers its start day and stops on its end day (the successor's first day).
    """

    role: str
    scope: str | None
    start: str | None = None
    end: str | None = None

    def covers(self, date: str | None) -> bool:
        """True when the role was held on ``date`` (``YYYY-MM-DD``); with no date, when ongoing."""
        if date is None:
            return self.end is None
        day = date[:10]
        if self.start and day < _pad(self.start, last=False):
            return False
        if self.end and day >= _pad(self.end, last=len(self.end) < 10):
            return False
        return True

    def to_text(self) -> str:
        """The spell in the data-file form: ``role@SCOPE start..end``."""
        return f"{self.role}@{self.scope or ''} {self.start or ''}..{self.end or ''}"


@dataclass
class Entry:
    """One actor of the knowledge base (or of a user's file).

    ``aliases`` are other names it goes by (transliterations, short forms); ``roles`` the
    dated offices a person held; ``demonyms`` and ``capitals`` are filled for countries only
    (a capital used as an agent denotes the country's government).
    """

    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[RoleSpell] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    leader_role: str | None = None
    origin: str = "kb"
    gender: str | None = None  # "m" or "f" for a person whose gender is on record, else None

    def to_actor(self) -> Actor:
        """The public :class:`communique.model.Actor` for this entry."""
        return Actor(
            id=self.id,
            name=self.name,
            type=self.type,
            country=self.country,
            wikidata=self.wikidata,
            sector=self.sector,
        )

    def roles_on(self, date: str | None) -> list[RoleSpell]:
        """The role spells held on ``date``."""
        return [spell for spell in self.roles if spell.covers(date)]

    def to_dict(self) -> dict[str, object]:
        """Plain form for JSON output (``communique kb explain --json``)."""
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "country": self.country,
            "sector": self.sector,
            "wikidata": self.wikidata,
            "aliases": list(self.aliases),
            "roles": [spell.to_text() for spell in self.roles],
            "demonyms": list(self.demonyms),
            "capitals": list(self.capitals),
            "origin": self.origin,
        }
