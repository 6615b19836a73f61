"""Rebuild ``src/communique/data/places/admin1.tsv`` from Natural Earth's admin-1 table.

Natural Earth (public domain, naturalearthdata.com) ships first-level divisions of every country
(``10m_cultural/ne_10m_admin_1_states_provinces``) with English and alternate names, a label
point inside each division and its GeoNames id. This script keeps the few columns the gazetteer
needs, so the package carries a 300 KB table instead of the 20 MB shapefile:

    python scripts/build_admin1_table.py ne_10m_admin_1_states_provinces.dbf \
        [--geonames ../shared/reference/geonames] [--out PATH]

The input is the shapefile's ``.dbf`` or a CSV export of it (header cells may carry the dBase
type, ``name,C,44``). With ``--geonames`` (a folder holding GeoNames' ``admin1CodesASCII.txt``
and ``admin2Codes.txt``, CC BY 4.0) each GeoNames id is checked: an id GeoNames lists as a first-
or second-level division keeps it, with the admin1 code it has there (a Philippine province is
second-level in GeoNames: its code is its region's), an id it does not list is blanked (Natural
Earth's ids are a few years old); nothing else of GeoNames is copied.
Without it, Natural Earth's own ``gn_a1_code`` gives the code of rows it marks as level 1.

Left out: divisions of label rank 10 or more (the parishes and municipalities of small states),
divisions that are cities (``Highly Urbanized City``, ``Neutral City``: GeoNames'
cities already hold them), names that are not in the Latin script, and names with lost
characters (``Ba?r``).
"""

from __future__ import annotations

import argparse
import csv
import struct
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "communique" / "data" / "places" / "admin1.tsv"
HEADER = """\
# First-level divisions of every country, derived from Natural Earth's admin-1 states and
# provinces (public domain, naturalearthdata.com) by scripts/build_admin1_table.py; GeoNames ids
# (CC BY 4.0) as Natural Earth gives them, checked against GeoNames' admin1 table.
# iso2	type	geonameid (blank: unknown)	admin1 code (GeoNames)	lat	lon	labelrank	names (| ; main names first)	alternate names (|)
"""
# Natural Earth's type words, dropped from an English name to give the bare name news uses
# (``Monufia Governorate`` -> ``Monufia``).
_TYPE_WORDS = ("Province", "Governorate", "Department", "Region", "State", "County",
               "District", "Prefecture", "Division", "Oblast", "Municipality", "province")


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a dBase file, or of a CSV export of one, as ``column -> text``."""
    if path.suffix.lower() == ".dbf":
        return _read_dbf(path)
    with path.open(encoding="utf-8", newline="") as handle:
        return [{key.split(",")[0]: (value or "").strip() for key, value in row.items()}
                for row in csv.DictReader(handle)]


def _read_dbf(path: Path) -> list[dict[str, str]]:
    """A dBase III table: a 32-byte header, 32-byte field descriptors, fixed-width records."""
    data = path.read_bytes()
    count, header_size, record_size = struct.unpack("<IHH", data[4:12])
    fields = []
    for offset in range(32, header_size - 1, 32):
        name = data[offset:offset + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[offset + 16]))
    rows = []
    for k in range(count):
        record = data[header_size + k * record_size:header_size + (k + 1) * record_size]
        if record[:1] == b"*":  # deleted
            continue
        row, at = {}, 1
        for name, width in fields:
            row[name] = record[at:at + width].decode("utf-8", errors="replace").strip()
            at += width
        rows.append(row)
    return rows


# Label ranks 10 and 20 are the parishes and municipalities of small states (Bermuda, Malta,
# Slovenia, Dominica): words and saints' names (``Paul``, ``Saint Patrick``) far more often than
# places in the news.
MAX_RANK = 9
_PUNCTUATION = frozenset(" -'.`\u2019(),")


def latin(name: str) -> bool:
    """Written in the Latin script, with no lost characters (``build_features_table`` too)."""
    if not name or "?" in name or "\ufffd" in name:
        return False
    return all(unicodedata.name(ch, "").startswith("LATIN") if ch.isalpha() else ch in _PUNCTUATION
               for ch in name)


def _usable(name: str, rank: int) -> bool:
    """A name worth indexing: Latin script, and of four letters or more below the largest
    divisions (``Lot``, ``Mon``, ``Boe`` are words or names far more often)."""
    return latin(name) and (rank <= 2 or sum(ch.isalpha() for ch in name) >= 4)


def _bare(name: str) -> str:
    for word in _TYPE_WORDS:
        if name.endswith(" " + word):
            return name[:-len(word) - 1].strip()
    return name


def _number(text: str) -> int:
    try:
        return int(float(text))
    except ValueError:
        return 0


def derive(rows: list[dict[str, str]], admin1_ids: dict[int, str] | None) -> list[list[str]]:
    """The table's rows: one per division, sorted by country and name."""
    out = []
    for row in rows:
        iso2, kind = row.get("iso_a2", ""), row.get("type_en", "")
        if len(iso2) != 2 or not iso2.isalpha() or "city" in kind.lower():
            continue
        rank = _number(row.get("labelrank", "")) or MAX_RANK + 1
        if rank > MAX_RANK:
            continue
        alternates = [name.strip() for name in row.get("name_alt", "").split("|")]
        # English first: the first name is the one a place is shown by. The English name without
        # its kind only where Natural Earth writes it so too (``Midlands``, not the ``Free`` of
        # ``Free State`` or the ``Federal`` of ``Federal District``).
        bare = _bare(row.get("name_en", ""))
        attested = bare in (row.get("name", ""), *alternates)
        main = [bare if attested else "", row.get("name_en", ""), row.get("name", "")]
        names = [n for n in dict.fromkeys(n.strip() for n in main) if _usable(n, rank)]
        others = [n for n in dict.fromkeys(alternates) if _usable(n, rank) and n not in names]
        if not names:
            continue
        geonameid = _number(row.get("gn_id", ""))
        code = row.get("gn_a1_code", "")
        if admin1_ids is not None:
            # GeoNames files an overseas department under its own code (French Guiana: GF)
            code = admin1_ids.get(geonameid, "")
            geonameid = geonameid if code.startswith(iso2 + ".") else 0
        elif row.get("gn_level") != "1":
            code = ""
        code = code.split(".", 1)[1] if code.startswith(iso2 + ".") else ""
        out.append([iso2, kind or "Division", str(geonameid) if geonameid > 0 else "", code,
                    f"{float(row['latitude']):.4f}", f"{float(row['longitude']):.4f}",
                    str(rank), "|".join(names), "|".join(others)])
    return sorted(out, key=lambda r: (r[0], r[7]))


def _admin1_ids(folder: Path) -> dict[int, str]:
    """geonameid -> ``CC.admin1`` of GeoNames' first- and second-level divisions."""
    ids = {}
    for name in ("admin2Codes.txt", "admin1CodesASCII.txt"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            code, _, _, geonameid = line.split("\t")
            ids[int(geonameid)] = ".".join(code.split(".")[:2])
    return ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="Natural Earth admin-1 .dbf or its CSV export")
    parser.add_argument("--geonames", type=Path,
                        help="folder of GeoNames' admin1CodesASCII.txt and admin2Codes.txt")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    admin1 = _admin1_ids(args.geonames) if args.geonames else None
    table = derive(read_table(args.source), admin1)
    args.out.write_text(HEADER + "".join("\t".join(r) + "\n" for r in table), encoding="utf-8")
    sys.stderr.write(f"{len(table)} divisions -> {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
