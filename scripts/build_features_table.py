"""Rebuild ``src/communique/data/places/features.tsv`` from Natural Earth's physical features.

GeoNames' populated places and divisions leave out what news also names as places: lakes
(``Lake Erie``), seas and bays (``Lake Pontchartrain`` is a lagoon there), islands, mountain
ranges, deltas, peninsulas and regions such as ``Jutland``. Natural Earth (public domain,
naturalearthdata.com) draws them at 1:10m with a name and a scale rank. This script keeps one
point and the names of each, so the package carries a small table instead of 20 MB of polygons:

    python scripts/build_features_table.py ne_10m_geography_regions_polys.json \
        ne_10m_lakes.json ne_10m_geography_marine_polys.json [--out PATH]

The inputs are Natural Earth's GeoJSON exports (any number, any of the three layers). A
feature's point is the area-weighted centroid of its largest polygon (an island group's biggest
island, a lake's main basin), which lies inside or next to it; within the usual 161 km of the
feature's own point for all but the largest ranges and seas.

Left out: continents and oceans (the gazetteer has them), names not in the Latin script, and
names of fewer than four letters. Abbreviations are written out (``Fraser I.`` -> ``Fraser
Island``), capitals folded (``URAL MOUNTAINS`` -> ``Ural Mountains``), and a lake named in its
own language gets its English name as well (``Lago Titicaca`` -> ``Lake Titicaca``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by a test
from build_admin1_table import latin  # noqa: E402  (one test of the script, for both tables)

OUT = Path(__file__).resolve().parents[1] / "src" / "communique" / "data" / "places" / "features.tsv"
HEADER = """\
# Physical features (lakes, seas, bays, islands, ranges, deltas, regions), derived from Natural
# Earth's 1:10m geography layers (public domain, naturalearthdata.com) by
# scripts/build_features_table.py: one point (the centroid of the largest polygon) per feature.
# kind	lat	lon	scalerank	names (| ; main name first)	alternate names (|)
"""
_SKIPPED_KINDS = frozenset({"continent", "ocean", "dragons-be-here", "generic"})
_ABBREVIATIONS = (("I.", "Island"), ("Is.", "Islands"), ("Mts.", "Mountains"), ("Mt.", "Mount"),
                  ("Pen.", "Peninsula"), ("Pt.", "Point"), ("C.", "Cape"), ("St.", "Saint"),
                  ("G.", "Gulf"), ("L.", "Lake"))
_SMALL_WORDS = frozenset({"of", "the", "and", "de", "del", "la", "le", "du", "des", "da", "do"})
# Lakes named in the local language: ``Lago Titicaca``, ``Lac Léman``, ``Lago de Nicaragua``.
_LOCAL_LAKE = re.compile(r"^(?:Lago|Lac|Lagoa|Laguna|Lagune|Lake)\s+(?:de\s+|di\s+|du\s+)?(.+)$")


def tidy(name: str) -> str:
    """A name as news writes it: abbreviations written out, all-capitals folded."""
    words = name.split()
    for k, word in enumerate(words):
        for short, full in _ABBREVIATIONS:
            if word == short:
                words[k] = full
    if name.isupper():
        words = [w.lower() if k and w.lower() in _SMALL_WORDS else w.capitalize()
                 for k, w in enumerate(words)]
    return " ".join(words)


def names_of(properties: dict) -> tuple[list[str], list[str]]:
    """(main names, alternate names) of one feature, tidied and filtered."""
    main = [tidy(str(properties.get("name") or ""))]
    lake = _LOCAL_LAKE.match(main[0])
    if lake and "lake" in str(properties.get("featurecla", "")).lower():
        main.insert(0, "Lake " + lake.group(1))
    alternates = [tidy(n) for key in ("name_alt", "namealt")
                  for n in str(properties.get(key) or "").split("|")]
    keep = [n for n in dict.fromkeys(main) if latin(n) and sum(c.isalpha() for c in n) >= 4]
    others = [n for n in dict.fromkeys(alternates)
              if n not in keep and latin(n) and sum(c.isalpha() for c in n) >= 4]
    return keep, others


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(area, lat, lon) of one polygon ring (planar, in degrees: enough for a label point)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(ys) / len(ys), sum(xs) / len(xs)
    return abs(area) / 2, cy / (3 * area), cx / (3 * area)


def point_of(geometry: dict) -> tuple[float, float] | None:
    """The centroid of the largest polygon's outer ring, or the point of a point feature."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Point":
        return coordinates[1], coordinates[0]
    polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
    rings = [_ring_centroid(polygon[0]) for polygon in polygons if polygon and polygon[0]]
    if not rings:
        return None
    _, lat, lon = max(rings)
    return lat, lon


def derive(collections: list[dict]) -> list[list[str]]:
    """The table's rows: one per named feature, sorted by main name."""
    out: dict[tuple[str, str], list[str]] = {}
    for collection in collections:
        for feature in collection.get("features", []):
            properties = feature.get("properties") or {}
            kind = str(properties.get("featurecla") or "").strip().lower()
            if kind in _SKIPPED_KINDS or not feature.get("geometry"):
                continue
            names, alternates = names_of(properties)
            point = point_of(feature["geometry"])
            if not names or point is None:
                continue
            rank = int(float(properties.get("scalerank") or 0))
            key = (names[0], kind)
            if key in out and int(out[key][3]) <= rank:
                continue  # one row per feature: a lake drawn in two layers keeps its larger rank
            out[key] = [kind, f"{point[0]:.3f}", f"{point[1]:.3f}", str(rank), "|".join(names),
                        "|".join(alternates)]
    return sorted(out.values(), key=lambda row: (row[4], row[0]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", type=Path, nargs="+", help="Natural Earth GeoJSON layers")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    collections = [json.loads(path.read_text(encoding="utf-8")) for path in args.sources]
    table = derive(collections)
    args.out.write_text(HEADER + "".join("\t".join(r) + "\n" for r in table), encoding="utf-8")
    sys.stderr.write(f"{len(table)} features -> {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
