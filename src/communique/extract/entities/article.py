"""One article's entities: the one place that says who a span is.

Owns: :class:`ArticleEntities`, made once per article by each extractor that asks, over the
parts of this package: the article's names and its speaker memory (``speakers.Resolver``: who
"he", "the Belarusian leader", "Johnson" or "Moscow" is as a speaker), its actor mentions
(``mentions.find_links``: words linked to the knowledge base, with the article memory that
recalls "Johnson" after "Boris Johnson") and :meth:`ArticleEntities.link`, which puts the actors on
the article and links each speaker, event source and event target to one. Attribution asks
:meth:`ArticleEntities.speaker`; the actors extractor calls :meth:`ArticleEntities.link`;
places and events read the actors and mentions it wrote. Must not: make statements or events,
or change spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property, lru_cache

import spacy
from spacy.tokens import Doc, Token

from communique.extract.entities.apposition import is_apposed
from communique.extract.entities.entries import MEDIA, ORGANISATION, PERSON, Entry
from communique.extract.entities.home import home_country
from communique.extract.entities.kb import KnowledgeBase, load_kb, resolve_name
from communique.extract.entities.mentions import AliasIndex, Link, find_links
from communique.extract.entities.speakers import REFER_BACK_CHARS, Resolver, body_nouns
from communique.model import Actor, Article, Mention, Role

# The nouns that may refer back to a news outlet ("the agency said", after Reuters).
_MEDIA_NOUNS = frozenset({"agency", "broadcaster", "network", "newspaper", "outlet", "channel", "paper", "station"})
# When a speaker span holds several mentions, the one most likely to be the speaker wins.
_SPEAKER_PREFERENCE = {"person": 0, "government": 1, "military": 2, "organisation": 3}


@lru_cache(maxsize=8)
def _alias_index(kb_files: tuple) -> AliasIndex:  # noqa: ANN001
    """The alias index over a knowledge base, built once per process and set of files."""
    return AliasIndex(load_kb(kb_files), spacy.blank("en").tokenizer)


class ArticleEntities:
    """Who the spans of one article are (see the module docstring). ``kb_files``: actor files
    besides the shipped knowledge base; ``published``: the article's date (YYYY-MM-DD), for
    who held an office then."""

    def __init__(self, doc: Doc, kb_files: tuple = (), published: str | None = None) -> None:
        self.doc = doc
        self.kb_files = tuple(kb_files)
        self.published = published

    # -- speakers: asked by attribution, statement by statement in text order --

    @cached_property
    def speakers(self) -> Resolver:
        """The article's speaker memory (made on the first question)."""
        return Resolver(self.doc)

    def speaker(
        self, tokens: list[Token], content: Iterable[Token] = (), reporter: str | None = None
    ) -> tuple[str | None, bool]:
        """The name a speaker mention stands for, and whether it is a person (see
        ``Resolver.resolve``: ``content`` is what it is said to have said, ``reporter`` the
        speaker of the statement it is nested in)."""
        name, person = self.speakers.resolve(tokens, content, reporter)
        words = [t for t in tokens if not t.is_space and not t.is_punct]
        if not person and len(words) == 2 and words[0].lower_ == "the" and words[1].lemma_.lower() in body_nouns():
            # "the bloc" after "ECOWAS Commission President Omar Touray": no organisation the
            # tagger saw (or only the news agency that filed the story, "ABUJA (Reuters) -"),
            # but one the knowledge base links shortly before
            if name == words[1].text or self._a_news_outlet(name, words[1]):
                name = self._organisation_before(words[0].idx) or words[1].text
        return name, person

    def _a_news_outlet(self, name: str | None, noun: Token) -> bool:
        """Whether ``name`` is a news outlet and ``noun`` ("the bloc") cannot name one."""
        if not name or noun.lemma_.lower() in _MEDIA_NOUNS:
            return False
        found = resolve_name(name, self.published, self.kb)
        return found is not None and found.type == MEDIA

    def _organisation_before(self, offset: int) -> str | None:
        """The organisation the article last linked shortly before character ``offset``."""
        doc, latest = self.doc, None
        for link in self.links:
            start = doc[link.start].idx
            if start >= offset:
                break
            if link.entry.type == ORGANISATION and offset - start <= REFER_BACK_CHARS:
                latest = link.entry.name
        return latest

    def note_speaker(self, position: int, name: str | None, subordinate: bool, person: bool, tokens: list[Token]) -> None:
        """Remember a resolved speaker at character ``position``, so later pronouns and
        descriptors may refer to it (a ``subordinate`` mention does not take over "he")."""
        self.speakers.note_speaker(position, name, subordinate, person, plural=self.speakers.plural(tokens))

    # -- actors: the mentions linked to the knowledge base, and every role linked to one --

    @cached_property
    def kb(self) -> KnowledgeBase:
        """The knowledge base with the article's actor files (loaded once per process)."""
        return load_kb(self.kb_files)

    @cached_property
    def links(self) -> list[Link]:
        """Every actor mention of the article, in text order, without overlaps."""
        return find_links(self.doc, self.kb, _alias_index(self.kb_files), self.published)

    def link(self, article: Article) -> None:
        """Fill ``article.actors`` and ``article.mentions``, and the actor (and canonical name)
        of every statement's speaker and every event's source and target on ``article``."""
        doc = self.doc
        actors: dict[str, Actor] = {a.id: a for a in article.actors}
        mentions: list[Mention] = list(article.mentions)
        # each link with its character span, read once: every role is matched against all of them
        linked: list[tuple[Link, int, int]] = []
        for link in self.links:
            start, end = doc[link.start].idx, doc[link.end - 1].idx + len(doc[link.end - 1])
            linked.append((link, start, end))
            actors.setdefault(link.entry.id, link.entry.to_actor())
            mentions.append(Mention(link.entry.id, start, end, article.text[start:end]))
        by_name = _names_in_article(self.links, doc)
        offices = self._offices_held(home_country(article.url))
        roles = [s.speaker for s in article.statements]
        roles += [role for event in article.events for role in (event.source, event.target)]
        for role in roles:
            entry = self._actor_of(role, article, linked, by_name, mentions)
            if entry is not None:
                role.actor = entry.id
                role.name = entry.name
                actors.setdefault(entry.id, entry.to_actor())
            elif role.name:
                for office, holder in offices:
                    role.name = office.sub(holder, role.name)
        article.actors = list(actors.values())
        article.mentions = sorted(mentions, key=lambda m: (m.start, m.end))

    def _offices_held(self, country: str | None) -> list[tuple[re.Pattern[str], str]]:
        """What names a group described by an office ("sources close to the president's office",
        "aides to the prime minister") by its holder, as the next article and a reader looking it
        up name it ("sources close to Zelensky's office"): for each office of ``country`` (the
        outlet's, from its web domain) held on the article's date by a person the article names,
        a pattern for "the <office>" and that person's surname as written; of several holders,
        the first named. Empty without a country: anywhere else the description stays as written."""
        if country is None:
            return []
        holders: dict[str, str] = {}
        for link in self.links:
            if link.entry.type != PERSON:
                continue
            for office, scope in self.kb.roles_held(link.entry, self.published):
                if scope == country and office != "leader":  # "leader" is derived from the office
                    holders.setdefault(office, self.doc[link.end - 1].text)
        # never the description's first words ("the president's aides" is no group), nor an
        # office another country's ("aides to the president of France")
        return [(re.compile(rf"(?<=.)\bthe {re.escape(office)}\b(?!\s+of\b)", re.IGNORECASE), holder)
                for office, holder in holders.items()]

    def _actor_of(
        self,
        role: Role,
        article: Article,
        linked: list[tuple[Link, int, int]],
        by_name: dict[str, Entry],
        mentions: list[Mention],
    ) -> Entry | None:
        """The actor of a speaker, source or target (``linked``: the article's links with their
        character spans); a role linked by its name adds its spans to ``mentions``."""
        if not role.spans:
            return None
        doc = self.doc
        inside = [link for link, start, end in linked if any(start < e and s < end for s, e in role.spans)]
        entry: Entry | None = None
        modifier_people: set[str] = set()
        head = _head_token(doc, role)
        if inside and head is not None:
            holding_head = [link for link in inside if link.start <= head.i < link.end]
            # a proper-noun head no link holds ("the Clacton MP", "Russia's defence ministry",
            # where NER took "defence ministry" for a name) is a description too
            if not holding_head and head.pos_ in ("NOUN", "PROPN"):
                # "the army's spokesman, Colonel Ivan Petrenko": the person the noun is put
                # beside is the speaker; but "staff who were close to Vladimir Zelensky" is a
                # group, not the person named in its modifier, and keeps no actor rather than
                # the wrong one.
                holding_head = [link for link in inside if _apposed(doc, link, head)]
                if not holding_head:
                    # nobody named inside is the speaker, but the name the speaker resolver
                    # gave may be an organisation named there ("a report by the IAEA" is the
                    # IAEA); never a person of the modifier
                    modifier_people = {link.entry.id for link in inside if link.entry.type == PERSON}
                    inside = []
            inside = holding_head or inside
        if inside:
            return min(inside, key=lambda l: (_SPEAKER_PREFERENCE.get(l.entry.type, 9),
                                              -(l.end - l.start))).entry
        for text in (role.name, role.text):
            if not text:
                continue
            entry = by_name.get(text.casefold())
            if entry is None:
                found = resolve_name(text, self.published, self.kb)
                entry = self.kb.get(found.id) if found else None
            if entry is not None and (not _written_as(text, entry) or entry.id in modifier_people):
                entry = None
            if entry is not None:
                break
        if entry is not None:
            for s, e in role.spans:
                mentions.append(Mention(entry.id, s, e, article.text[s:e]))
        return entry


def _written_as(text: str, entry: Entry) -> bool:
    """Whether ``text`` may name ``entry``: a word in lower case ("who", "it") is not the
    acronym it spells (WHO, IT), only a name or alias written in lower case too."""
    if not text.islower():
        return True
    key = text.casefold()
    same = [n for n in (entry.name, *entry.aliases) if n.casefold() == key]
    return not same or any(not n.isupper() for n in same)


def _apposed(doc: Doc, link: Link, head) -> bool:  # noqa: ANN001 (a spaCy Token)
    """Whether the linked mention is a person put beside ``head`` (``the spokesman, Ivan
    Petrenko``; see ``is_apposed``)."""
    return link.entry.type == PERSON and is_apposed(doc[link.start : link.end].root, head)


def _head_token(doc: Doc, role: Role):  # noqa: ANN202 (a spaCy Token or None)
    """The syntactic head of a role's first span (the word the rest of it modifies)."""
    start, end = role.spans[0]
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _names_in_article(links: list[Link], doc: Doc) -> dict[str, Entry]:
    """Full names and surnames of the people the article names -> their entries (latest wins),
    so a speaker name the speaker resolver wrote resolves the way the article means it."""
    names: dict[str, Entry] = {}
    for link in links:
        if link.entry.type != PERSON:
            continue
        text = doc[link.start : link.end].text
        for key in {text, link.entry.name, text.split()[-1], link.entry.name.split()[-1]}:
            names[key.casefold()] = link.entry
    return names
