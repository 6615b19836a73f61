"""Toponym recognition: which spans of an article name places.

Owns: taking spaCy's GPE/LOC/FAC entities, completing them with a following region word
(``Kursk`` + ``Region``), keeping demonyms (``Russian``, listed with their own role), dropping
boilerplate, and a gazetteer matcher for the
names the small NER model misses (``Moscow and Kiev return``: ``Kiev`` untagged). Must not:
decide metonymy or resolve (the caller does both, on these spans).

The matcher only proposes proper nouns that name a country, a region or a city of 100,000 or
more, and never inside a person or organisation name: a small town's name is far more often a
surname or a word than a place, and NER already finds most places.
"""

from __future__ import annotations

from spacy.attrs import IDX, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from communique.extract.places.context import context_spans, is_demonym
from communique.extract.places.gazetteer import Gazetteer, normalise
from communique.extract.places.resolve import candidates
from communique.nlp import is_boilerplate

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_DEMONYM_LABELS = frozenset({"NORP", "GPE", "LOC"})
_BLOCKING_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "NORP"})
_REGION_WORDS = frozenset({"region", "oblast", "province", "county", "parish", "governorate",
                           "krai", "state", "district", "prefecture", "republic"})
_MATCH_CITY_POPULATION = 100_000
_MAX_MATCH_TOKENS = 3
_PERSON_CITY_POPULATION = 1_000_000
_ORG_CITY_POPULATION = 50_000
_MAX_WIDEN = 4
# Lowercase words inside place names (``Rio Grande do Sul``, ``Democratic Republic of the
# Congo``, ``Bosnia and Herzegovina``): a span may grow over them, never end on one.
_PARTICLES = frozenset({"do", "da", "dos", "das", "de", "del", "di", "du", "des", "la", "el",
                        "of", "the", "and"})


def toponym_spans(doc: Doc, gaz: Gazetteer, text: str,
                  actor_tokens: set[int] = frozenset()) -> list[Span]:
    """Spans naming places, in text order, without overlaps. ``text`` is ``doc.text`` (the
    article's text), passed in because spaCy rebuilds ``doc.text`` from tokens on each use;
    ``actor_tokens`` are tokens of (non-state) actors the linker found, never places."""
    spans: list[Span] = []
    taken: set[int] = set()
    # ``Alicia Machado`` ... ``Machado said``: a word of a person's full name is that person.
    person_words = {t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                    for t in ent}
    for ent in doc.ents:
        if ent.label_ in _DEMONYM_LABELS and is_demonym(_trim(ent).text, gaz):
            spans.append(_trim(ent))  # ``the Russian ambassador``: listed, role demonym
            taken.update(range(ent.start, ent.end))
            continue
        if ent.label_ not in _PLACE_LABELS and not _mistaken_person(ent, gaz) \
                and not _mistaken_organisation(ent, gaz):
            continue
        span = _complete(_trim(ent), gaz)
        if span is None or is_boilerplate(span):
            continue
        if len(span) == 1 and span.text in person_words:
            continue
        if not _acceptable(gaz, span.text, strict=ent.label_ != "GPE"):
            continue
        spans.append(span)
        taken.update(range(span.start, span.end))
    blocked = {i for ent in doc.ents if ent.label_ in _BLOCKING_LABELS
               for i in range(ent.start, ent.end)}
    # The NER pass skipped ``Washington`` after ``George Washington``: so does the matcher.
    blocked |= {t.i for t in doc if t.text in person_words}
    matched = _matched(doc, gaz, text, taken | blocked)
    spans.extend(matched)
    taken.update(i for span in matched for i in range(span.start, span.end))
    spans.extend(context_spans(doc, gaz, spans, taken, set(actor_tokens)))
    return sorted((_with_period(span, gaz) for span in _widened(doc, gaz, spans)),
                  key=lambda s: s.start)


def _widened(doc: Doc, gaz: Gazetteer, spans: list[Span]) -> list[Span]:
    """Each span grown to the longest known name around it: the tagger often cuts a name at a
    hyphen, a direction word or a particle (``Guinea`` of ``Guinea-Bissau``, ``Beida`` of ``Goz
    Beida``, ``Asia`` of ``South Asia``, ``Rio Grande`` of ``Rio Grande do Sul``), and the part
    then resolves to another place."""
    owner = {i: k for k, span in enumerate(spans) for i in range(span.start, span.end)}
    out: list[Span] = []
    for k, span in enumerate(spans):
        best = span
        first = span.start
        while first > 0 and span.start - first < _MAX_WIDEN and _joins(doc, first - 1, k, owner):
            first -= 1
        last = span.end
        while last < len(doc) and last - span.end < _MAX_WIDEN and _joins(doc, last, k, owner):
            last += 1
        for start in range(first, span.start + 1):
            for end in range(last, span.end - 1, -1):
                wider = doc[start:end]
                if len(wider) > len(best) and _edge(doc[start]) and _edge(doc[end - 1]) \
                        and _widening_known(gaz, wider.text):
                    best = wider
        for i in range(best.start, best.end):
            owner[i] = k
        out.append(best)
    return out


def _joins(doc: Doc, i: int, k: int, owner: dict[int, int]) -> bool:
    """Token ``i`` may join span ``k``: free or its own, a capitalised word or an attached
    hyphen, and no sentence start inside."""
    token = doc[i]
    if owner.get(i, k) != k or (token.is_sent_start and i > 0 and owner.get(i - 1) == k):
        return False
    if token.text == "-":
        return not token.whitespace_ and i > 0 and not doc[i - 1].whitespace_
    return token.is_alpha and (token.text[:1].isupper() and token.lower_ != "the"
                               or token.text in _PARTICLES)


def _edge(token: Token) -> bool:
    """A token a grown span may start or end with: not a hyphen or a particle."""
    return token.text != "-" and token.text not in _PARTICLES


def _widening_known(gaz: Gazetteer, text: str) -> bool:
    """A longer name the gazetteer knows by its main name, or by an alternate name of a big
    place (``Al-Fashir`` is El Fasher)."""
    entries, alternate = candidates(gaz, text)
    return any(e not in alternate or gaz.features[e] in ("country", "region") or
               (gaz.features[e] == "city" and gaz.populations[e] >= _ORG_CITY_POPULATION)
               for e in entries)


def _with_period(span: Span, gaz: Gazetteer) -> Span:
    """``Winnipeg, Man.``: the tokenizer splits the period off ``Man``; with it the name is the
    abbreviation of Manitoba, without it a town in Côte d'Ivoire."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text == "." \
            and doc[span.end].idx == span.end_char and gaz.is_abbreviation(span.text + "."):
        return doc[span.start:span.end + 1]
    return span


def _mistaken_person(ent: Span, gaz: Gazetteer) -> bool:
    """The small model often tags a capital as PERSON (``Kiev said``). A one-word PERSON that
    names a country, a region or a city of a million people is taken as a toponym; smaller
    towns are too often surnames (``Jackson``, ``Lincoln``) to risk it."""
    if ent.label_ != "PERSON" or len(ent) > 2:
        return False
    name = _trim(ent)
    if len(name) != 1 or is_demonym(name.text, gaz):
        return False
    primary, alternate = gaz.lookup(name.text)
    return any(gaz.features[e] in ("country", "region") or
               (gaz.features[e] == "city" and gaz.populations[e] >= _PERSON_CITY_POPULATION)
               for e in primary + alternate)


def _mistaken_organisation(ent: Span, gaz: Gazetteer) -> bool:
    """The small model tags many regions and towns as ORG or NORP (``NSW``, ``Bulacan``,
    ``Krasnodar``). Such an entity is a toponym when its whole name is the main name of a
    country, a region or a town of 50,000 or more (an organisation's name rarely is exactly a
    place name: ``Chicago Tribune`` is not ``Chicago``)."""
    if ent.label_ not in {"ORG", "NORP"}:
        return False
    name = _trim(ent)
    if is_demonym(name.text, gaz) or not _plausible(name.text):
        return False
    primary, _ = gaz.lookup(name.text)
    # ``the EU``, ``the European Union``: an area of the project's table is a place too.
    return any(gaz.features[e] in ("country", "region", "area") or
               (gaz.features[e] == "city" and gaz.populations[e] >= _ORG_CITY_POPULATION)
               for e in primary)


def _trim(span: Span) -> Span:
    """Drop a leading ``the`` and a trailing possessive: ``the Kursk Region's`` -> name."""
    start, end = span.start, span.end
    if end - start > 1 and span.doc[start].lower_ == "the":
        start += 1
    if end - start > 1 and span.doc[end - 1].tag_ == "POS":
        end -= 1
    return span.doc[start:end]


def _complete(span: Span, gaz: Gazetteer) -> Span | None:
    """Take in a following region word when the longer name is in the gazetteer."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in _REGION_WORDS:
        longer = doc[span.start:span.end + 1]
        if gaz.lookup(longer.text)[0]:
            return longer
    return span


def _matched(doc: Doc, gaz: Gazetteer, text: str, taken: set[int]) -> list[Span]:
    """Proper-noun n-grams NER left untagged that the gazetteer knows as a notable place."""
    # Token tests first, on plain lists: slicing Spans for every token is the slow part.
    usable = [pos == PROPN and text[start].isupper() and i not in taken
              for i, (pos, start) in enumerate(doc.to_array([POS, IDX]).tolist())]
    found: list[Span] = []
    i = 0
    while i < len(doc):
        if not usable[i]:
            i += 1
            continue
        run = 1
        while run < _MAX_MATCH_TOKENS and i + run < len(doc) and usable[i + run]:
            run += 1
        for size in range(run, 0, -1):
            span = doc[i:i + size]
            if _plausible(span.text) and not is_demonym(span.text, gaz) \
                    and _notable(gaz, span.text) \
                    and not is_boilerplate(span):
                found.append(span)
                i += size
                break
        else:
            i += 1
    return found


def _acceptable(gaz: Gazetteer, text: str, strict: bool) -> bool:
    """An NER place the gazetteer can resolve: by its own name, or by an alternate name of a
    big place (``Kiev``). Alternate names include foreign exonyms (``Rim`` is Rome in Czech,
    ``White House`` Casablanca), so a facility or a non-GPE never matches by one."""
    if not _plausible(text):
        return False
    entries, alternate = candidates(gaz, text)
    # A minor division by its own name counts only for a GPE (``Bohol``), not for a location or
    # a facility (``the Gulf``, ``Lot 5``).
    if any(e not in alternate and not (strict and gaz.is_minor_division(e)) for e in entries):
        return True
    return not strict and any(
        gaz.features[e] in ("country", "region") or
        (gaz.features[e] == "city" and gaz.populations[e] >= _PERSON_CITY_POPULATION)
        for e in entries)


def _plausible(text: str) -> bool:
    """Capitalised, with at least two letters: ``D`` (of ``D-N.C.``) and ``n't`` are not names."""
    return text[:1].isupper() and sum(ch.isalpha() for ch in text) >= 2


def _notable_entry(gaz: Gazetteer, entry: int) -> bool:
    feature = gaz.features[entry]
    if feature in ("country", "region", "continent"):
        return not gaz.is_minor_division(entry)
    return feature == "city" and gaz.populations[entry] >= _MATCH_CITY_POPULATION


def _notable(gaz: Gazetteer, text: str) -> bool:
    entries, _ = candidates(gaz, text)
    return any(_notable_entry(gaz, e) for e in entries)
