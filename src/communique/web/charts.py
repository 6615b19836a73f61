"""Charts drawn on the server as SVG: no script, nothing to download, readable without JavaScript.

Owns: the claims-over-time chart of an actor (dots coloured by stance) and the positions chart
of a topic (one row per actor, dots coloured by position). Colours are CSS classes
(``static/style.css``), so the Content-Security-Policy needs no inline style. Must not: query.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from markupsafe import Markup, escape

WIDTH, ROW, LEFT, RIGHT, TOP = 760, 22, 170, 20, 24


def _day(value: Any) -> dt.date | None:
    """The first day of a said date (``2024``, ``2024-08`` or ``2024-08-18``), or None."""
    if not value:
        return None
    text = str(value)[:10]
    for fmt, size in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            return dt.datetime.strptime(text[:size], fmt).date()
        except ValueError:
            continue
    return None


def _scale(days: list[dt.date]) -> tuple[dt.date, int]:
    """The first day on the axis and its length in days; a single day sits in the middle."""
    first, last = min(days), max(days)
    if first == last:
        return first - dt.timedelta(days=1), 2
    return first, (last - first).days


def _x(day: dt.date, first: dt.date, span: int) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span


def _axis(first: dt.date, span: int, y: int) -> list[str]:
    parts = [f'<line class="axis" x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}"/>']
    ticks = sorted({first + dt.timedelta(days=round(span * n / 4)) for n in range(5)})
    for day in ticks:
        anchor = "start" if day == ticks[0] else "end" if day == ticks[-1] else "middle"
        x = _x(day, first, span)
        parts.append(f'<text class="tick" x="{x:.1f}" y="{y + 16}" text-anchor="{anchor}">{day.isoformat()}</text>')
    return parts


def _svg(height: int, label: str, parts: list[str]) -> Markup:
    return Markup(f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(label)}" '
                  f'xmlns="http://www.w3.org/2000/svg">' + "".join(parts) + "</svg>")


def _dot(x: float, y: float, css: str, href: str, title: str) -> str:
    return (f'<a href="{escape(href)}"><circle class="{escape(css)}" cx="{x:.1f}" cy="{y}" r="6">'
            f"<title>{escape(title)}</title></circle></a>")


def claims_over_time(claims: list[dict[str, Any]]) -> Markup:
    """One row per stance, a dot per claim at the date it was said; each dot links to the claim."""
    dated = [(c, _day(c["said"]["value"]) or _day(c["first_report"]["published"])) for c in claims]
    dated = [(c, d) for c, d in dated if d]
    if not dated:
        return Markup('<p class="empty">No dated claims to draw.</p>')
    first, span = _scale([d for _, d in dated])
    stances = sorted({c["stance"] or "unknown" for c, _ in dated})
    height = TOP + ROW * len(stances) + 30
    parts = []
    for row, stance in enumerate(stances):
        y = TOP + ROW * row
        parts.append(f'<text class="label" x="{LEFT - 10}" y="{y + 4}" text-anchor="end">{escape(stance)}</text>')
    seen: dict[tuple[str, dt.date], int] = defaultdict(int)
    for claim, day in dated:
        stance = claim["stance"] or "unknown"
        y = TOP + ROW * stances.index(stance)
        offset = seen[(stance, day)] * 4  # same day, same stance: spread a little
        seen[(stance, day)] += 1
        title = f"{day} {stance}: {claim['cue'] or ''} {claim['content'] or ''}"
        parts.append(_dot(_x(day, first, span) + offset, y, f"stance-{stance}", f"/claims/{claim['id']}", title))
    parts += _axis(first, span, TOP + ROW * len(stances) - 6)
    return _svg(height, "claims over time by stance", parts)


def positions_over_time(lines: list[dict[str, Any]]) -> Markup:
    """One row per actor, a dot per claim on the topic, coloured by position."""
    dated = [(line, _day(line["said"]["value"])) for line in lines]
    dated = [(line, d) for line, d in dated if d]
    if not dated:
        return Markup('<p class="empty">No dated positions to draw.</p>')
    first, span = _scale([d for _, d in dated])
    actors = sorted({line["actor"] for line, _ in dated})
    height = TOP + ROW * len(actors) + 30
    parts = []
    for row, name in enumerate(actors):
        parts.append(f'<text class="label" x="{LEFT - 10}" y="{TOP + ROW * row + 4}" text-anchor="end">'
                     f"{escape(name[:28])}</text>")
    for line, day in dated:
        y = TOP + ROW * actors.index(line["actor"])
        title = f"{day} {line['actor']} {line['position']}: {line['content']}"
        parts.append(_dot(_x(day, first, span), y, f"position-{line['position']}", f"/claims/{line['claim']}", title))
    parts += _axis(first, span, TOP + ROW * len(actors) - 6)
    return _svg(height, "positions over time", parts)
