"""Which people a gendered pronoun can refer to ("he" is not Hillary Clinton).

Owns: a person's gender as far as the article, the knowledge base and first names tell it: an
honorific before the name in the article (Mr. / Mrs. / Ms.) decides; then the gender on record
for a person of the knowledge base written with that name (``people.tsv``: "Mette Frederiksen",
"Volodymyr Zelenskyy"); otherwise the first name's share in the 1990 US census first-name lists
(shipped by the ``names`` package, MIT; the census data is a US government work), used only when
one gender holds at least 90% of it, and for a first name the census does not know, the
knowledge base's people of that first name when they all share one gender ("Annalena",
"Volodymyr": international politics is full of names no US census lists). Must not: guess: a
name missing from all of these, or shared by both genders, is unknown, and an unknown person
stays a candidate for any pronoun.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from communique.extract.entities.entries import PERSON
from communique.extract.entities.kb import load_kb

PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
# below this share of one gender a first name says nothing
_CLEAR = 0.9


@lru_cache(maxsize=1)
def _census() -> dict[str, tuple[float, float]]:
    """Upper-case first name -> (share of men, share of women) per 100 people of each."""
    shares: dict[str, list[float]] = {}
    for column, filename in ((0, "dist.male.first"), (1, "dist.female.first")):
        text = resources.files("names").joinpath(filename).read_text(encoding="utf-8")
        for line in text.splitlines():
            parts = line.split()
            if len(parts) >= 2:
                shares.setdefault(parts[0], [0.0, 0.0])[column] = float(parts[1])
    return {name: (male, female) for name, (male, female) in shares.items()}


def first_name_gender(first: str) -> str | None:
    """``"m"`` or ``"f"`` when the census lists ``first`` almost only for one gender."""
    male, female = _census().get(first.upper().strip("."), (0.0, 0.0))
    if male + female == 0:
        return None
    if male / (male + female) >= _CLEAR:
        return "m"
    if female / (male + female) >= _CLEAR:
        return "f"
    return None


def given_name_gender(first: str) -> str | None:
    """A first name's gender: the census lists first, then the knowledge base's people."""
    return first_name_gender(first) or kb_first_name_gender(first)


def known_gender(name: str) -> str | None:
    """The gender on record for a knowledge-base person written ``name`` (or an alias of one)."""
    return _kb_genders()[0].get(name.lower())


def kb_first_name_gender(first: str) -> str | None:
    """The gender every knowledge-base person with this first name shares, if they all do."""
    return _kb_genders()[1].get(first.lower())


@lru_cache(maxsize=1)
def _kb_genders() -> tuple[dict[str, str], dict[str, str]]:
    """(lower-case full name or alias -> gender, lower-case first name -> gender) from the
    shipped people (the knowledge base the actors stage loads too, parsed once per process); a
    name or first name given to people of both genders is left out."""
    by_name: dict[str, set[str]] = {}
    by_first: dict[str, set[str]] = {}
    for entry in load_kb().entries.values():
        if entry.type != PERSON or entry.gender is None:
            continue
        for written in (entry.name, *entry.aliases):
            by_name.setdefault(written.lower(), set()).add(entry.gender)
        words = entry.name.split()
        if len(words) > 1:
            by_first.setdefault(words[0].lower(), set()).add(entry.gender)
    return (
        {name: genders.pop() for name, genders in by_name.items() if len(genders) == 1},
        {first: genders.pop() for first, genders in by_first.items() if len(genders) == 1},
    )
