"""The actor network drawn on the server as one SVG: no script, the same picture on every load.

Owns: laying out the edges of ``/network`` (networkx's spring layout with a fixed seed, so a
graph is drawn the same way each time) and drawing them: an arrow per edge coloured by its
relation, thicker by weight; a circle per actor sized by its degree, linking to its page.
Colours are CSS classes (``static/style.css``), so the Content-Security-Policy needs no inline
style. Must not: query.
"""

from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import quote

import networkx as nx
from markupsafe import Markup, escape

WIDTH, HEIGHT, MARGIN = 900, 560, 40
LABELLED = 40  # names drawn for the best-connected actors; every circle has its name as a tooltip
RELATIONS = ("accuses", "supports", "denies", "threatens", "appeals-to", "comments-on")


def relation_class(relation: str | None) -> str:
    """The CSS class of a relation: a claim's relation by name, an event type as ``event``."""
    slug = re.sub(r"[^a-z]+", "-", (relation or "").lower()).strip("-")
    return f"rel-{slug}" if slug in RELATIONS else "rel-event"


def _layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions in the drawing's pixels (seeded, so the same edges give the same picture)."""
    raw = nx.spring_layout(graph, seed=16, k=1.6 / math.sqrt(max(len(graph), 1)), iterations=50)
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    return {node: (MARGIN + (WIDTH - 2 * MARGIN) * (p[0] - min(xs)) / span_x,
                   MARGIN + (HEIGHT - 2 * MARGIN) * (p[1] - min(ys)) / span_y) for node, p in raw.items()}


def _markers() -> str:
    return "<defs>" + "".join(
        f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" '
        f'markerUnits="userSpaceOnUse" orient="auto"><path class="{name}" d="M0,0 L10,5 L0,10 z"/></marker>'
        for name in (*(f"rel-{r}" for r in RELATIONS), "rel-event")) + "</defs>"


def network_svg(edges: list[dict[str, Any]]) -> Markup:
    """The edges as a directed graph: arrows coloured by relation, circles sized by degree."""
    if not edges:
        return Markup('<p class="empty">No edges to draw.</p>')
    graph = nx.Graph()
    names: dict[str, str] = {}
    degree: dict[str, int] = {}
    for edge in edges:
        for end in ("source", "target"):
            names[edge[end]] = edge.get(f"{end}_name") or edge[end]
            degree[edge[end]] = degree.get(edge[end], 0) + 1
        graph.add_edge(edge["source"], edge["target"])
    where = _layout(graph)
    radius = {node: 4 + 2.5 * math.sqrt(count) for node, count in degree.items()}
    heaviest = max(e["weight"] or 1 for e in edges)
    parts = [_markers()]
    for edge in sorted(edges, key=lambda e: e["weight"] or 1):  # the heaviest drawn last, on top
        (x1, y1), (x2, y2) = where[edge["source"]], where[edge["target"]]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        # stop at the rims of the circles, so the arrow head shows
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        x1, y1 = x1 + ux * radius[edge["source"]], y1 + uy * radius[edge["source"]]
        x2, y2 = x2 - ux * (radius[edge["target"]] + 1), y2 - uy * (radius[edge["target"]] + 1)
        css = relation_class(edge["relation"])
        width = 1 + 3 * (edge["weight"] or 1) / heaviest
        title = (f"{names[edge['source']]} {edge['relation']} {names[edge['target']]} "
                 f"({edge['kind']}, weight {edge['weight']})")
        parts.append(f'<line class="edge {css}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke-width="{width:.1f}" marker-end="url(#arrow-{css})"><title>{escape(title)}</title></line>')
    labelled = set(sorted(degree, key=lambda n: (-degree[n], names[n]))[:LABELLED])
    for node, (x, y) in where.items():
        label = ""
        if node in labelled:
            anchor = "start" if x < 120 else "end" if x > WIDTH - 120 else "middle"  # names stay inside
            label = (f'<text class="node-label" x="{x:.1f}" y="{y - radius[node] - 3:.1f}" text-anchor="{anchor}">'
                     f"{escape(names[node][:24])}</text>")
        href = escape("/actors/" + quote(node, safe=""))
        parts.append(f'<a href="{href}"><circle class="node" cx="{x:.1f}" cy="{y:.1f}" '
                     f'r="{radius[node]:.1f}"><title>{escape(names[node])} ({degree[node]} edges)</title></circle>'
                     f"{label}</a>")
    legend = "".join(f'<text class="legend {css}" x="{MARGIN + 120 * i}" y="{HEIGHT - 8}">— {name}</text>'
                     for i, (css, name) in enumerate([*((f"rel-{r}", r.replace("-", " ")) for r in RELATIONS),
                                                      ("rel-event", "event")]))
    return Markup(f'<svg class="network" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="actor network" '
                  f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}{legend}</svg>')
