"""Places GeoNames' populated places and divisions leave out: physical features (``features.tsv``,
from Natural Earth), territories without a row of their own, and divisions the hand table used to
fold into one (``South Darfur``). The table is well formed and rebuilt by its script."""

from __future__ import annotations

from importlib import resources

import pytest

from communique.extract.places.gazetteer import haversine_km, load_gazetteer
from communique.extract.places.resolve import resolve_mentions


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="module")
def script(load_script):
    return load_script("build_features_table")


def _resolved(gaz, text, name):
    start = text.index(name)
    choice = resolve_mentions(gaz, text, [(start, start + len(name))])[0]
    assert choice is not None, name
    return choice, gaz.names[choice.entry], gaz.features[choice.entry], gaz.ids[choice.entry]


def test_the_table_is_well_formed():
    text = resources.files("communique.data.places").joinpath("features.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    assert len(rows) > 1500
    for kind, lat, lon, rank, names, _alternates in rows:
        assert kind and names and 0 <= int(rank) <= 10, names
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180, names


def test_the_script_keeps_a_point_and_the_names_news_uses(script):
    square = [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]
    speck = [[[10, 10], [10.1, 10], [10.1, 10.1], [10, 10]]]
    layer = {"features": [
        {"properties": {"featurecla": "Lake", "name": "Lago Titicaca", "scalerank": 1},
         "geometry": {"type": "Polygon", "coordinates": square}},
        {"properties": {"featurecla": "Geoarea", "name": "JUTLAND", "scalerank": 4},
         "geometry": {"type": "MultiPolygon", "coordinates": [speck, square]}},
        {"properties": {"featurecla": "Island", "name": "Fraser I.", "scalerank": 5},
         "geometry": {"type": "Polygon", "coordinates": square}},
        {"properties": {"featurecla": "Continent", "name": "Europe", "scalerank": 0},
         "geometry": {"type": "Polygon", "coordinates": square}},
    ]}
    rows = {row[4]: row for row in script.derive([layer])}
    assert set(rows) == {"Lake Titicaca|Lago Titicaca", "Jutland", "Fraser Island"}
    # the largest polygon's centroid, not the speck's
    assert rows["Jutland"][1:3] == ["1.000", "1.000"]


def test_lakes_regions_and_deltas_resolve(gaz):
    for text, name, point in (
            ("Swans died on the coast of Lake Erie in Michigan.", "Lake Erie", (42.2, -81.2)),
            ("The plane landed near Lake Titicaca in Peru.", "Lake Titicaca", (-15.75, -69.41)),
            ("A pond in Mid-Jutland was checked.", "Jutland", (56.0, 9.25)),
            ("Birds winter in the Danube Delta.", "Danube Delta", (45.33, 29.5))):
        choice, _, feature, _ = _resolved(gaz, text, name)
        assert feature == "area", name
        assert haversine_km(choice.lat, choice.lon, *point) < 161, name


def test_a_feature_never_takes_a_division_or_a_towns_name(gaz):
    assert _resolved(gaz, "Police in Sicily said.", "Sicily")[2] == "region"
    assert _resolved(gaz, "She flew to Victoria, British Columbia.", "Victoria")[2] == "city"


def test_territories_without_a_row_are_countries(gaz):
    """Réunion and Mayotte are GeoNames countries the hand table had no row for."""
    text = "Cases on the island of Réunion and in Mayotte rose."
    assert _resolved(gaz, text, "Réunion")[2:] == ("country", 935317)
    assert _resolved(gaz, text, "Mayotte")[2:] == ("country", 1024031)


def test_divisions_the_hand_table_folded_are_their_own(gaz):
    """``South Darfur`` was an alias of Darfur, ``Kasai Occidental`` of Kasai: the divisions
    (with GeoNames' ids where known) now answer, by either direction word."""
    text = "Nyala, the capital of South Darfur, and the province of Western Kasai."
    assert _resolved(gaz, text, "South Darfur")[1:] == ("South Darfur", "region", 408660)
    assert _resolved(gaz, text, "Western Kasai")[1] == "Kasaï-Occidental"


def test_written_forms_of_a_state_and_a_country(gaz):
    assert _resolved(gaz, "samples sent to the NY Plum Island center", "NY")[1] == "New York"
    assert _resolved(gaz, "Ebola in the Republic of Congo this month",
                     "Republic of Congo")[3] == 2260494


def test_every_former_name_finds_its_place(gaz):
    text = resources.files("communique.data.places").joinpath("former_names.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    for geonameid, names, _note in rows:
        for name in names.split("|"):
            assert int(geonameid) in {gaz.ids[e] for e in gaz.lookup(name)[0]}, name
