"""Rendering, in one place: articles, summaries, query rows and evaluation reports.

Owns: turning data-model objects and plain dicts into rich text or JSON for a terminal.
Must not: compute anything the library should (no extraction, no queries).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from communique.evaluate.report import EvalReport
from communique.model import Article, Event, Failure, Statement

# Piped output has no window to fit; a table is laid out this wide and takes its natural width
# (cells are clipped to 120 characters, so no real table comes near it).
_PIPED_WIDTH = 100_000


class CliConsole(Console):
    """The CLI's console: rich's own in a terminal; piped or redirected, never a hard wrap.

    Rich fits its output to a window, and with no terminal it assumes 80 columns: content
    would be broken mid-line with its continuation at column 0, unusable for ``grep`` or a
    file. Here, when the output is not a terminal (decided at each print, so tests and pipes
    both count), text lines are written whole (a pager may soft-wrap them), a table takes its
    natural width, and a rule is its title on one line."""

    def print(self, *objects: Any, **options: Any) -> None:
        if self.is_terminal:
            super().print(*objects, **options)
            return
        tables = [o for o in objects if isinstance(o, Table)]
        if not tables:
            options.setdefault("soft_wrap", True)
            super().print(*objects, **options)
            return
        for table in tables:
            table.expand = False
        chosen = self._width  # None (detect) or COLUMNS, which rich reads when it starts
        self.width = _PIPED_WIDTH
        try:
            super().print(*objects, **options)
        finally:
            self._width = chosen

    def rule(self, title: str | Text = "", **options: Any) -> None:
        if self.is_terminal:
            super().rule(title, **options)
        else:
            super().print(Text.assemble("── ", title), soft_wrap=True)


def article_json(article: Article) -> str:
    """One article as a single JSON line (the JSON Lines output of ``analyze --format json``)."""
    return json.dumps(article.to_dict(), ensure_ascii=False)


def plover_lines(article: Article) -> list[str]:
    """An article's events as PLOVER records, one JSON line each (``analyze --format plover``)."""
    from communique.query.plover import article_records

    return [json.dumps(record, ensure_ascii=False) for record in article_records(article)]


def _clip(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _plain(*cells: str) -> list[Text]:
    """Table cells as plain text: article text, names and paths may hold "[...]", which rich
    would otherwise read as markup and drop ("this [document] could be a start")."""
    return [Text(cell) for cell in cells]


def _span_label(spans: list[tuple[int, int]]) -> str:
    return ",".join(f"{s}-{e}" for s, e in spans)


def render_article(console: Console, article: Article) -> None:
    """A readable readout of one analyzed article for a person."""
    heading = Text(article.title or article.source or article.id, style="bold")
    console.rule(heading)
    facts = [
        ("id", article.id),
        ("source", article.source),
        ("url", article.url),
        ("outlet", article.outlet),
        ("published", f"{article.published or 'unknown'} ({article.published_basis})"
         if article.published_basis else "unknown"),
        ("language", article.language),
    ]
    for key, value in facts:
        if value:
            console.print(Text.assemble((f"{key:>10}", "dim"), "  ", str(value)))

    if article.statements:
        console.print(Text(f"\nStatements ({len(article.statements)})", style="bold"))
        for index, statement in enumerate(article.statements):
            _render_statement(console, index, statement)
    elif any(warning.code == "W006" for warning in article.warnings):
        # a caption or a stub: "no statements" would read as "nobody said anything"
        console.print(Text(f"\nExtraction found little text ({len(article.text.strip())} characters): "
                           "the page may be only a caption or a stub, so no statements were found.", style="yellow"))
    else:
        console.print("[dim]No statements found.[/dim]")

    if article.events:
        console.print(Text(f"\nEvents ({len(article.events)})", style="bold"))
        for index, event in enumerate(article.events):
            _render_event(console, index, event, article)

    if article.times:
        table = Table(title=f"Times ({len(article.times)})", expand=True)
        for column in ("text", "span", "type", "value"):
            table.add_column(column, overflow="fold")
        for time in article.times:
            value = Text(time.value) if time.value else Text(f"unresolved: {time.anchor}", style="dim")
            table.add_row(Text(time.text), f"{time.start}-{time.end}", time.type, value)
        console.print(table)

    if article.places:
        table = Table(title=f"Places ({len(article.places)})", expand=True)
        for column in ("text", "span", "resolved to", "country", "kind", "geonameid", "lat, lon"):
            table.add_column(column, overflow="fold")
        for place in article.places:
            coordinates = f"{place.lat:.3f}, {place.lon:.3f}" if place.lat is not None else ""
            table.add_row(
                *_plain(
                    place.text,
                    f"{place.start}-{place.end}",
                    place.name or "",
                    place.country or "",
                    place.feature or "",
                    str(place.geonameid or ""),
                    coordinates,
                )
            )
        console.print(table)

    if article.actors:
        table = Table(title=f"Actors ({len(article.actors)})", expand=True)
        for column in ("id", "name", "type", "country", "wikidata"):
            table.add_column(column, overflow="fold")
        for actor in article.actors:
            table.add_row(*_plain(actor.id, actor.name, actor.type, actor.country or "", actor.wikidata or ""))
        console.print(table)


def warning_lines(article: Article) -> list[str]:
    """One line per warning of an analyzed article, naming it like a failure line does
    (``warning: <source>: [W0xx] reason``), for standard error."""
    source = article.source or article.id
    return [f"warning: {source}: {warning.reason}" for warning in article.warnings]


def _render_statement(console: Console, index: int, statement: Statement) -> None:
    """One statement as a block: who (and the mention as written), the cue line, the content."""
    speaker = statement.speaker
    who = Text(f"[{index}] ", style="dim")
    who.append(speaker.name or speaker.text or "?", style="bold cyan")
    if speaker.text and speaker.text != speaker.name:
        who.append(f"  “{speaker.text}” {_span_label(speaker.spans)}", style="dim")
    if speaker.actor:
        who.append(f"  {speaker.actor}", style="dim")
    console.print(who)
    facts = [statement.stance, statement.certainty, statement.kind]
    if statement.time:
        facts.append(f"{statement.time.value or 'undated'} ({statement.time.basis})")
    if statement.parent is not None:
        facts.append(f"nested in [{statement.parent}]")
    if statement.responds_to is not None:
        facts.append(f"answers [{statement.responds_to}]")
    cue = Text("    ")
    cue.append(statement.cue.text or "(no cue)", style="yellow")
    cue.append(f" {_span_label(statement.cue.spans)}  ", style="dim")
    cue.append(" · ".join(facts))
    console.print(cue)
    content = Text(f"    “{_clip(statement.content.text, 400)}”")
    content.append(f" {_span_label(statement.content.spans)}", style="dim")
    console.print(content)


def _render_event(console: Console, index: int, event: Event, article: Article) -> None:
    """One event on two lines: type, mode, who -> whom; then trigger, time, place, certainty."""
    line = Text(f"[{index}] ", style="dim")
    line.append(event.type, style="bold magenta")
    if event.mode:
        line.append(f" ({event.mode})")
    source = event.source.name or event.source.text or "?"
    target = event.target.name or event.target.text or "?"
    line.append(f"  {source} -> {target}")
    console.print(line)
    facts = [event.certainty]
    if event.time:
        facts.append(f"{event.time.value or 'undated'} ({event.time.basis})")
    if event.place is not None and event.place < len(article.places):
        facts.append(f"at {article.places[event.place].name or article.places[event.place].text}")
    if event.statement is not None:
        facts.append(f"reported in [{event.statement}]")
    detail = Text("    ")
    detail.append(event.trigger.text, style="yellow")
    detail.append(f" {_span_label(event.trigger.spans)}  ", style="dim")
    detail.append(" · ".join(facts))
    console.print(detail)


def failure_line(failure: Failure) -> str:
    """One line naming the item once and the reason (which carries its error code).

    A reason may start with the source itself (the failures table stores it so) and may hold
    line breaks (an exception's message): both would break the one-line contract."""
    reason = failure.reason.removeprefix(f"{failure.source}: ")
    return " ".join(f"{failure.status}: {failure.source}: {reason}".split())


# What a person reads in a terminal table, per query table: who, the cue, how firmly, what and
# when. Offsets, span lists and ids of linked rows are for programs: --format json has them all.
TABLE_COLUMNS = {
    "articles": ("id", "published", "outlet", "title", "source"),
    "statements": (
        "article_id", "index", "speaker_name", "cue_text", "stance", "certainty", "content_text", "time_value",
    ),
    "events": (
        "article_id", "index", "type", "mode", "source_name", "target_name", "trigger_text", "certainty",
        "time_value",
    ),
    "mentions": ("article_id", "actor_id", "text", "start", "end"),
    "times": ("article_id", "text", "type", "value", "anchor"),
    "places": ("article_id", "text", "role", "name", "country", "feature", "geonameid"),
}
_PROSE_COLUMNS = frozenset({"content_text", "title", "text", "trigger_text", "speaker_name", "source"})


def render_rows(console: Console, rows: list[dict[str, Any]], title: str) -> None:
    """Query results as a table of the columns a person reads (``TABLE_COLUMNS``; long text
    clipped); ``--format json`` gives every column."""
    if not rows:
        console.print(Text(f"No {title} match.", style="dim"))
        return
    table = Table(title=Text(f"{title} ({len(rows)})"), caption="every column: --format json", expand=True)
    wanted = TABLE_COLUMNS.get(title)
    columns = [key for key in rows[0] if key not in ("text", "boilerplate")] if wanted is None else [
        key for key in wanted if key in rows[0]
    ]
    for column in columns:
        # the prose columns take the width; labels and numbers keep theirs; an id may fold
        # onto a second line but is never cut (it is what a user copies into --article)
        prose = column in _PROSE_COLUMNS
        table.add_column(
            column, overflow="fold", ratio=1 if prose else None, no_wrap=not (prose or column.endswith("id"))
        )
    for row in rows:
        table.add_row(*_plain(*(_clip(_cell(row.get(column)), 120) for column in columns)))
    console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def rows_jsonl(rows: Iterable[dict[str, Any]]) -> Iterable[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False, default=str)


def render_report(console: Console, report: EvalReport) -> None:
    """An evaluation report as a table, then its notes."""
    table = Table(title=f"{report.task} on {report.dataset}")
    if report.rows:
        for column in report.rows[0]:
            table.add_column(str(column), justify="right" if column != report_key(report) else "left")
        for row in report.rows:
            table.add_row(*_plain(*(_cell(row.get(column)) for column in report.rows[0])))
        console.print(table)
    for key, value in report.summary.items():
        console.print(Text(f"{key}: {value}"))
    for note in report.notes:
        console.print(Text(note, style="dim"))


def report_key(report: EvalReport) -> str:
    """The first column of a report's table (its row label)."""
    return next(iter(report.rows[0])) if report.rows else ""
