"""Which people a gendered pronoun can refer to ("he" is not Hillary Clinton).

Owns: a person's gender as far as the article and first names tell it: an honorific before
the name in the article (Mr. / Mrs. / Ms.) decides; otherwise the first name's share in the
1990 US census first-name lists (shipped by the ``names`` package, MIT; the census data is a US
government work), used only when one gender holds at least 90% of it. Must not: guess: a
name missing from the lists, or shared by both genders, is unknown, and an unknown person stays
a candidate for any pronoun.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f"}
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
