"""Actors: the knowledge base and the extractor that links mentions and speakers to it.

Owns: :class:`ActorLinker`, which fills ``article.actors`` (unique; knowledge-base or
article-local), ``article.mentions``, ``statement.speaker.actor`` (normalising
``speaker.name`` to the canonical name) and the source/target actors of events that earlier
extractors put on the article. Must not: create statements or events, or touch places.

Public helpers: :func:`load_kb` (the knowledge base, once per process) and
:func:`resolve_name` (a speaker name or descriptor -> an actor, for other extractors).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.tokens import Doc

from communique.extract.actors.linker import AliasIndex, Link, find_links
from communique.extract.entities.apposition import is_apposed
from communique.extract.entities.entries import PERSON, Entry
from communique.extract.entities.kb import KnowledgeBase, load_kb, resolve_name
from communique.model import Actor, Article, Mention, Role
from communique.settings import Settings

__all__ = ["ActorLinker", "KnowledgeBase", "load_kb", "resolve_name"]

# When a speaker span holds several mentions, the one most likely to be the speaker wins.
_SPEAKER_PREFERENCE = {"person": 0, "government": 1, "military": 2, "organisation": 3}


@lru_cache(maxsize=8)
def _alias_index(kb_files: tuple) -> AliasIndex:  # noqa: ANN001
    """The alias index over a knowledge base, built once per process and set of files."""
    return AliasIndex(load_kb(kb_files), spacy.blank("en").tokenizer)


class ActorLinker:
    """Links actor mentions, speakers and event parties to actors (see the module docstring)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.kb_files = tuple(settings.actor_files)
        self.kb = load_kb(self.kb_files)
        self.index = _alias_index(self.kb_files)

    def __call__(self, doc: Doc, article: Article) -> None:
        published = (article.published or self.settings.published or None)
        published = published[:10] if published else None
        links = find_links(doc, self.kb, self.index, published)
        actors: dict[str, Actor] = {a.id: a for a in article.actors}
        mentions: list[Mention] = list(article.mentions)
        # each link with its character span, read once: every role is matched against all of them
        linked: list[tuple[Link, int, int]] = []
        for link in links:
            start, end = doc[link.start].idx, doc[link.end - 1].idx + len(doc[link.end - 1])
            linked.append((link, start, end))
            actors.setdefault(link.entry.id, link.entry.to_actor())
            mentions.append(Mention(link.entry.id, start, end, article.text[start:end]))
        by_name = _names_in_article(links, doc)
        for statement in article.statements:
            self._link_role(statement.speaker, doc, article, linked, by_name, published, actors, mentions)
        for event in article.events:
            for role in (event.source, event.target):
                self._link_role(role, doc, article, linked, by_name, published, actors, mentions)
        article.actors = list(actors.values())
        article.mentions = sorted(mentions, key=lambda m: (m.start, m.end))

    def _link_role(
        self,
        role: Role,
        doc: Doc,
        article: Article,
        linked: list[tuple[Link, int, int]],
        by_name: dict[str, Entry],
        published: str | None,
        actors: dict[str, Actor],
        mentions: list[Mention],
    ) -> None:
        """Fill ``role.actor`` (and the canonical ``role.name``) for a speaker, source or target
        (``linked``: the article's links with their character spans)."""
        if not role.spans:
            return
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
                    # nobody named inside is the speaker, but the name the attribution resolver
                    # gave may be an organisation named there ("a report by the IAEA" is the
                    # IAEA); never a person of the modifier
                    modifier_people = {link.entry.id for link in inside if link.entry.type == PERSON}
                    inside = []
            inside = holding_head or inside
        if inside:
            entry = min(inside, key=lambda l: (_SPEAKER_PREFERENCE.get(l.entry.type, 9),
                                               -(l.end - l.start))).entry
        else:
            for text in (role.name, role.text):
                if not text:
                    continue
                entry = by_name.get(text.casefold())
                if entry is None:
                    found = resolve_name(text, published, self.kb)
                    entry = self.kb.get(found.id) if found else None
                if entry is not None and (not _written_as(text, entry) or entry.id in modifier_people):
                    entry = None
                if entry is not None:
                    break
            if entry is not None:
                for s, e in role.spans:
                    mentions.append(Mention(entry.id, s, e, article.text[s:e]))
        if entry is None:
            return
        role.actor = entry.id
        role.name = entry.name
        actors.setdefault(entry.id, entry.to_actor())


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
    so a speaker name the attribution extractor wrote resolves the way the article means it."""
    names: dict[str, Entry] = {}
    for link in links:
        if link.entry.type != PERSON:
            continue
        text = doc[link.start : link.end].text
        for key in {text, link.entry.name, text.split()[-1], link.entry.name.split()[-1]}:
            names[key.casefold()] = link.entry
    return names
