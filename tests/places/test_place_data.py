"""The hand-written place tables: well-formed, and their GeoNames ids checked when possible."""

from __future__ import annotations

import re
from importlib import resources

import pytest


def _rows(name):
    text = resources.files("communique.data.places").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def test_tables_are_well_formed():
    for row in _rows("countries.tsv"):
        assert len(row) == 5 and re.fullmatch(r"[A-Z]{2}", row[0]), row
        assert -90 <= float(row[1]) <= 90 and -180 <= float(row[2]) <= 180, row
    for row in _rows("regions.tsv"):
        assert len(row) == 6, row
        assert row[1] in {"region", "county", "area"}, row
        assert -90 <= float(row[3]) <= 90 and -180 <= float(row[4]) <= 180, row


def _words(text):
    skip = {"oblast", "region", "province", "republic", "state", "city"}
    return {w[:4].lower() for w in re.split(r"[\s|\-]+", text) if len(w) >= 4
            and w.lower() not in skip}


def test_region_ids_match_geonames_admin1(shared_dir):
    """Every id we give is a GeoNames admin1 id of that country with a matching name."""
    admin1 = {}
    path = shared_dir / "reference" / "geonames" / "admin1CodesASCII.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        code, name, ascii_name, geonameid = line.split("\t")
        admin1[int(geonameid)] = (code, _words(name) | _words(ascii_name))
    checked = 0
    for iso2, _, geonameid, _, _, names in _rows("regions.tsv"):
        if not geonameid or iso2 == "US":
            continue
        code, words = admin1[int(geonameid)]
        assert code.startswith(iso2) and _words(names) & words, names
        checked += 1
    assert checked > 50
