"""The role vocabulary: how news names an office, and how an office label becomes a role.

Owns: ``roles.tsv`` (canonical role -> surface forms such as ``foreign secretary`` or
``secretary of state`` for ``foreign minister``), ``institutions.tsv`` (the office an
institution's "chief" holds: the Pentagon's is the US defence minister), the qualifiers that make a role phrase
historical (``former``, ``then-``) and :func:`normalise_role_label` for imported office labels
(``Minister of Foreign Affairs of Ukraine`` -> ``foreign minister``, ``Ukraine``).
``person_nouns.tsv`` is the one lexicon of the nouns a descriptor is built on (a person's role,
an organisation, a document) and of the sector a person so described works in (``lawmaker`` ->
legislature). Must not: read role phrases or decide who holds a role (``role_phrases`` and ``kb`` do) or read
spaCy documents (``mentions`` does).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from communique.extract.entities.kb_io import data_text

# Words before a role that say it is not the holder on the article's date.
HISTORICAL = frozenset({"former", "ex", "then", "late", "previous", "past", "onetime", "one-time"})
# Words before a role that can be skipped when looking for its scope.
SKIPPABLE = frozenset({
    "the", "a", "an", "current", "incumbent", "acting", "new", "outgoing", "incoming", "-",
    "interim", "powerful", "embattled", "veteran", "longtime", "long-time", "de", "facto",
    "self", "proclaimed", "self-proclaimed", "then-", "ex-",
})
# Role words that say nothing without a scope ("the head" of what?).
NEEDS_SCOPE = frozenset({"head", "chief", "boss", "speaker", "spokesman", "spokeswoman",
                         "spokesperson", "press secretary", "king", "queen", "director general",
                         "director-general", "secretary-general", "secretary general"})

# Ranks, offices and honorifics written before a person's name and not part of it ("Colonel
# Ivan Petrenko", "Prime Minister Keir Starmer", "Sen. Ted Cruz"), lower case without a period.
# Monarchs' and clerics' titles are left out: "King Charles" and "Pope Francis" are the names.
NAME_TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor",
    "president", "vice", "prime", "minister", "secretary", "chancellor", "premier", "deputy",
    "sen", "senator", "rep", "representative", "congressman", "congresswoman", "del", "delegate",
    "gov", "governor", "mayor", "speaker", "ambassador", "judge", "justice", "chief",
    "gen", "general", "lt", "lieutenant", "col", "colonel", "maj", "major", "capt", "captain",
    "sgt", "sergeant", "cpl", "corporal", "adm", "admiral", "brig", "brigadier", "cmdr",
    "commander", "marshal", "rev", "reverend", "rabbi", "imam",
    # honorifics of address, never part of the name ("Sheikh Mohammed bin Abdulrahman Al Thani")
    "sheikh", "sheik", "ayatollah", "sir", "dame",
})

@lru_cache(maxsize=1)
def role_forms() -> dict[str, str]:
    """Lowercase surface form -> canonical role, from ``roles.tsv``."""
    forms: dict[str, str] = {}
    for row in csv.DictReader(data_text("roles.tsv").splitlines(), delimiter="\t"):
        for form in row["forms"].split("|"):
            # The first row naming a form wins: "monarch" is king before queen.
            forms.setdefault(form.strip().lower(), row["role"])
    return forms


@lru_cache(maxsize=1)
def _person_noun_rows() -> list[dict[str, str]]:
    lines = [line for line in data_text("person_nouns.tsv").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=1)
def person_nouns() -> dict[str, frozenset[str]]:
    """Kind (``person``, ``body``, ``named_body``, ``document``) -> the nouns of that kind, from
    ``person_nouns.tsv``: the one lexicon of what a descriptor's head noun refers to."""
    kinds: dict[str, set[str]] = {}
    for row in _person_noun_rows():
        if row["kind"]:
            kinds.setdefault(row["kind"], set()).add(row["noun"])
    return {kind: frozenset(nouns) for kind, nouns in kinds.items()}


@lru_cache(maxsize=1)
def descriptor_sectors() -> dict[str, str]:
    """Descriptor noun -> the PLOVER sector of a person outside the knowledge base so described
    (``lawmaker`` -> ``LEG``), from the same ``person_nouns.tsv``."""
    return {row["noun"]: row["sector"] for row in _person_noun_rows() if row["sector"]}


@lru_cache(maxsize=1)
def longest_form() -> int:
    """The most words a surface form has (bounds the scan in the linker)."""
    return max(len(form.split()) for form in role_forms())


@lru_cache(maxsize=1)
def institutions() -> dict[str, tuple[str, str]]:
    """Lowercase institution name -> (role, country) of the office it is named for
    (``institutions.tsv``: "the Pentagon chief" is the US defence minister)."""
    lines = [line for line in data_text("institutions.tsv").splitlines() if not line.startswith("#")]
    return {row["alias"].lower(): (row["role"], row["country"]) for row in csv.DictReader(lines, delimiter="\t")}


def institution_role(phrase: str) -> tuple[str, str] | None:
    """(role, country) when ``phrase`` names an institution whose head is one office."""
    words = phrase.strip().lower().replace("\u2019", "'")
    words = re.sub(r"^(the|a)\s+|\s*'s$", "", words)
    return institutions().get(re.sub(r"\s+", " ", words))


def normalise_role_label(label: str) -> tuple[str, str | None]:
    """An imported office label -> (canonical role, scope name or None).

    ``President of Belarus`` -> (``president``, ``Belarus``); ``Minister of Foreign Affairs``
    -> (``foreign minister``, None); an unknown label is kept, lowercased, as its own role.
    """
    text = re.sub(r"\s*\(.*?\)", "", label).strip()
    lowered = text.lower()
    forms = role_forms()
    for form in sorted(forms, key=len, reverse=True):
        if lowered == form:
            return forms[form], None
        for joiner in (" of the ", " of ", " for "):
            if lowered.startswith(form + joiner):
                return forms[form], text[len(form) + len(joiner):].strip() or None
    return lowered, None
