"""The places map drawn on the server as one SVG over a bundled world outline: no tiles, no script.

Owns: the outline (``data/world/world-110m.json``: Natural Earth 110m, public domain, projected
equirectangularly when it was vendored; see its README) and the circles on it, one per place,
sized by how often it is mentioned, each linking to the place's statements and events. Must not:
query.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape


@lru_cache(maxsize=1)
def outline() -> dict[str, Any]:
    """The vendored world outline (land and borders as SVG path data, and the box they fill)."""
    return json.loads(resources.files("communique.data").joinpath("world/world-110m.json").read_text("utf-8"))


def project(lat: float, lon: float) -> tuple[float, float]:
    """A point on the outline's box, by the projection the outline was built with."""
    world = outline()
    return (lon + 180) / 360 * world["width"], (90 - lat) / 180 * world["height"]


def place_href(place: dict[str, Any]) -> str:
    """The page of one place's mentions: by its GeoNames id, or by name when it has none."""
    if place.get("geonameid") is not None:
        return "/places?" + urlencode({"geonameid": place["geonameid"]})
    return "/places?" + urlencode({"name": place.get("name") or ""})


def world_map(places: list[dict[str, Any]]) -> Markup:
    """The outline with a circle per located place (area by mentions, most mentioned on top)."""
    world = outline()
    located = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    most = max((p["mentions"] for p in located), default=1)
    parts = [f'<path class="land" d="{world["land"]}"/>', f'<path class="borders" d="{world["borders"]}"/>']
    for place in sorted(located, key=lambda p: -p["mentions"]):
        x, y = project(float(place["lat"]), float(place["lon"]))
        radius = 2.5 + 14 * math.sqrt(place["mentions"] / most)
        title = f"{place['name']}{', ' + place['country'] if place.get('country') else ''}: {place['mentions']} mentions"
        parts.append(f'<a href="{escape(place_href(place))}"><circle class="place" cx="{x:.1f}" cy="{y:.1f}" '
                     f'r="{radius:.1f}"><title>{escape(title)}</title></circle></a>')
    return Markup(f'<svg class="map" viewBox="0 0 {world["width"]} {world["height"]}" role="img" '
                  f'aria-label="places mentioned, on a world map" xmlns="http://www.w3.org/2000/svg">'
                  + "".join(parts) + "</svg>")
