"""Publication dates from metadata, in the shapes news metadata arrives in.

Owns: reading a metadata ``published`` value (ISO ``2016-11-24`` or ``2016-11-24T10:00:00Z``,
RFC 2822 ``Thu, 24 Nov 2016 10:00:00 GMT``, written ``24 November 2016`` / ``Nov. 24, 2016``,
``11/24/2016`` read month first) into an ISO date, and saying why when it cannot: a value
without a year (``Wed Nov 23``), without a day (``November 2016``), without a date at all
(``7:58 AM ET``) or unreadable keeps its article with the date unresolved and a warning, never
a guessed date. The date is the one written (no conversion to UTC: the publisher's calendar day).
Must not: fall back to other dates (``article.build_article`` and the time stage do that).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser
from dateutil.parser import UnknownTimezoneWarning

from communique.errors import Code, UsageError
from communique.model import ArticleWarning

# Two defaults that differ in every field: a field the value does not write comes out different.
_DEFAULTS = (datetime(1, 1, 1), datetime(2, 2, 2))


@dataclass(frozen=True)
class Published:
    """A metadata date read: ``date`` ISO ``YYYY-MM-DD`` or None; ``warning`` says why it is None
    when a value was given (None and "" mean "not given": no date, no warning)."""

    date: str | None = None
    warning: ArticleWarning | None = None


def read_published(value: object) -> Published:
    """The ISO date of a metadata ``published`` value, or the warning that leaves it unresolved."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Published()
    if isinstance(value, (date, datetime)):
        return Published(_day(value))
    if not isinstance(value, str):
        return _unresolved(Code.W004, value)
    candidate = " ".join(value.split())
    found, missing = _parse(candidate)
    if found is not None:
        return Published(found)
    code = {"year": Code.W001, "day": Code.W002, "date": Code.W003}.get(missing or "", Code.W004)
    return _unresolved(code, candidate)


def published_option(value: str) -> str:
    """The ISO date of a ``--published`` value (same formats as metadata); a run-wide date must be
    complete, so a value without a year, day or date is a usage error (E030, E014 unreadable)."""
    found, missing = _parse(" ".join(value.split()))
    if found is not None:
        return found
    if missing:
        raise UsageError(Code.E030, value=value, missing=missing)
    raise UsageError(Code.E014, value=value)


def _parse(value: str) -> tuple[str | None, str | None]:
    """``(ISO date, None)``, or ``(None, what is missing)``: "year", "day", "date", or None when
    the value is no date at all."""
    for strict in (date.fromisoformat, datetime.fromisoformat, parsedate_to_datetime):
        try:
            return _day(strict(value)), None
        except (ValueError, TypeError, IndexError):
            pass
    try:
        with warnings.catch_warnings():
            # "ET", "EDT": a zone dateutil cannot place; only the calendar day is kept anyway
            warnings.simplefilter("ignore", UnknownTimezoneWarning)
            first, second = (dateutil_parser.parse(value, default=default) for default in _DEFAULTS)
    except (ValueError, OverflowError):
        return None, None
    if first.year != second.year:
        return None, "date" if first.month != second.month and first.day != second.day else "year"
    if first.day != second.day:
        return None, "day"
    return first.date().isoformat(), None


def _day(value: date | datetime) -> str:
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def _unresolved(code: Code, value: object) -> Published:
    return Published(None, ArticleWarning(code=code.name, reason=code.format(value=value)))
