"""Rendering the corpus record for a person: claims, timelines, positions, the network, outlets.

Owns: the readable tables of the record commands. Must not: query (the CLI passes the rows the
Python API returned) or decide anything. ``--format json`` bypasses this (one JSON object a line).
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text


def _clip(value: Any, width: int = 0) -> Text:
    """A cell as plain text (never read as rich markup: "[document]" stays), clipped to ``width``."""
    text = "" if value is None else str(value)
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return Text(text)


def _row(table: Table, *cells: Any) -> None:
    table.add_row(*(cell if isinstance(cell, Text) else _clip(cell) for cell in cells))


def _table(title: str, columns: list[tuple[str, bool]]) -> Table:
    table = Table(title=Text(title), caption="every field: --format json", expand=True)
    for name, prose in columns:
        table.add_column(name, overflow="fold", ratio=1 if prose else None, no_wrap=not prose)
    return table


def claims(console: Console, lines: list[dict[str, Any]], title: str = "claims") -> None:
    """Claim lines: when said, who, the cue, stance, certainty of the first report, how many
    distinct reports, what answered it, and the content."""
    if not lines:
        console.print(Text(f"No {title} match.", style="dim"))
        return
    table = _table(
        f"{title} ({len(lines)})",
        [("id", False), ("said", False), ("speaker", True), ("cue", False), ("stance", False),
         ("certainty", False), ("reports", False), ("answers", False), ("content", True)],
    )
    for line in lines:
        first = line["reports"][0] if line["reports"] else {}
        answers = ", ".join(dict.fromkeys(f"{a['stance']} by {a['speaker'] or '?'}" for a in line["answers"]))
        _row(
            table,
            line["id"], line["said"]["value"] or "", line["speaker"]["name"] or "", line["cue"] or "",
            line["stance"] or "", first.get("certainty", ""), str(line["distinct_reports"]), answers,
            _clip(line["content"], 160),
        )
    console.print(table)


def positions(console: Console, lines: list[dict[str, Any]], topic: str) -> None:
    if not lines:
        console.print(Text(f"No claim matches the topic {topic!r}.", style="dim"))
        return
    table = _table(
        f"positions on {topic!r} ({len(lines)})",
        [("actor", True), ("said", False), ("position", False), ("change", False), ("claim", False), ("content", True)],
    )
    for line in lines:
        _row(
            table,
            line["actor"] or "", line["said"]["value"] or "", line["position"], "changed" if line["change"] else "",
            line["claim"], _clip(line["content"], 160),
        )
    console.print(table)


def network(console: Console, edges: list[dict[str, Any]]) -> None:
    if not edges:
        console.print(Text("No edges match.", style="dim"))
        return
    table = _table(
        f"network ({len(edges)} edges)",
        [("source", True), ("relation", False), ("target", True), ("kind", False), ("weight", False),
         ("first", False), ("last", False)],
    )
    for edge in edges:
        _row(table, edge["source_name"], edge["relation"], edge["target_name"], edge["kind"], str(edge["weight"]),
                      edge["first"] or "", edge["last"] or "")
    console.print(table)


def outlets(console: Console, rows: list[dict[str, Any]]) -> None:
    if not rows:
        console.print(Text("No outlets match.", style="dim"))
        return
    table = _table(
        f"outlets ({len(rows)})",
        [("outlet", True), ("speaker", True), ("claims", False), ("reports", False), ("copies", False)],
    )
    for row in rows:
        _row(table, row["outlet"], row["speaker"] or "", str(row["claims"]), str(row["reports"]), str(row["copies"]))
    console.print(table)
