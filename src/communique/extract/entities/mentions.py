"""Find actor mentions in a parsed article and link each to an actor.

Owns: the passes over a Doc that turn words into linked mentions, in order of precedence:
1. knowledge-base names and aliases (longest match first; a lone surname needs spaCy to see a
   proper noun), with article memory (``Johnson`` after ``Boris Johnson``);
2. capitals and country names, which denote the government only when used as agents
   (``metonymy.is_agentive``), the country otherwise, and nothing for a capital as a place;
3. role descriptors (``the Belarusian president``) resolved to who held the role on the
   article's date, or to the last person in the article who held it (``the president``);
4. spaCy PERSON and ORG entities the knowledge base lacks, which become article-local actors
   with the country and sector their descriptor gives (``Russian lawmaker Ivan Petrov``).
Must not: write to the article (``article.ArticleEntities.link`` does) or touch boilerplate text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from communique.data.time import lexicon_tables
from communique.extract.entities.entries import COUNTRY, ORGANISATION, PERSON, Entry, fold, slug
from communique.extract.entities.kb import KnowledgeBase, name_key
from communique.extract.entities.kb_io import data_text
from communique.extract.entities.metonymy import is_agentive
from communique.extract.entities.names import honorific_before
from communique.extract.entities.role_phrases import RolePhrase, holder, read_role_phrase, role_at
from communique.extract.entities.roles import NAME_TITLES, NEEDS_SCOPE, descriptor_sectors, role_forms
from communique.nlp import is_boilerplate

# titles before a name (``roles.NAME_TITLES``, with and without their period) and the words a
# local actor's name should not start with: monarchs' and clerics' titles, qualifiers
_TITLES = NAME_TITLES | {f"{title}." for title in NAME_TITLES} | frozenset({
    "sir", "dame", "lord", "lady", "king", "queen", "prince", "princess", "pope", "sheikh",
    "ayatollah", "crown", "emperor", "empress", "emir", "sultan", "retired", "foreign", "defence",
    "defense", "former", "acting", "interim",
})
_MAX_ALIAS_TOKENS = 8
# Countries whose people the English-language press names family name first ("Kim Jong Un",
# "Xi Jinping", "Tsai Ing-wen"): a later bare family name ("Kim") recalls them.
_FAMILY_NAME_FIRST = frozenset({"CHN", "PRK", "KOR", "TWN", "HKG", "MAC"})
# "the George W. Bush administration": a leader's name before these denotes the government.
_GOVERNMENT_NOUNS = frozenset({"administration", "government", "cabinet", "regime"})
_LINKABLE_ENTS = ("PERSON", "ORG")


@lru_cache(maxsize=1)
def non_actors() -> frozenset[str]:
    """Names spaCy often tags as organisations that are laws, programmes or shows, not actors
    (``non_actors.txt``)."""
    lines = data_text("non_actors.txt").splitlines()
    return frozenset(fold(line) for line in lines if line.strip() and not line.startswith("#"))


@dataclass
class Link:
    """One linked mention: tokens ``start:end`` of the doc denote ``entry``."""

    start: int
    end: int
    entry: Entry
    how: str


@dataclass
class ArticleMemory:
    """Who the article has named so far: surname or short name -> actor ids, latest last."""

    names: dict[str, list[str]] = field(default_factory=dict)
    people: list[Entry] = field(default_factory=list)
    locals: dict[str, Entry] = field(default_factory=dict)
    honorifics: dict[str, str] = field(default_factory=dict)

    def pick(self, recalled: list[str], honorific: str | None) -> str:
        """The latest of ``recalled``, preferring one the article has called by the same
        honorific (``Mr. Obama`` after ``Michelle Obama`` is still Barack Obama)."""
        if honorific:
            same = [i for i in recalled if self.honorifics.get(i) == honorific]
            if same:
                return same[-1]
            unknown = [i for i in recalled if i not in self.honorifics]
            if unknown:
                return unknown[-1]
        return recalled[-1]

    def remember(self, entry: Entry, words: list[str]) -> None:
        """Note that the article named ``entry`` with ``words``: its surname (or, for an
        organisation, its last word and its initials: ``Council``, ``VOA``) now recalls it."""
        keys = {fold(words[-1])} if words else set()
        if entry.type == PERSON:
            keys |= {fold(entry.name.split()[-1])}
            if entry.country in _FAMILY_NAME_FIRST and len(entry.name.split()) > 1:
                keys.add(fold(entry.name.split()[0]))  # "Kim" after "Kim Jong Un"
            keys |= {fold(a) for a in entry.aliases if " " not in a}
            if len(words) > 1:
                keys.add(fold(" ".join(words)))
            self.people.append(entry)
        elif len(words) > 1 and words[-1][:1].isupper():
            # "Voice of America" is later "VOA" (or "VA"), "Security Council" is "the Council"
            for initials in ("".join(w[0] for w in words if w[:1].isupper()),
                             "".join(w[0] for w in words).upper()):
                if len(initials) > 1:
                    keys.add(fold(initials))
            for size in range(2, len(words)):
                keys.add(fold(" ".join(words[:size])))  # "Peterson Institute"
        keys.add(fold(entry.name))
        surname = fold(words[-1]) if entry.type == PERSON and len(words) > 1 else None
        for key in keys:
            ids = self.names.setdefault(key, [])
            if key == surname and ids:
                # a person of a known surname named in full ("Eric Trump" after President
                # Donald Trump, or again): news writes a relative's or namesake's full name each
                # time, so the bare surname keeps meaning the person it meant
                if entry.id not in ids:
                    ids.insert(0, entry.id)
                continue
            if entry.id in ids:
                ids.remove(entry.id)
            ids.append(entry.id)

    def recall_suffix(self, name: str) -> list[str]:
        """Ids of people named earlier whose full name ends with ``name`` (``Guajardo
        Villarreal`` after ``Ildefonso Guajardo Villarreal``), latest last."""
        tail = " " + fold(name)
        return [p.id for p in self.people if (" " + fold(p.name)).endswith(tail)]

    def touch(self, entry: Entry) -> None:
        """Make ``entry`` the latest-named holder of every name that recalls it (a descriptor
        such as ``the former president`` refers to it again)."""
        for ids in self.names.values():
            if entry.id in ids:
                ids.remove(entry.id)
                ids.append(entry.id)
        self.people.append(entry)

    def recall(self, word: str) -> list[str]:
        """Ids the article has named with ``word`` (a surname, short form or initials)."""
        return self.names.get(fold(word), [])

    def entry(self, kb: KnowledgeBase, actor_id: str) -> Entry:
        """The entry of an id the article has named (a knowledge-base or a local actor)."""
        return kb.get(actor_id) or self.locals[actor_id]


class AliasIndex:
    """First-token index over the knowledge base's names, so the scan tries few spans."""

    def __init__(self, kb: KnowledgeBase, tokenizer) -> None:  # noqa: ANN001 (spaCy Tokenizer)
        self.kb = kb
        self.first: dict[str, int] = {}
        self.exact_single: set[str] = set()
        self.lower_start: set[str] = set()
        names: list[str] = []
        for entry in kb.entries.values():
            names.extend(kb.names_of(entry))
        names.extend(kb.capitals)
        for name in names:
            words = [t.text for t in tokenizer(name.strip())]
            if words and words[0].lower() == "the" and len(words) > 1:
                words = words[1:]
            if not words:
                continue
            if len(words) == 1:
                self.exact_single.add(words[0])
            if words[0][:1].islower():
                self.lower_start.add(name_key(" ".join(words)))
            first = fold(words[0])
            self.first[first] = max(self.first.get(first, 0), min(len(words), _MAX_ALIAS_TOKENS))


def _span_key(parts: list[str], start: int, end: int) -> str:
    return name_key("".join(parts[start:end]))


def find_links(doc: Doc, kb: KnowledgeBase, index: AliasIndex, published: str | None) -> list[Link]:
    """Every linked actor mention in ``doc``, in text order, without overlaps."""
    tokens = list(doc)  # indexing a Doc builds a Token each time; build them once
    parts = [t.text_with_ws for t in tokens]
    texts = [t.text for t in tokens]
    folded = [fold(t) for t in texts]
    lowers = [t.lower_ for t in tokens]
    spaces = [t.is_space for t in tokens]
    taken = [False] * len(doc)
    links: list[Link] = []
    memory = ArticleMemory()
    ents: dict[int, Span] = {}
    ent_starts: dict[int, Span] = {}
    for ent in doc.ents:
        ent_starts[ent.start] = ent
        for k in range(ent.start, ent.end):
            ents[k] = ent
    role_firsts = {form.split()[0] for form in role_forms()}

    def claim(start: int, end: int, entry: Entry, how: str) -> None:
        """Record tokens ``start:end`` as a mention of ``entry`` (unless boilerplate)."""
        for k in range(start, end):
            taken[k] = True
        links[:] = [link for link in links if link.end <= start or link.start >= end]
        if is_boilerplate(doc, doc[start].idx, doc[end - 1].idx + len(doc[end - 1])):
            return
        links.append(Link(start, end, entry, how))
        honorific = honorific_before(doc, start)
        if honorific and entry.type == PERSON:
            memory.honorifics[entry.id] = honorific
        if how == "role":
            memory.touch(entry)
        elif entry.type in (PERSON, ORGANISATION) or how == "local":
            memory.remember(entry, [t.text for t in doc[start:end] if not t.is_punct])

    def try_alias(i: int) -> tuple[int, Entry | None, str] | None:
        """(length, entry or None for a place, how) of the longest alias match at ``i``."""
        first = folded[i]
        if spaces[i] or first not in index.first:
            return None
        for n in range(min(index.first[first], len(tokens) - i), 0, -1):
            key = _span_key(parts, i, i + n)
            if n > 1 and texts[i][:1].islower() and key not in index.lower_start:
                continue
            words = "".join(parts[i : i + n]).strip()
            capital = kb.capitals.get(words) if n <= 3 else None
            ids = kb.by_alias.get(key, [])
            if not ids and not capital:
                continue
            if n == 1 and texts[i] not in index.exact_single:
                continue
            entry, how = _choose(doc, doc[i : i + n], ids, capital, kb, memory, published, ents)
            if entry is None and how != "place":
                return None
            if (entry is not None and entry.type == PERSON and entry.country and i + n < len(tokens)
                    and lowers[i + n] in _GOVERNMENT_NOUNS and f"GOV-{entry.country}" in kb.entries):
                return n + 1, kb.entries[f"GOV-{entry.country}"], "administration"
            return n, entry, how
        return None

    i = 0
    while i < len(tokens):
        if taken[i] or spaces[i]:
            i += 1
            continue
        token = tokens[i]
        found = try_alias(i)
        if found is not None:
            n, entry, how = found
            if entry is None:  # a place: the places extractor owns it
                for k in range(i, i + n):
                    taken[k] = True
            else:
                claim(i, i + n, entry, how)
            i += n
            continue
        if lowers[i] in role_firsts:
            role = _role_mention(doc, i, parts, kb, memory, published, ents)
            if role is not None:
                if role[2] is None:  # a title before a name: the name is the mention
                    for k in range(role[0], role[1]):
                        taken[k] = True
                else:
                    claim(*role, "role")
                i = role[1]
                continue
        ent = ent_starts.get(i)
        if ent is not None and ent.label_ in _LINKABLE_ENTS and not _names_inside(ent, try_alias):
            local = _local_entry(doc, ent, kb, memory)
            if local is not None:
                claim(*local, "local")
                i = max(ent.end, local[1])
                continue
        if token.pos_ == "PROPN" and memory.recall(token.text):
            chosen = memory.pick(memory.recall(token.text), honorific_before(doc, i))
            claim(i, i + 1, memory.entry(kb, chosen), "memory")
        i += 1
    links.sort(key=lambda link: link.start)
    return links


def _names_inside(ent: Span, try_alias) -> bool:  # noqa: ANN001
    """True when an entity holds a knowledge-base name other than a bare country or capital
    (``President Alexander Lukashenko``), so it is linked by name, not as a local actor;
    ``Voice of America`` holds only a country name and stays one local organisation."""
    for k in range(ent.start + 1, ent.end):
        found = try_alias(k)
        if found is not None and found[1] is not None and found[2] not in ("country", "metonymy"):
            return True
    return False


def _choose(
    doc: Doc,
    span: Span,
    ids: list[str],
    capital: str | None,
    kb: KnowledgeBase,
    memory: ArticleMemory,
    published: str | None,
    ents: dict,
) -> tuple[Entry | None, str]:
    """Pick the actor an alias match denotes, or None for a place or an unresolved name."""
    entries = [kb.entries[i] for i in ids]
    if capital or (entries and all(e.type == COUNTRY for e in entries)):
        country = capital or entries[0].id
        ent = ents.get(span.start)
        words = [t for t in ent or () if not (t.is_punct or t.tag_ == "POS" or t.lower_ in ("'s", "’s"))]
        if ent is not None and ent.label_ == "PERSON" and len(words) > len(span):
            return None, "person-name"
        if is_agentive(span):
            return kb.entries.get(f"GOV-{country}"), "metonymy"
        return (None, "place") if capital else (kb.entries[country], "country")
    if len(span) == 1 and span[0].pos_ not in ("PROPN", "NOUN") and span.start not in ents:
        return None, "not-a-name"
    people = [e for e in entries if e.type == PERSON]
    if len(span) == 1 and people:
        recalled = memory.recall(span.text)
        if recalled:  # the person the article named last with this name
            return memory.entry(kb, memory.pick(recalled, honorific_before(doc, span.start))), "memory"
        ent = ents.get(span.start)
        if ent is not None and ent.label_ != "PERSON" and len(ent) > 1 and span.start != ent.start:
            return None, "inside-other-entity"  # "Veto Power Impedes ..." is not Ms. Power
        if ent is not None and ent.label_ == "PERSON" and not _same_given_name(ent, span, people):
            return None, "other-person"  # "Luis Rubio" is not Marco Rubio
    if len(entries) > 1:
        active = [e for e in entries if e.roles_on(published)]
        if len(active) == 1:
            return active[0], "alias"
        recalled = [e for e in entries if e.id in {p.id for p in memory.people}]
        if recalled:
            return recalled[-1], "alias"
        return None, "ambiguous"
    return (entries[0], "alias") if entries else (None, "none")


def _same_given_name(ent: Span, span: Span, people: list[Entry]) -> bool:
    """False when a PERSON entity adds a given name before the surname ``span`` that none of
    the candidates has (``Luis Rubio`` against Marco Rubio); titles are not given names."""
    before = [t for t in ent if t.i < span.start and not t.is_punct and t.lower_ not in _TITLES
              and t.lower_ not in role_forms()]
    if not before:
        return True
    given = fold(before[0].text).rstrip(".")
    for person in people:
        for name in (person.name, *person.aliases):
            first = fold(name.split()[0]).rstrip(".")
            if len(name.split()) > 1 and (first == given or (len(given) == 1 and first[:1] == given)):
                return True
    return False


def _role_mention(
    doc: Doc,
    i: int,
    words: list[str],
    kb: KnowledgeBase,
    memory: ArticleMemory,
    published: str | None,
    ents: dict,
) -> tuple[int, int, Entry | None] | None:
    """A role descriptor starting at token ``i`` and the actor it denotes, or None; a title
    before a name (``Secretary of State John Kerry``) comes back with no entry. ``words`` are
    the doc's tokens as text with whitespace; ``role_phrases`` reads the phrase and names the
    holder, the article memory answers a bare or historical role."""
    found = role_at(words, i)
    if found is None:
        return None
    role, end = found
    # A title before a name ("Belarusian President Alexander Lukashenko") is not a mention.
    if end < len(doc) and (doc[end].pos_ == "PROPN" or ents.get(end) is not None):
        if doc[end].ent_type_ in ("PERSON", "") and doc[end].text[:1].isupper():
            return i, end, None  # consumed, so "State" in "Secretary of State" is no actor
    phrase = read_role_phrase(words, i, end, role, kb)
    if phrase.historical:
        # "the former president": the last person the article named who held it before
        if phrase.scope is not None or phrase.role in NEEDS_SCOPE:
            return None
        entry = next((p for p in reversed(memory.people) if _held_before(p, phrase.role, published)), None)
    elif phrase.scope is not None:
        entry = _named_holder(phrase, kb, memory, published) or holder(phrase, kb, published)
    elif phrase.role in NEEDS_SCOPE or phrase.role == "head":
        entry = None
    else:
        entry = next(
            (p for p in reversed(memory.people)
             if any(r == phrase.role for r, _ in kb.roles_held(p, published))),
            None,
        )
    return (phrase.start, phrase.end, entry) if entry is not None else None


def _named_holder(phrase: RolePhrase, kb: KnowledgeBase, memory: ArticleMemory, published: str | None) -> Entry | None:
    """The person named latest in the article who holds the phrase's office: on the article's
    date when it has one, else at any time. A reader takes ``the Pentagon chief`` after
    ``Defence Secretary Lloyd Austin`` to be Austin; in an undated article the knowledge base's
    current holder would be whoever holds the office today."""
    office = (phrase.role, phrase.scope)
    for person in reversed(memory.people):
        if person.type == PERSON and office in kb.roles_held(person, published, any_time=published is None):
            return person
    return None


def _held_before(entry: Entry, role: str, date: str | None) -> bool:
    """True when ``entry`` held ``role`` at some time, but not on ``date``."""
    spells = [spell for spell in entry.roles if spell.role == role]
    return bool(spells) and not any(spell.covers(date) for spell in spells)


def _local_entry(doc: Doc, ent: Span, kb: KnowledgeBase, memory: ArticleMemory) -> tuple[int, int, Entry] | None:
    """An article-local actor for a PERSON or ORG entity the knowledge base lacks."""
    start, end = ent.start, ent.end
    person = ent.label_ == "PERSON"
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct or (person and (
            doc[start].lower_ in _TITLES or doc[start].lower_ in role_forms()
            or name_key(doc[start].text) in kb.demonyms))):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    if start >= end:
        return None
    span = doc[start:end]
    name = span.text
    if not any(c.isupper() for c in name) or len(name) < 2 or fold(name) in non_actors():
        return None
    if _is_written_date(span):
        return None  # spaCy reads "Oct 2" in "LONDON, Oct 2 -" as a PERSON
    recalled = memory.recall(name)
    if recalled and ent.label_ != "PERSON":
        return start, end, memory.entry(kb, recalled[-1])
    if ent.label_ == "PERSON":
        recalled = memory.recall(span[-1].text) if len(span) == 1 else memory.recall(name)
        if not recalled and len(span) > 1:
            recalled = memory.recall_suffix(name)
        if recalled:
            return start, end, memory.entry(kb, memory.pick(recalled, honorific_before(doc, start)))
        kind = PERSON
    else:
        if kb.country_of(name):
            return None
        kind = ORGANISATION
    country, sector = _descriptors(doc, ent, kb)
    actor_id = f"local:{slug(name)}"
    entry = memory.locals.get(actor_id)
    if entry is None:
        entry = Entry(id=actor_id, name=name, type=kind, country=country, sector=sector,
                      origin="article")
        memory.locals[actor_id] = entry
    return start, end, entry


def _is_written_date(span: Span) -> bool:
    """True for a date such as ``Oct 2``, ``Oct. 2, 2016`` or ``Sunday, October 2``: a month
    name and a day number, with nothing but a weekday, a year and punctuation besides."""
    tables = lexicon_tables()
    months, weekdays = tables["months"], tables["weekdays"]
    has_month = has_day = False
    for token in span:
        word = token.lower_.rstrip(".")
        if word in months:
            has_month = True
        elif token.like_num and word.isdigit() and 1 <= int(word) <= 31:
            has_day = True
        elif not (token.is_punct or word in weekdays or (word.isdigit() and len(word) == 4)):
            return False
    return has_month and has_day


def _descriptors(doc: Doc, ent: Span, kb: KnowledgeBase) -> tuple[str | None, str | None]:
    """Country and sector the words around an entity give (``Russian lawmaker Ivan Petrov``,
    ``Ivan Petrov, a Russian lawmaker``)."""
    words = list(doc[max(0, ent.start - 4) : ent.start])
    words += [t for t in ent]
    for child in ent.root.children:
        if child.dep_ == "appos":
            words.extend(child.subtree)
    country = sector = None
    for word in words:
        country = country or kb.country_of(word.text)
        sector = sector or descriptor_sectors().get(word.lower_)
    return country, sector
