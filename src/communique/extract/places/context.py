"""Toponyms the tagger does not label as places, found by where they stand.

Owns: three passes that run after ``recognize`` has taken spaCy's places and the notable names:
1. a capitalised name the gazetteer knows, in a context that suits a place: ``in X``, ``near X``,
   ``X County``/``X region``, the article's dateline (``GAINESVILLE, Ga. -``), before a local
   body or person (``Roselle police``, ``the DeKalb City Council``), a legislator's home
   (``R-Elbow Lake``), a town before its region (``Sioux Falls, S.D.``), a person's home
   (``James Tauber of Moorhead``), the counties of ``Becker, Clay and Otter Tail counties``
   (labelled ``COUNTY``, so the resolver reads ``Clay County``), and the known names listed
   with places (``East Providence and Barrington``), a known name before ``in`` and a place
   that holds a place of that name (``Warwick in Queensland``);
2. a place that names an organisation, an institution or a building (``the Ohio Department of
   Development``, ``University of Georgia``, ``Mansfield Police Department``): the place is a
   modifier of the name, and standard geoparsing gold (LGL, GeoWebNews) counts it;
3. one sense per article: once a name is a place in the article, its other mentions are too
   (``Kursk Region`` ... ``the Kursk incursion``, which the small model tags as a PRODUCT).
Must not: resolve, or take a word of a person's full name (``George Washington``) or the name of
an actor the linker found (``Jackson said`` when Jackson is a known person).

A small town's name is more often a surname or a word than a place, so the first two passes ask
for a place context or a large place; the third only repeats what the article itself has shown.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from communique.extract.places.gazetteer import Gazetteer
from communique.extract.places.resolve import candidates, haversine_km

# ``in X``: prepositions after which a known capitalised name is almost always a place.
_PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "across", "around", "throughout",
                                 "inside", "within"})
# ``X County``: words after a name that make it a place name (the name is taken with them when
# the gazetteer knows the longer name, by ``recognize``; here the name alone).
_PLACE_NOUNS = frozenset({"region", "county", "province", "oblast", "district", "area",
                          "border", "city", "town", "village", "township", "parish", "state",
                          "valley", "coast", "airport", "residents", "resident", "native"})
# Entities whose words are never a place name (``in May``, ``in 2009``).
# ``the village of X``: nouns before ``of`` that make X a place.
_KIND_OF = frozenset({"village", "town", "city", "hamlet", "region", "province", "district",
                      "county", "state", "island", "port", "suburb", "municipality"})
_NEVER_PLACES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL",
                           "CARDINAL"})
_DATELINE_MARKS = frozenset({",", ":", "(", "-", "--", "\u2014", "\u2013"})
_INSTITUTION_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
_MODIFIER_CITY_POPULATION = 50_000
_AREA_FEATURES = frozenset({"country", "region", "county", "continent"})
# ``East Texas``, ``Western Pennsylvania``: the place after a direction word.
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                         "southwest", "northern", "southern", "eastern", "western", "central",
                         "upper", "lower", "greater"})
_MODIFIER_FEATURES = frozenset({"country", "region", "continent", "city"})
_MAX_TOKENS = 3
# ``Roselle police``, ``the DeKalb City Council``, ``Woodstock Mayor``, ``Alexandria woman``: the
# local bodies and people a place name heads in local news; a known name before one is the place,
# whatever its size (the towns of local news are small).
_LOCAL_HEADS = frozenset({"police", "sheriff", "mayor", "city", "council", "councillors",
                          "councilors", "fire", "school", "schools", "hospital", "chamber",
                          "library", "township", "borough", "village", "residents", "resident",
                          "native", "man", "woman", "teen", "commissioners", "department"})
# ``Becker, Clay and Otter Tail counties``: the label of each county's span, so that the resolver
# looks the name up as ``Clay County`` (the town of Clay is another place).
COUNTY_LABEL = "COUNTY"
_LIST_WORDS = frozenset({",", "and", "or", "&"})
# ``Louisville, Ky.``, ``Sioux Falls, S.D.``: the region after a town's name.
_REGION_FEATURES = frozenset({"region", "country"})
# ``Sen. Tom Bakk, DFL-Cook``, ``Rep. Torrey Westrom, R-Elbow Lake``: a legislator's party and home.
_PARTIES = frozenset({"R", "D", "I", "DFL"})


def context_spans(doc: Doc, gaz: Gazetteer, found: list[Span], taken: set[int],
                  actor_tokens: set[int]) -> list[Span]:
    """Further toponym spans (not overlapping ``taken``, which grows); ``found`` are the spans
    recognised so far, ``actor_tokens`` the tokens of non-state actors the linker found."""
    misread = _misread_people(doc, gaz, taken)
    # ``Alexandria Police Spokeswoman`` tagged PERSON is not a person's name.
    person = {i for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
              and not any(ent.start <= span.start < ent.end for span in misread)
              and not any(t.lower_ in _LOCAL_HEADS for t in ent)
              for i in range(ent.start, ent.end)}
    never = {i for ent in doc.ents if ent.label_ in _NEVER_PLACES
             for i in range(ent.start, ent.end)}
    excluded = person | never | actor_tokens
    # ``Obama, Clinton and Gates``: a word of a person's full name is that person
    words = {t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}
    surnames = {t.i for t in doc if t.text in words}
    # After ``in``, a known name is a place even where the tagger saw a person (``in Milton
    # Keynes``): the whole name must be the place's.
    in_context = misread + _in_place_context(doc, gaz, taken, excluded - person) \
        + _local_heads(doc, gaz, taken, excluded) + _party_homes(doc, gaz, taken) \
        + _county_lists(doc, gaz, taken, excluded) \
        + _town_regions(doc, gaz, taken, never | actor_tokens) \
        + _homes_of_people(doc, gaz, taken, excluded)
    # Only names the article uses as places on their own vouch for their other mentions.
    sources = [s for s in found + in_context if not is_demonym(s.text, gaz)]
    modifiers = _modifiers(doc, gaz, taken, excluded, {s.text for s in sources})
    members = _list_members(doc, gaz, sources, taken, never | actor_tokens | surnames) \
        + _towns_in(doc, gaz, sources, taken, never | actor_tokens | surnames)
    return in_context + modifiers + members + _repeated(doc, sources + members, taken, excluded)


def is_demonym(text: str, gaz: Gazetteer) -> bool:
    """``Russian``, ``Ukrainians``: a people or an adjective of a country, not a place's name."""
    return gaz.demonym_country(text) is not None


def _misread_people(doc: Doc, gaz: Gazetteer, taken: set[int]) -> list[Span]:
    """``Sri Lanka``, ``Anderson County Sheriff`` tagged as people: a PERSON entity whose leading
    words name a country, a first-level region or a county (never a town: ``Jackson Smith``)."""
    out: list[Span] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2 or taken & set(range(ent.start, ent.end)):
            continue
        for size in range(min(len(ent), _MAX_TOKENS), 1, -1):
            name = doc[ent.start:ent.start + size]
            if name[-1].tag_ == "POS":
                continue
            if _known(gaz, name.text, features=_AREA_FEATURES):
                out.append(_take(doc, ent.start, size, taken))
                break
    return out


def _name_at(doc: Doc, start: int, taken: set[int], excluded: set[int]) -> int:
    """How many capitalised proper-noun tokens from ``start`` (at most ``_MAX_TOKENS``)."""
    size = 0
    while size < _MAX_TOKENS and start + size < len(doc):
        token = doc[start + size]
        # a proper noun, or a capitalised adjective (``the Russian Foreign Ministry``)
        if token.i in taken or token.i in excluded or token.pos_ not in ("PROPN", "ADJ") \
                or not token.text[:1].isupper():
            break
        size += 1
    return size


def _name_before(doc: Doc, end: int, taken: set[int], excluded: set[int]) -> int:
    """Where the capitalised words right before ``end`` start (at most ``_MAX_TOKENS`` of
    them, none taken or excluded); ``end`` when there are none."""
    start = end
    while start > 0 and end - start < _MAX_TOKENS and doc[start - 1].text[:1].isupper() \
            and doc[start - 1].is_alpha and doc[start - 1].i not in taken \
            and doc[start - 1].i not in excluded:
        start -= 1
    return start


def _take(doc: Doc, start: int, size: int, taken: set[int]) -> Span:
    taken.update(range(start, start + size))
    return doc[start:start + size]


def _known(gaz: Gazetteer, text: str, min_population: int = 0,
           features: frozenset[str] | None = None) -> bool:
    """The gazetteer knows ``text`` by its own name (not a foreign alternate name), as a place
    of one of ``features`` (any when None) and, for a city, of ``min_population`` or more."""
    if sum(ch.isalpha() for ch in text) < 2:
        return False
    entries, alternate = candidates(gaz, text)
    # Not by a county's bare name (an alternate): ``Scott``, ``Turner`` are surnames first.
    return any(e not in alternate and (features is None or gaz.features[e] in features)
               and (gaz.features[e] != "city"
                                       or gaz.populations[e] >= min_population)
               for e in entries)


def _datelines(doc: Doc) -> list[tuple[int, int]]:
    """Places of datelines, ``GAINESVILLE, Ga. -``, ``BEIRUT (AP) -``, ``BEIRUT: ...``: capitals
    at the start of a sentence, before a comma, a colon, a bracket or a dash."""
    found = []
    for token in doc:
        if not token.is_sent_start:
            continue
        end = token.i
        while end < len(doc) and end - token.i < _MAX_TOKENS and doc[end].is_alpha \
                and doc[end].text.isupper() and len(doc[end].text) > 1:
            end += 1
        if end > token.i and end < len(doc) and doc[end].text in _DATELINE_MARKS:
            found.append((token.i, end))
    return found


def _place_of(token: Token) -> bool:
    """``the village of X``, ``the city of X``."""
    return token.lower_ == "of" and token.i > 0 and token.doc[token.i - 1].lower_ in _KIND_OF


def _in_place_context(doc: Doc, gaz: Gazetteer, taken: set[int],
                      excluded: set[int]) -> list[Span]:
    out: list[Span] = []
    for start, end in _datelines(doc):
        if not taken & set(range(start, end)) and _known(gaz, doc[start:end].text.title()):
            out.append(_take(doc, start, end - start, taken))
    for token in doc:
        start = token.i + 1
        if (token.lower_ in _PLACE_PREPOSITIONS or _place_of(token)) and start < len(doc):
            # The whole name or nothing: ``in Abu Shok`` is not ``Abu``.
            size = _name_at(doc, start, taken, excluded)
            if size and start + size < len(doc) and doc[start + size].text[:1].isupper():
                continue
            if size and _known(gaz, doc[start:start + size].text):
                out.append(_take(doc, start, size, taken))
        elif token.lower_ in _PLACE_NOUNS and token.i > 0 and token.text[:1].isupper() == (
                token.lower_ in {"county", "parish", "township"}):
            # ``Kursk region`` (lower case) / ``Laurel County`` (the whole name a county)
            first = token.i
            while first > 0 and token.i - first < _MAX_TOKENS and doc[first - 1].pos_ == "PROPN" \
                    and doc[first - 1].text[:1].isupper() and doc[first - 1].i not in taken \
                    and doc[first - 1].i not in excluded:
                first -= 1
            if first == token.i:
                continue
            whole = doc[first:token.i + 1]
            if _known(gaz, whole.text):
                out.append(_take(doc, first, token.i + 1 - first, taken))
            elif _known(gaz, doc[first:token.i].text):
                out.append(_take(doc, first, token.i - first, taken))
    return out


def _local_heads(doc: Doc, gaz: Gazetteer, taken: set[int], excluded: set[int]) -> list[Span]:
    """The known name right before a local body or person (``Roselle police``), unless name and
    head together are a place (``Kansas City``)."""
    out: list[Span] = []
    for token in doc:
        if token.lower_ not in _LOCAL_HEADS or token.i == 0:
            continue
        first = token.i
        while first > 0 and token.i - first < _MAX_TOKENS and doc[first - 1].pos_ == "PROPN" \
                and doc[first - 1].text[:1].isupper() and doc[first - 1].i not in taken \
                and doc[first - 1].i not in excluded:
            first -= 1
        if first == token.i or (first > 0 and doc[first - 1].pos_ == "PROPN"
                                and doc[first - 1].text[:1].isupper()):
            continue  # no name, or only the end of a longer one
        if token.text[:1].isupper() and _known(gaz, doc[first:token.i + 1].text):
            continue
        if _known(gaz, doc[first:token.i].text):
            out.append(_take(doc, first, token.i - first, taken))
    return out


def _party_homes(doc: Doc, gaz: Gazetteer, taken: set[int]) -> list[Span]:
    """The home of ``R-Marshall``, ``DFL-Elbow Lake``: a party letter, a hyphen, a known name."""
    out: list[Span] = []
    for token in doc[:-2]:
        dash, start = doc[token.i + 1], token.i + 2
        if token.text not in _PARTIES or dash.text != "-" or token.whitespace_ \
                or dash.whitespace_:
            continue
        size = _name_at(doc, start, taken, set())
        if size and _known(gaz, doc[start:start + size].text):
            out.append(_take(doc, start, size, taken))
    return out


def _county_lists(doc: Doc, gaz: Gazetteer, taken: set[int], excluded: set[int]) -> list[Span]:
    """The counties of ``Becker, Clay and Otter Tail counties``, labelled ``COUNTY``."""
    out: list[Span] = []
    for token in doc:
        if token.lower_ != "counties" or token.i == 0:
            continue
        end = token.i
        while end > 0:
            start = _name_before(doc, end, taken, excluded)
            if start == end or not gaz.lookup(doc[start:end].text + " County")[0]:
                break
            for i in range(start, end):
                taken.add(i)
            out.append(Span(doc, start, end, label=COUNTY_LABEL))
            end = start
            while end > 0 and doc[end - 1].lower_ in _LIST_WORDS:
                end -= 1
            if end == start:
                break
    return out


def _town_regions(doc: Doc, gaz: Gazetteer, taken: set[int], excluded: set[int]) -> list[Span]:
    """``Louisville, Ky.``, ``Sioux Falls, S.D.``: a town's name before a comma and the name of
    its region or country; the region too when nothing took it. The region vouches for the
    town even where the tagger saw a person (``Sioux Falls``)."""
    out: list[Span] = []
    for comma in doc[1:-1]:
        if comma.text != ",":
            continue
        region = _region_after(doc, gaz, comma.i + 1)
        if not region:
            continue
        first = _name_before(doc, comma.i, taken, excluded)
        if first < comma.i and _known(gaz, doc[first:comma.i].text):
            out.append(_take(doc, first, comma.i - first, taken))
            if not taken & set(range(comma.i + 1, comma.i + 1 + region)):
                out.append(_take(doc, comma.i + 1, region, taken))
    return out


def _region_after(doc: Doc, gaz: Gazetteer, start: int) -> int:
    """How many tokens from ``start`` name a region or country (``Ky.``, ``S.D.``, ``Texas``)."""
    for size in range(min(_MAX_TOKENS, len(doc) - start), 0, -1):
        span = doc[start:start + size]
        if not span[0].text[:1].isupper() or not all(t.is_alpha or t.text in {".", "-"} or
                                                       t.text.endswith(".") for t in span):
            continue
        text = span.text
        if start + size < len(doc) and doc[start + size].text == "." \
                and doc[start + size].idx == span.end_char:
            text += "."  # ``Ky`` + ``.`` split off by the tokenizer
        entries, _ = gaz.lookup(text)
        if any(gaz.features[e] in _REGION_FEATURES for e in entries):
            return size
    return 0


def _list_members(doc: Doc, gaz: Gazetteer, sources: list[Span], taken: set[int],
                  excluded: set[int]) -> list[Span]:
    """Known names listed with places (``Suba, Migori, Homa Bay and Rongo``, ``Tacloban and
    Babatngon``): a list of names some of which are places is a list of places, whatever the
    tagger called the others; unless it called more of them people than it found places
    (``Obama, Clinton and Underwood``)."""
    source_at = {span.start for span in sources}
    person_at = {i for ent in doc.ents if ent.label_ == "PERSON"
                 for i in range(ent.start, ent.end)}
    out: list[Span] = []
    for chain in _lists(doc):
        places = sum(start in source_at for start, _ in chain)
        people = sum(start not in source_at and start in person_at for start, _ in chain)
        if not places or people > places:
            continue
        for start, end in chain:
            if any(i in taken or i in excluded for i in range(start, end)):
                continue
            if _known(gaz, doc[start:end].text):
                out.append(_take(doc, start, end - start, taken))
    return out


def _towns_in(doc: Doc, gaz: Gazetteer, sources: list[Span], taken: set[int],
              excluded: set[int]) -> list[Span]:
    """``Warwick in Queensland``, ``Randwick racecourse in Sydney``: a known name before ``in``
    and a place, when the gazetteer has a place of that name inside it (the same first-level
    division, or within 150 km of a town); a person's name rarely lies in the place after it."""
    after = {span.start: span for span in sources}
    out: list[Span] = []
    for token in doc[1:-1]:
        if token.lower_ != "in":
            continue
        where = after.get(token.i + 1)
        if where is None:
            continue
        end = token.i
        if doc[end - 1].is_lower and end > 1:
            end -= 1  # a place word between: ``Randwick racecourse in Sydney``
        start = _name_before(doc, end, taken, excluded)
        if start == end or (start > 0 and doc[start - 1].text[:1].isupper()):
            continue
        if _lies_in(gaz, doc[start:end].text, where.text):
            out.append(_take(doc, start, end - start, taken))
    return out


def _lies_in(gaz: Gazetteer, name: str, place: str) -> bool:
    """The gazetteer has a place called ``name`` inside one called ``place``."""
    inner, inner_alternate = candidates(gaz, name)
    outer, _ = candidates(gaz, place)
    for i in inner:
        if i in inner_alternate or gaz.lats[i] is None:
            continue
        for o in outer:
            if gaz.countries[i] != gaz.countries[o] or gaz.lats[o] is None:
                continue
            if gaz.features[o] in ("region", "county") and gaz.admin1[o] \
                    and gaz.admin1[o] == gaz.admin1[i]:
                return True
            if gaz.features[o] == "city" and abs(gaz.lats[i] - gaz.lats[o]) < 1.4 \
                    and haversine_km(gaz.lats[i], gaz.lons[i], gaz.lats[o], gaz.lons[o]) < 150:
                return True
    return False


def _lists(doc: Doc) -> list[list[tuple[int, int]]]:
    """Runs of capitalised words joined by commas, ``and``, ``or``: ``[(start, end), ...]``."""
    chains: list[list[tuple[int, int]]] = []
    chain: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        end = i
        while end < len(doc) and end - i < _MAX_TOKENS and doc[end].is_alpha \
                and doc[end].text[:1].isupper():
            end += 1
        if end == i:
            if len(chain) > 1:
                chains.append(chain)
            chain = []
            i += 1
            continue
        chain.append((i, end))
        i = end
        joiner = i
        while joiner < len(doc) and doc[joiner].lower_ in _LIST_WORDS:
            joiner += 1
        if joiner == i:
            if len(chain) > 1:
                chains.append(chain)
            chain = []
        i = joiner
    if len(chain) > 1:
        chains.append(chain)
    return chains


def _homes_of_people(doc: Doc, gaz: Gazetteer, taken: set[int], excluded: set[int]) -> list[Span]:
    """``James Tauber of Nelson``: a known name after a person and ``of``."""
    out: list[Span] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "of":
            continue
        start = ent.end + 1
        size = _name_at(doc, start, taken, excluded - set(range(start, start + _MAX_TOKENS)))
        if size and not (start + size < len(doc) and doc[start + size].text[:1].isupper()) \
                and _known(gaz, doc[start:start + size].text):
            out.append(_take(doc, start, size, taken))
    return out


def _modifiers(doc: Doc, gaz: Gazetteer, taken: set[int], excluded: set[int],
               seen: set[str]) -> list[Span]:
    """The place inside an institution's name: at its start (after ``the``) or after ``of``."""
    out: list[Span] = []
    for ent in doc.ents:
        if ent.label_ not in _INSTITUTION_LABELS or len(ent) < 2:
            continue
        starts = [ent.start + (doc[ent.start].lower_ == "the")]
        if doc[starts[0]].lower_ in _DIRECTIONS:
            starts[0] += 1
        starts += [t.i + 1 for t in ent if t.lower_ == "of" and t.i + 1 < ent.end]
        for start in starts:
            room = min(_name_at(doc, start, taken, excluded), ent.end - start)
            if start == ent.start + (doc[ent.start].lower_ == "the"):
                room = min(room, ent.end - start - 1)  # ``Ohio`` of ``Ohio State``, not all of it
            for size in range(room, 0, -1):
                name = doc[start:start + size].text
                if name in seen or is_demonym(name, gaz) or _known(
                        gaz, name, _MODIFIER_CITY_POPULATION, _MODIFIER_FEATURES):
                    out.append(_take(doc, start, size, taken))
                    break
    return out


def _repeated(doc: Doc, found: list[Span], taken: set[int], excluded: set[int]) -> list[Span]:
    """Other mentions of names the article already uses as places (one sense per article)."""
    names = {span.text for span in found if span.text[:1].isupper()}
    # ``Kursk Region`` also names ``Kursk``.
    names |= {span[:-1].text for span in found
              if len(span) > 1 and span[-1].lower_ in _PLACE_NOUNS}
    if not names:
        return []
    out: list[Span] = []
    i = 0
    while i < len(doc):
        size = _name_at(doc, i, taken, excluded)
        match = next((n for n in range(size, 0, -1) if doc[i:i + n].text in names), 0)
        if match:
            out.append(_take(doc, i, match, taken))
            i += match
        else:
            i += max(size, 1)
    return out
