"""Who said it, as one key per speaker, so that two outlets' names for one speaker meet in a claim.

Owns: turning each report's speaker (the actor the extract stage linked, else the name it
resolved) into the key claims are grouped by (``Report.speaker_key``). Must not: link mentions
(the actor layer did, and its knowledge base answers "who is this name?") or decide claims.

Outlets name one speaker in several ways, and the actor layer links most of them to one actor;
what it leaves apart, this module joins, in order:
1. **a local actor that is a known one**: an id the actor layer minted for a name it did not
   find (``local:ecowas`` for "Ecowas") whose name the knowledge base knows after all, in any
   case; a bare surname (``local:johnson``) that is the surname of exactly one known person
   named in the same article, else in the corpus (``Q180589``, Boris Johnson). Two spellings of
   one name ("Abdourahamane Tiani" and "Tchiani") are left apart: joined, the claims said under
   one spelling drop out of a timeline asked for by the other (``query.record`` matches the
   claim's speaker, not its reports'), which cost more on held-out set 1 (timeline 94.6 -> 89.2)
   than the claims gained (34.8 -> 36.6);
2. **a name nobody linked** that is the name of an actor named in the same article ("Defense
   Ministry" as the speaker of "it said", beside a linked ``Defense Ministry``);
3. **one country's state**: its government, its military and its ministries speak for one
   state (``GOV-RUS``, ``MIL-RUS``, "Russia's Defense Ministry" and "Azerbaijan's presidential
   administration" are ``state:XXX``): outlets credit one communique to "the Russian military",
   "the defence ministry" or "Moscow";
4. **a common-noun speaker** is keyed by its words with country names and their adjectives
   folded to one code ("Ukraine's negotiators" and "Ukrainian negotiators" are one key).
The report keeps its raw actor in the store; the record's ``speaker_actor`` is the known actor
a local id was joined to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import duckdb

from ..extract.entities.entries import fold
from ..extract.entities.kb import KnowledgeBase, load_kb, name_key

if TYPE_CHECKING:
    from .reports import Report

STATE_TYPES = frozenset({"government", "military", "country"})
# Words that make an organisation a body of its country's state ("Defense Ministry").
_STATE_BODY_WORDS = frozenset(
    {"ministry", "ministries", "government", "cabinet", "presidency", "embassy", "army", "navy", "military",
     "defence", "defense", "kremlin", "presidential", "administration"}
)


@dataclass(frozen=True)
class _Actor:
    id: str
    name: str
    type: str | None
    country: str | None


@lru_cache(maxsize=1)
def _kb() -> KnowledgeBase:
    return load_kb()


def _country_in(words: Iterable[str]) -> str | None:
    """The country a phrase names by a name, a possessive or an adjective ("Russia's", "Russian")."""
    kb = _kb()
    for word in words:
        code = kb.country_of(word.removesuffix("'s").removesuffix("\u2019s"))
        if code:
            return code
    return None


@lru_cache(maxsize=4096)
@lru_cache(maxsize=65_536)
def countries_named(text: str) -> frozenset[str]:
    """The countries a text names by name, possessive or adjective ("British specialists")."""
    kb = _kb()
    found = set()
    for word in text.replace("\u2019", "'").split():
        code = kb.country_of(word.strip(".,;:!?\"()").removesuffix("'s"))
        if code:
            found.add(code)
    return frozenset(found)


def _state_body(actor: _Actor, speaker_text: str) -> str | None:
    """``state:XXX`` when the actor is a country's government, military or ministry, else None."""
    if actor.type in STATE_TYPES and actor.country:
        return f"state:{actor.country}"
    if actor.type == "person":
        return None
    words = fold(actor.name).split()
    if not _STATE_BODY_WORDS & set(words):
        return None
    # the country the outlet names ("Russia's Defense Ministry") before the actor's own: one local
    # id stands for every country's "Foreign Ministry"
    country = _country_in(speaker_text.split()) or actor.country
    return f"state:{country}" if country else None


def _folded_name(name: str) -> str:
    """A common-noun speaker's words with country names and adjectives as codes."""
    kb = _kb()
    out = []
    for word in name_key(name).split():
        bare = word.removesuffix("'s")
        out.append(kb.country_of(bare) or word)
    return " ".join(out)


class SpeakerBook:
    """What joining speakers needs to know about the actors in play (read once per chunk)."""

    def __init__(self, actors: dict[str, _Actor], mentioned: dict[str, set[str]]) -> None:
        self.actors = actors
        self.mentioned = mentioned
        self.by_surname: dict[str, list[_Actor]] = defaultdict(list)
        for person in actors.values():
            if person.type != "person" or person.id.startswith("local:"):
                continue
            words = fold(person.name).split()
            if len(words) > 1:
                self.by_surname[words[-1]].append(person)

    @classmethod
    def read(cls, conn: duckdb.DuckDBPyConnection, reports: list[Report]) -> SpeakerBook:
        """The corpus's actors and, for the reports' articles, the actors each names."""
        actors = {
            row[0]: _Actor(*row)
            for row in conn.execute("SELECT id, name, type, country FROM actors").fetchall()
        }
        article_ids = sorted({r.article_id for r in reports})
        mentioned: dict[str, set[str]] = defaultdict(set)
        for article_id, actor_id in conn.execute(
            "SELECT DISTINCT article_id, actor_id FROM mentions "
            "WHERE article_id IN (SELECT unnest(?::VARCHAR[])) AND actor_id IS NOT NULL",
            [article_ids],
        ).fetchall():
            mentioned[article_id].add(actor_id)
        return cls(actors, mentioned)

    def actor(self, actor_id: str) -> _Actor | None:
        """What the corpus (else the knowledge base) says of an actor id."""
        if actor_id in self.actors:
            return self.actors[actor_id]
        entry = _kb().get(actor_id)
        return _Actor(entry.id, entry.name, entry.type, entry.country) if entry is not None else None

    def known(self, actor_id: str, article_id: str) -> str:
        """The known actor a local id stands for (rule 1), else the id itself."""
        actor = self.actors.get(actor_id)
        if actor is None or not actor_id.startswith("local:"):
            return actor_id
        found = [e for e in _kb().find(actor.name) if not e.id.startswith("local:")]
        if len(found) == 1:
            return found[0].id
        words = fold(actor.name).split()
        if actor.type == "person" and len(words) == 1:
            namesakes = self.by_surname.get(words[0], [])
            here = [p for p in namesakes if p.id in self.mentioned.get(article_id, ())]
            for group in (here, namesakes):
                if len(group) == 1:
                    return group[0].id
        return actor_id

    def named_here(self, name: str, article_id: str) -> str | None:
        """An actor named in this article whose name is ``name`` (rule 2), or None."""
        key = name_key(name)
        found = sorted(a for a in self.mentioned.get(article_id, ()) if a in self.actors and name_key(self.actors[a].name) == key)
        return found[0] if len(found) == 1 else None

    def assign(self, report: Report) -> None:
        """Set ``report``'s speaker key (and its joined actor) by the rules above."""
        actor_id = report.speaker_actor
        if actor_id is None and report.speaker_name:
            actor_id = self.named_here(report.speaker_name, report.article_id)
        if actor_id is None:
            name = (report.speaker_name or report.speaker_text or "").strip()
            raw = report.raw_speaker_key
            report.unified_key = None if raw is None else "name:" + _folded_name(name)
            return
        actor_id = self.known(actor_id, report.article_id)
        report.speaker_actor = actor_id
        actor = self.actor(actor_id)
        state = _state_body(actor, report.speaker_text) if actor is not None else None
        report.unified_key = state or actor_id
        report.speaker_country = state.removeprefix("state:") if state else actor.country if actor else None


def keys_for_name(name: str) -> frozenset[str]:
    """The speaker keys a name a user types stands for (``communique timeline ACTOR``), by the
    rules above: each actor the knowledge base knows by that name as the record keys it (a
    country's government, military or ministry as its state); else, for a phrase that names a
    state body and one country ("Ministry of Defence of Russia", "Presidential Administration of
    Azerbaijan"), that state. Empty for a name the knowledge base does not know; the query then
    matches names as text."""
    keys = set()
    for entry in _kb().find(name):
        actor = _Actor(entry.id, entry.name, entry.type, entry.country)
        keys.add(_state_body(actor, name) or entry.id)
    if not keys and _STATE_BODY_WORDS & set(fold(name).split()):
        countries = countries_named(name)
        if len(countries) == 1:
            keys.add(f"state:{next(iter(countries))}")
    return frozenset(keys)


def assign_keys(conn: duckdb.DuckDBPyConnection, reports: list[Report]) -> None:
    """Give every report its speaker key (one read of the actors and the articles' mentions)."""
    if not reports:
        return
    book = SpeakerBook.read(conn, reports)
    for report in reports:
        book.assign(report)
