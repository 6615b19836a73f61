"""The table of first-level divisions (``admin1.tsv``, from Natural Earth's admin-1 table): well
formed, its GeoNames ids checked, rebuilt by its script, and its minor divisions recognised only
where the tagger calls them places. How they resolve: ``test_gazetteer.py``."""

from __future__ import annotations

from importlib import resources

import pytest


@pytest.fixture(scope="module")
def script(load_script):
    return load_script("build_admin1_table")


def _table():
    text = resources.files("communique.data.places").joinpath("admin1.tsv").read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if not line.startswith("#")]


def test_the_table_is_well_formed():
    rows = _table()
    assert len(rows) > 3000
    for iso2, _, geonameid, admin1, lat, lon, rank, names, _alternates in rows:
        assert len(iso2) == 2 and names and 2 <= int(rank) <= 9, names
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180, names
        assert not geonameid or int(geonameid) > 0


def test_the_ids_are_geonames_divisions_of_that_country(shared_dir):
    codes = {}
    for name in ("admin1CodesASCII.txt", "admin2Codes.txt"):
        path = shared_dir / "reference" / "geonames" / name
        for line in path.read_text(encoding="utf-8").splitlines():
            code, *_, geonameid = line.split("\t")
            codes[int(geonameid)] = code
    rows = [row for row in _table() if row[2]]
    assert len(rows) > 3000
    for iso2, _, geonameid, admin1, *_ in rows:
        assert codes[int(geonameid)].split(".")[:2] == [iso2, admin1], geonameid


def test_a_minor_division_needs_the_tagger_to_call_it_a_place(places):
    # Nordland is a Norwegian county; here a street, which the tagger does not call a GPE
    found = places("The tenant, Brian O'Connor, 38, of 20E Nordland Ave., was cooperative.")
    assert not [p for p in found if p.text == "Nordland"]
    # a GPE is taken: Bohol is a Philippine province
    found = places("The quake killed 12 people in Bohol, officials said.")
    assert [(p.text, p.feature, p.country) for p in found] == [("Bohol", "region", "PHL")]


def test_the_table_is_rebuilt_from_natural_earth(script, tmp_path):
    source = tmp_path / "admin1.csv"
    source.write_text(
        '"iso_a2,C,2","name,C,44","name_en,C,47","name_alt,C,129","type_en,C,27",'
        '"labelrank,N,2,0","gn_id,N,8,0","gn_level,N,2,0","gn_a1_code,C,10",'
        '"latitude,N,12,8","longitude,N,12,7"\n'
        'ZW,Midlands,Midlands Province,,Province,5,886119,1,ZW.07,-19.05,29.61\n'
        'ZA,Free State,Free State,Orange Free State,Province,2,967573,1,ZA.03,-28.7,26.5\n'
        'PH,Cebu,,,Highly Urbanized City,9,1717506,1,PH.B7,10.3,123.9\n'
        'MT,Attard,,,Local council,20,,,,35.89,14.44\n'
        'EG,Al Minufiyah,Monufia Governorate,Menoufia|Ba?r,Governorate,6,360689,1,EG.09,30.5,31.0\n',
        encoding="utf-8")
    out = tmp_path / "admin1.tsv"
    assert script.main([str(source), "--out", str(out)]) == 0
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")]
    # a city (Cebu) and a Maltese council (rank 20) are left out; ``Free`` is not a name;
    # ``Midlands`` is, Natural Earth writing it so; a name with a lost character is dropped
    assert rows == [
        ["EG", "Governorate", "360689", "09", "30.5000", "31.0000", "6",
         "Monufia Governorate|Al Minufiyah", "Menoufia"],
        ["ZA", "Province", "967573", "03", "-28.7000", "26.5000", "2", "Free State",
         "Orange Free State"],
        ["ZW", "Province", "886119", "07", "-19.0500", "29.6100", "5",
         "Midlands|Midlands Province", ""],
    ]


def _dbf(path, fields, rows):
    """A dBase III file, as a shapefile's attribute table is written."""
    import struct

    header_size = 32 + 32 * len(fields) + 1
    record_size = 1 + sum(width for _, width in fields)
    data = struct.pack("<BBBBIHH20x", 3, 124, 1, 1, len(rows), header_size, record_size)
    for name, width in fields:
        data += struct.pack("<11sc4xBB14x", name.encode(), b"C", width, 0)
    data += b"\r"
    for row in rows:
        data += b" " + b"".join(value.encode().ljust(width) for value, (_, width) in zip(row, fields))
    path.write_bytes(data + b"\x1a")


def test_the_script_reads_the_shapefile_table(script, tmp_path):
    source = tmp_path / "ne_10m_admin_1_states_provinces.dbf"
    fields = [("iso_a2", 2), ("name", 20), ("name_en", 24), ("type_en", 12), ("labelrank", 2),
              ("gn_id", 8), ("gn_level", 2), ("gn_a1_code", 8), ("latitude", 10),
              ("longitude", 10)]
    _dbf(source, fields, [("NO", "Rogaland", "Rogaland", "County", "7", "3141558", "1",
                           "NO.14", "58.9", "6.1")])
    assert script.read_table(source)[0]["name_en"] == "Rogaland"
    out = tmp_path / "admin1.tsv"
    script.main([str(source), "--out", str(out)])
    assert out.read_text(encoding="utf-8").splitlines()[-1].split("\t") == [
        "NO", "County", "3141558", "14", "58.9000", "6.1000", "7", "Rogaland", ""]
