"""The actor knowledge base: loaded once per process, indexed by name, role and country.

Owns: :class:`KnowledgeBase` (lookup by alias, by role held on a date, by capital or
demonym; search and explain for the ``communique kb`` commands), :func:`load_kb` (the shipped
data plus users' files, cached per process) and :func:`resolve_name`, the helper other
extractors use to turn a speaker name into an actor. Must not: read spaCy documents (the
linker does), read role descriptors itself (``role_phrases`` does, for the linker too) or print.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from communique.errors import Code, UsageError
from communique.extract.entities.entries import COUNTRY, PERSON, Entry, fold
from communique.extract.entities.kb_io import import_entries, read_actor_file, read_shipped
from communique.extract.entities.role_phrases import resolve_role_phrase
from communique.model import Actor

# When several people hold matching roles, the more senior office is preferred.
_SECTOR_ORDER = {"GOV": 0, "IGO": 1, "MIL": 2}
_TOP_OFFICES = ("secretary-general", "director general", "president", "political leader", "leader",
                "chair", "managing director", "commissioner-general", "high commissioner")


def name_key(text: str) -> str:
    """Index key of a name: folded, spaces collapsed, a leading "the" dropped."""
    key = " ".join(fold(text).replace("\u2019", "'").split())
    return key[4:] if key.startswith("the ") else key


class KnowledgeBase:
    """Actors by id with the indexes linking needs. Build with :func:`load_kb`."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: dict[str, Entry] = {}
        self.by_alias: dict[str, list[str]] = defaultdict(list)
        self.capitals: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        self.country_names: dict[str, str] = {}
        self.holders: dict[tuple[str, str | None], list[str]] = defaultdict(list)
        self.add(entries)

    # ---- building -------------------------------------------------------------------------
    def add(self, entries: Iterable[Entry]) -> None:
        """Add entries; an entry whose id is already known replaces the old one (users' files
        override the shipped data)."""
        for entry in entries:
            if entry.id in self.entries:
                self._forget(self.entries[entry.id])
            self.entries[entry.id] = entry
            for name in self.names_of(entry):
                ids = self.by_alias[name_key(name)]
                if entry.id not in ids:
                    ids.append(entry.id)
            if entry.type == COUNTRY:
                for name in (entry.name, *entry.aliases):
                    self.country_names.setdefault(name_key(name), entry.id)
                for demonym in entry.demonyms:
                    self.demonyms.setdefault(name_key(demonym), entry.id)
                for capital in entry.capitals:
                    self.capitals.setdefault(capital, entry.id)
            for spell in entry.roles:
                self.holders[(spell.role, spell.scope)].append(entry.id)

    def _forget(self, entry: Entry) -> None:
        for name in self.names_of(entry):
            ids = self.by_alias.get(name_key(name), [])
            if entry.id in ids:
                ids.remove(entry.id)
        for spell in entry.roles:
            ids = self.holders.get((spell.role, spell.scope), [])
            if entry.id in ids:
                ids.remove(entry.id)

    @staticmethod
    def names_of(entry: Entry) -> list[str]:
        """The entry's name and aliases, with dotted forms of acronyms (WTO -> W.T.O.)."""
        names = [entry.name, *entry.aliases]
        return names + [".".join(n) + "." for n in names if n.isupper() and n.isalpha() and 2 < len(n) <= 6]

    # ---- lookup -----------------------------------------------------------------------------
    def get(self, actor_id: str) -> Entry | None:
        """The entry with this id, or None."""
        return self.entries.get(actor_id)

    def find(self, name: str) -> list[Entry]:
        """Entries whose name or alias is ``name`` (case- and accent-insensitive)."""
        return [self.entries[i] for i in self.by_alias.get(name_key(name), [])]

    def country_of(self, word: str) -> str | None:
        """ISO alpha-3 code for a country name, alias or demonym (``Belarusian`` -> ``BLR``)."""
        key = name_key(word)
        return self.country_names.get(key) or self.demonyms.get(key)

    def scope_of(self, words: str) -> str | None:
        """The scope a phrase names: a country code, or the id of an organisation (``NATO``)."""
        country = self.country_of(words)
        if country:
            return country
        for entry in self.find(words):
            if entry.type not in (PERSON, COUNTRY):
                return entry.country if entry.id.startswith(("GOV-", "MIL-")) else entry.id
        return None

    def holder(self, role: str, scope: str | None, date: str | None) -> Entry | None:
        """Who held ``role`` in ``scope`` on ``date`` (None: the current holder).

        ``leader`` means the country's leading office (``countries.tsv``); ``head`` the top
        office of an organisation. When spells overlap the latest-starting one wins.
        """
        country = self.entries.get(scope or "")
        if role in ("leader", "head") and country is not None and country.type == COUNTRY:
            role = country.leader_role or "president"
        elif role == "leader":
            role = "head"  # "the Hamas leader": the top office of an organisation
        candidates: list[tuple[bool, str, int, str]] = []
        keys = [(r, s) for (r, s) in self.holders if s == scope] if role == "head" else [(role, scope)]
        for key in keys:
            # For "head", an office named like a top office beats a deputy or a spokesman.
            top = role != "head" or any(word in key[0] for word in _TOP_OFFICES)
            for actor_id in self.holders.get(key, []):
                entry = self.entries[actor_id]
                for spell in entry.roles:
                    if (spell.role, spell.scope) == key and spell.covers(date):
                        rank = _SECTOR_ORDER.get(entry.sector or "", 3)
                        candidates.append((top, spell.start or "", -rank, actor_id))
        if not candidates:
            return None
        return self.entries[max(candidates)[3]]

    def roles_held(self, entry: Entry, date: str | None, any_time: bool = False) -> set[tuple[str, str | None]]:
        """(role, scope) pairs ``entry`` held on ``date`` (with ``any_time``, ever), including
        the derived ``leader``."""
        spells = entry.roles if any_time else entry.roles_on(date)
        held = {(s.role, s.scope) for s in spells}
        for role, scope in list(held):
            country = self.entries.get(scope or "")
            if country is not None and country.leader_role == role:
                held.add(("leader", scope))
        return held

    # ---- the kb commands ------------------------------------------------------------------
    def search(self, query: str, limit: int = 20) -> list[Entry]:
        """Entries whose id, name or an alias contains ``query`` (exact names first).

        A capital or a demonym finds its country's government and the country (``Kiev``,
        ``Ukrainian``): the linker reads the same tables (``capitals``, ``demonyms``) when it
        links ``Kiev said`` to the government of Ukraine, so search finds what analysis links.
        """
        needle = name_key(query)
        exact = [e for e in self.find(query)]
        for country in self._countries_named_by(needle, exact_only=True):
            exact.extend(self._country_and_government(country))
        exact = list({e.id: e for e in exact}.values())
        seen = {e.id for e in exact}
        partial = []
        for entry in self.entries.values():
            if entry.id in seen:
                continue
            if needle == fold(entry.id) or any(needle in name_key(n) for n in self.names_of(entry)):
                partial.append(entry)
        partial.sort(key=lambda e: (e.type != PERSON, len(e.name), e.name))
        for country in self._countries_named_by(needle, exact_only=False):
            partial.extend(e for e in self._country_and_government(country) if e not in partial and e.id not in seen)
        return (exact + partial)[:limit]

    def _countries_named_by(self, needle: str, exact_only: bool) -> list[str]:
        """Country codes whose capital or demonym is (or, unless ``exact_only``, contains)
        ``needle``, a folded :func:`name_key`."""
        names = [(name_key(capital), code) for capital, code in self.capitals.items()]
        names += list(self.demonyms.items())
        return list(dict.fromkeys(
            code for key, code in names if (key == needle if exact_only else needle in key)
        ))

    def _country_and_government(self, country: str) -> list[Entry]:
        """The government a capital stands for when it acts, then the country itself."""
        return [e for e in (self.entries.get(f"GOV-{country}"), self.entries.get(country)) if e is not None]

    def explain(self, id_or_name: str, date: str | None = None) -> Entry:
        """The entry with this id, name or role descriptor (``the Belarusian president`` on
        ``date``, default today's holders); raises E604 when there is none."""
        entry = self.entries.get(id_or_name) or self.entries.get(id_or_name.upper())
        if entry is None:
            found = self.find(id_or_name)
            entry = found[0] if found else None
        if entry is None:
            entry = resolve_role_phrase(id_or_name, self, date)
        if entry is None:
            raise UsageError(Code.E604, value=id_or_name)
        return entry

    def country_codes(self) -> dict[str, str]:
        """Country QIDs and lowercase names -> ISO alpha-3 (for imports)."""
        codes: dict[str, str] = {}
        for entry in self.entries.values():
            if entry.type == COUNTRY:
                if entry.wikidata:
                    codes[entry.wikidata] = entry.id
                for name in self.names_of(entry):
                    codes[name.casefold()] = entry.id
        return codes

    def import_file(self, path: Path, fmt: str) -> list[Entry]:
        """Entries from a Wikidata JSON or CSV export (see :func:`kb_io.import_entries`)."""
        return import_entries(path, fmt, self.country_codes())


@lru_cache(maxsize=8)
def load_kb(extra_files: tuple[Path, ...] = ()) -> KnowledgeBase:
    """The shipped knowledge base plus users' actor files; one object per process and files."""
    kb = KnowledgeBase(read_shipped())
    for path in extra_files:
        kb.add(read_actor_file(Path(path)))
    return kb


def resolve_name(
    text: str,
    published: str | None = None,
    kb: KnowledgeBase | None = None,
    as_speaker: bool = True,
) -> Actor | None:
    """The knowledge-base actor a name or descriptor denotes, or None.

    ``Lukashenka`` -> Alexander Lukashenko; ``the US president`` on 2016-05-01 -> Barack Obama;
    with ``as_speaker`` a capital or country (``Moscow``, ``Russia``) is its government, as it
    is when it speaks. An alias shared by several actors resolves only when exactly one of them
    held an office on ``published``. Article context (``Johnson`` after ``Boris Johnson``) is
    the linker's job, not this function's.
    """
    kb = kb or load_kb()
    words = text.replace("\u2019", "'").replace("'s", " 's").split()
    if not words:
        return None
    stripped = " ".join(words)
    if as_speaker:
        country = kb.capitals.get(stripped) or kb.country_names.get(name_key(stripped))
        if country and f"GOV-{country}" in kb.entries:
            return kb.entries[f"GOV-{country}"].to_actor()
    found = kb.find(stripped)
    if not found and "'s" in words[:-1]:
        # "Yemen's Houthis": the name after its possessor (a role after one is a role phrase:
        # "Qatar's prime minister", below); a country as possessor must be the entry's own
        # ("New Zealand's Labour Party" is not Britain's)
        cut = words.index("'s")
        owner = kb.country_names.get(name_key(" ".join(words[:cut])))
        found = [
            e for e in kb.find(" ".join(words[cut + 1 :]))
            if e.type != PERSON and (owner is None or e.country in (None, "", owner))
        ]
        if not found and owner is not None:
            body = _state_body(owner, words[cut + 1 :], kb)
            found = [body] if body is not None else []
    if len(found) > 1:
        active = [e for e in found if e.roles_on(published)]
        found = active if len(active) == 1 else found[:0]
    if len(found) == 1:
        return found[0].to_actor()
    holder = resolve_role_phrase(text, kb, published)
    return holder.to_actor() if holder else None


# "Russia's defence ministry", "Ukraine's air force": the country's military; "China's foreign
# ministry", "Iran's government": the country's government (PLOVER and CAMEO code a ministry as
# its government, a defence ministry and the armed services as the military)
_MILITARY_WORDS = frozenset({"defence", "defense", "army", "military", "navy", "forces", "force", "troops"})
_GOVERNMENT_WORDS = frozenset(
    {"ministry", "government", "cabinet", "presidency", "embassy", "administration", "office", "spokesman", "spokeswoman"}
)


def _state_body(country: str, words: list[str], kb: KnowledgeBase) -> Entry | None:
    """The government or military a body of ``country`` named by ``words`` belongs to."""
    lowered = {w.lower() for w in words}
    if lowered & _MILITARY_WORDS:
        return kb.entries.get(f"MIL-{country}")
    if lowered & _GOVERNMENT_WORDS:
        return kb.entries.get(f"GOV-{country}")
    return None


# ---- the API behind ``communique kb`` -------------------------------------------------------
def list_entries(kb: KnowledgeBase, type_: str | None = None, country: str | None = None) -> list[Entry]:
    """Entries of one type and/or country (ISO alpha-3), people first, then by name."""
    entries = [
        e for e in kb.entries.values()
        if (type_ is None or e.type == type_) and (country is None or e.country == country.upper())
    ]
    return sorted(entries, key=lambda e: (e.type != PERSON, e.type, e.name))


def entry_rows(entries: Iterable[Entry], alias_limit: int | None = 4) -> list[dict[str, object]]:
    """One row per entry: id, name, type, country, sector, Wikidata id and the aliases joined
    with ``|`` as in an actor file; a table shows the first ``alias_limit`` of them, JSON
    (``alias_limit=None``) all."""
    def aliases(entry: Entry) -> str:
        if alias_limit is None or len(entry.aliases) <= alias_limit:
            return "|".join(entry.aliases)
        return "|".join(entry.aliases[:alias_limit]) + "|..."

    return [
        {"id": e.id, "name": e.name, "type": e.type, "country": e.country or "",
         "sector": e.sector or "", "wikidata": e.wikidata or "", "aliases": aliases(e)}
        for e in entries
    ]


def explain_rows(kb: KnowledgeBase, entry: Entry, date: str | None = None) -> list[dict[str, object]]:
    """Field/value rows describing ``entry``; with ``date``, also the roles held that day."""
    rows: list[dict[str, object]] = [{"field": k, "value": v} for k, v in entry.to_dict().items()
                                     if v not in (None, [], "")]
    if entry.type == COUNTRY:
        rows.append({"field": "government", "value": f"GOV-{entry.id}"})
        rows.append({"field": "military", "value": f"MIL-{entry.id}"})
        if entry.leader_role:
            leader = kb.holder("leader", entry.id, date)
            rows.append({"field": "leader", "value": f"{leader.name} ({leader.id})" if leader else entry.leader_role})
    if date and entry.roles:
        held = sorted(f"{r}@{s}" for r, s in kb.roles_held(entry, date))
        rows.append({"field": f"roles on {date}", "value": held})
    return rows


def import_actor_file(path: Path, fmt: str, out: Path) -> int:
    """Convert a Wikidata JSON or CSV export into an actor TSV file; returns the entry count."""
    from communique.extract.entities.kb_io import write_entries

    return write_entries(load_kb().import_file(Path(path), fmt), Path(out))
