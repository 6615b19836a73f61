"""The people an article names, as one chain per person: the fullest name each mention stands
for and the person's gender, plus the name-text helpers the speaker resolver and the actor
mentions share (titles, particles, honorifics).

Owns: :class:`ArticleNames` (one article's PERSON entities joined and completed, ``fullest``:
``Johnson`` -> ``Boris Johnson``; ``gender``: Mr. / Mrs. / Ms. in the article, the knowledge
base, first names), and the one honorific table. Must not: resolve pronouns or descriptors
(``speakers`` does) or link to actor ids (``mentions`` does).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cached_property

import numpy
from spacy.attrs import LOWER, POS
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span, Token

from communique.extract.entities.gender import given_name_gender, known_gender
from communique.extract.entities.roles import NAME_TITLES, person_nouns

# Honorifics before a name and the gender they say (the linker's memory and the speaker
# resolver's pronoun check read this one table).
HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}
# Lower-case particles inside names (von der Leyen, bin Salman, al-Assad, de Gaulle).
NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "da", "la", "le", "bin", "al", "ibn", "el"})


def name_start(words: list[Token]) -> int:
    """Where a name starts after its titles ("Lt. Col. Ivan Petrenko"). A title goes only
    before more of a person's name: "Major" alone is a surname (John Major's), and the
    "Justice" of "Justice Department" is no title."""
    i = 0
    while i < len(words) - 1 and words[i].lower_.rstrip(".") in NAME_TITLES:
        j = i + 1
        while j < len(words) - 1 and words[j].text == ".":
            j += 1
        following = words[j]
        if following.lower_.rstrip(".") not in NAME_TITLES and not (
            following.is_title and following.ent_type_ in ("PERSON", "")
        ):
            break
        i = j
    return i


def clean_name(span: Span) -> str:
    """A person mention as a name: without titles, punctuation (but a name's own ``.-'``) or
    a trailing possessive."""
    words = [t for t in span if not t.is_punct or t.text in ".-'"]
    words = words[name_start(words):]
    while words and words[-1].tag_ == "POS":
        words.pop()
    return "".join(t.text_with_ws for t in words).strip()


def honorific_before(doc: Doc, start: int) -> str | None:
    """``m`` or ``f`` when the token before ``start`` is Mr./Mrs./Ms./Miss, else None."""
    return HONORIFICS.get(doc[start - 1].lower_) if start > 0 else None


class ArticleNames:
    """The people one article names: each mention's fullest name and each person's gender."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.entities = list(self.doc.ents)
        # the entities of each label, in text order (every speaker mention searches them)
        self.by_label: dict[str, list[Span]] = {}
        for entity in self.entities:
            self.by_label.setdefault(entity.label_, []).append(entity)
        self.people = [complete_name(e) for e in joined_people(self.by_label.get("PERSON", []))]
        # proper nouns by lower-cased text: fullest() looks names up here instead of rescanning
        # (read from one array: iterating the Doc builds a Token object per word, which cost a
        # tenth of the attribution stage's time)
        self.proper: dict[str, list[int]] = {}
        strings = doc.vocab.strings
        tags = doc.to_array([POS, LOWER])
        for i in numpy.flatnonzero(tags[:, 0] == PROPN).tolist():
            self.proper.setdefault(strings[int(tags[i, 1])], []).append(i)
        self._fullest: dict[str, str] = {}
        self._genders: dict[str, str | None] = {}

    @cached_property
    def person_names(self) -> list[str]:
        """Each PERSON entity's name without titles, in the order of ``people``."""
        return [clean_name(entity) for entity in self.people]

    @cached_property
    def name_counts(self) -> Counter[str]:
        """How often the article writes each person name (lower case)."""
        return Counter(name.lower() for name in self.person_names)

    def fullest(self, surname: str) -> str:
        """The article's usual longer form of a name that ends with ``surname`` as written: a
        PERSON entity, or a run of proper nouns without its titles (``German Chancellor Olaf
        Scholz``) where the tagger missed the entity; ``surname`` itself when there is none."""
        if not surname.split():
            return surname
        if surname not in self._fullest:
            self._fullest[surname] = self._find_fullest(surname)
        return self._fullest[surname]

    def _find_fullest(self, surname: str) -> str:
        last = surname.split()[-1].lower()
        written = surname.lower().split()
        # a longer name must end with the whole name as written: "Trump" may be "Donald Trump",
        # "Ivana Trump" may not (nor "Bill Clinton" "Hillary Clinton")
        extends = lambda name: ends_with(name, surname)  # noqa: E731
        # how often each longer form is written: the usual one wins over a headline's
        # "Crooked Hillary Clinton" or a tagger's "Washington Post Trump", the longest on a tie
        forms: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        for entity, name in zip(self.people, self.person_names, strict=True):
            if name.split() and extends(name) and len(name) > len(surname):
                forms[name] += 1
                first_seen.setdefault(name, entity.start)
        for i in self.proper.get(last, ()):
            token = self.doc[i]
            if token.ent_type_ == "PERSON":
                continue  # counted with its entity
            start = token.i
            while (
                start > 0
                and self.doc[start - 1].pos_ == "PROPN"
                and not self.doc[start - 1].is_punct  # the tagger calls a title's period PROPN
                and self.doc[start - 1].lower_.rstrip(".") not in NAME_TITLES
            ):
                if self.doc[start - 1].lower_ in person_nouns()["person"] or self.doc[start - 1].ent_type_ in ("NORP", "GPE"):
                    break
                start -= 1
            name = self.doc[start : token.i + 1].text
            # four names at most, not counting particles ("Mohammed bin Abdulrahman Al Thani")
            names = [w for w in name.split() if w.lower() not in NAME_PARTICLES]
            if len(name) > len(surname) and len(names) <= 4 and extends(name):
                forms[name] += 1
                first_seen[name] = min(first_seen.get(name, start), start)
        forms = first_person(forms, first_seen)
        if forms and len(written) > 1:
            # a full name as written competes with its longer forms: "Hillary Clinton", written
            # 18 times, is not a headline's "Crooked Hillary Clinton"
            forms[surname] = self.name_counts[surname.lower()]
        if forms:
            return max(forms, key=lambda name: (forms[name], len(name)))
        return surname

    def gender(self, name: str) -> str | None:
        """A person's gender as the article says it (Mr. / Mrs. / Ms. before the surname), else
        as the first name says it (gender.py); None when neither is clear."""
        # every pronoun asks again about every person before it: look each name up once
        if name not in self._genders:
            self._genders[name] = self._find_gender(name)
        return self._genders[name]

    def _find_gender(self, name: str) -> str | None:
        words = name.split()
        if not words:
            return None
        # an honorific before this very name ("Ms. Jordan Smith") settles it; one before the
        # surname alone ("Ms. Trump") may be a relative's, so a known first name goes first
        explicit: set[str] = set()
        surname_only: set[str] = set()
        first = words[0].lower() if len(words) > 1 else None
        for i in self.proper.get(words[-1].lower(), ()):
            j = i - 1
            while j >= 0 and self.doc[j].pos_ == "PROPN" and self.doc[j].lower_ not in HONORIFICS:
                j -= 1
            if j >= 0 and self.doc[j].lower_ in HONORIFICS:
                named = {t.lower_ for t in self.doc[j + 1 : i]}
                (explicit if first in named else surname_only).add(HONORIFICS[self.doc[j].lower_])
        if len(explicit) == 1:
            return explicit.pop()
        on_record = known_gender(name)
        if on_record is not None:
            return on_record
        by_first_name = given_name_gender(words[0]) if first else None
        if by_first_name is not None:
            return by_first_name
        return surname_only.pop() if len(surname_only) == 1 else None


def first_person(forms: Counter[str], first_seen: dict[str, int]) -> Counter[str]:
    """The forms of the person introduced first, when the longer forms of a surname are several
    people ("Donald Trump", "Eric Trump"): news writes a relative's full name every time and
    the principal's once, so the bare surname is the principal, however often the relative
    is written. Forms where one ends with the other ("Hillary Clinton", "Crooked Hillary
    Clinton") are one person. Only a form that starts with a given name counts as a person
    here, so a tagger's "Washington Post Trump" in a byline does not take the surname."""
    people = [name for name in forms if given_name_gender(name.split()[0]) is not None]
    if len(people) < 2:
        return forms
    first = min(people, key=lambda name: first_seen.get(name, 0))
    return Counter({name: count for name, count in forms.items() if ends_with(name, first) or ends_with(first, name)})


def ends_with(longer: str, shorter: str) -> bool:
    """Whether name ``longer`` ends with the words of ``shorter`` ("Donald Trump", "Trump")."""
    words = shorter.lower().split()
    return longer.lower().split()[-len(words):] == words


def joined_people(people: Iterable[Span]) -> list[Span]:
    """PERSON entities with those the tagger split at a word joined up again: "Sheikh Mohammed
    bin Abdulrahman" + "Al Thani" is one name."""
    joined: list[Span] = []
    for entity in people:
        if joined and joined[-1].end == entity.start:
            joined[-1] = entity.doc[joined[-1].start : entity.end]
        else:
            joined.append(entity)
    return joined


def complete_name(entity: Span) -> Span:
    """A PERSON entity that NER ended on a name particle, extended over the rest of the name
    ("Ursula von der" + "Leyen")."""
    doc, end = entity.doc, entity.end
    if doc[end - 1].lower_ not in NAME_PARTICLES:
        return entity
    while end < len(doc) and (doc[end].lower_ in NAME_PARTICLES or (doc[end].pos_ == "PROPN" and doc[end].is_title)):
        end += 1
    while end > entity.end and doc[end - 1].lower_ in NAME_PARTICLES:
        end -= 1
    return doc[entity.start : end]


def group_text(span: Span) -> str:
    """A group or organisation as written, without its leading article, or a parenthesis the
    span leaves open ("The Economic Community of West African States (ECOWAS", its acronym cut
    off by the span's end)."""
    text = span.text.strip()
    opened = text.rfind("(")
    if opened > 0 and ")" not in text[opened:]:
        text = text[:opened].rstrip()
    for article in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(article):
            return text[len(article) :]
    return text
