"""Turn extracted text and metadata into an Article, or an item error into a Failure.

Owns: the checks every article passes whatever its format (empty text, the character limit,
language), the publication-date rule (metadata, else ``--published``, else a crawl date), the
plain-text headline rule, boilerplate marking, and the one shape of a failure reason
(``"<item>: [Ennn] cause"``, one line). Must not: read files or parse formats.
"""

from __future__ import annotations

import re

from communique.dateline import opens_with_dateline
from communique.errors import Code, CommuniqueError, ItemError, SkippedItem
from communique.ingest.boilerplate import boilerplate_spans, is_boilerplate_line
from communique.ingest.decode import normalise_text
from communique.ingest.language import identify_language
from communique.model import Article, ArticleWarning, Failure
from communique.settings import Settings

# A headline is short: the longest PolNeAR headline has 22 words, the reference article's 20.
_HEADLINE_MAX_CHARS = 200
_HEADLINE_MAX_WORDS = 30
# A first line that ends in a full stop is still a headline when it stands alone as a
# paragraph and is short (PolNeAR's headlines end with "."), but not when it is a lead sentence.
_HEADLINE_MAX_WORDS_WITH_PERIOD = 22
# A sentence-case headline with a full stop is shorter still (PolNeAR: 92% have at most 16 words).
_HEADLINE_ESE_MAX_WORDS = 16
# Words a lead sentence opens with, and words it carries that headlines leave out (headlines
# drop articles, auxiliaries and the copula, and report in the present tense).
_LEAD_OPENERS = frozenset("a an the he she it they this that these those then but and now so maybe well there".split())
_LEAD_WORDS = frozenset(
    "is are was were be been being has have had did would said told according "
    "i we you my our your me us mr mrs ms it's he's that's there's isn't hasn't wasn't "
    "monday tuesday wednesday thursday friday saturday sunday yesterday today".split()
)
_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«(["
# Share of longer words (four letters or more, after the first) capitalised in a Title Case line.
_TITLE_CASE_SHARE = 0.8
# "word. Word": a sentence break inside the line (abbreviations like "N.Y." have no space).
_SENTENCE_BREAK = re.compile(r"[a-z\d]{2,}[.!?][\"'”’]?\s+[\"'“‘]?[A-Z]")


def detect_headline(text: str) -> str | None:
    """The first line of a plain-text article when it looks like a headline, else None.

    A headline is the first non-blank line, followed by more text, short (at most 200
    characters and 30 words, two words at least), not boilerplate, not a dateline, and not a
    lead-in ending with ``:`` or ``,``. If it ends with a full stop it must also be a single
    sentence of at most 22 words standing as its own paragraph (a blank line follows).
    """
    stripped = text.lstrip()
    first, newline, rest = stripped.partition("\n")
    first = first.strip()
    if not newline or not rest.strip() or not first:
        return None
    words = first.split()
    if not 2 <= len(words) <= _HEADLINE_MAX_WORDS or len(first) > _HEADLINE_MAX_CHARS:
        return None
    if is_boilerplate_line(first) or opens_with_dateline(first):  # a lead's, never a headline
        return None
    headline = first.rstrip(";").rstrip()  # USA Today style "Headline; " before a subhead
    last = headline.rstrip(_CLOSERS)[-1:]
    if last in (":", ",", ""):
        return None
    if last == "." and not _headline_despite_period(headline, rest):
        return None
    if _SENTENCE_BREAK.search(headline) and not _title_case(headline):
        return None  # two sentences in sentence case: a lead paragraph
    return headline


def _headline_despite_period(line: str, rest: str) -> bool:
    """Some outlets end headlines with a full stop (PolNeAR's texts all do). Such a line is
    still taken as a headline when it cannot be a lead sentence: it stands alone as a
    paragraph, is one short sentence, and either is set in Title Case (which body text never
    is), or is followed by a dateline (the story starts there: UPI, AP "The Latest: ..."), or
    reads as headline-ese in sentence case (Politico, USA Today)."""
    words = line.split()
    if rest.split("\n", 1)[0].strip() or len(words) > _HEADLINE_MAX_WORDS_WITH_PERIOD:
        return False
    if _SENTENCE_BREAK.search(line) is not None:
        return False
    return _title_case(line) or opens_with_dateline(rest.lstrip()) or _headline_ese(words)


def _headline_ese(words: list[str]) -> bool:
    """True for a sentence-case line written the way headlines are ("Former DNC chairman calls
    for Clinton contingency plan."): at most 16 words, no article or pronoun to open it, and none
    of the auxiliaries, past-tense reporting verbs, first or second persons and weekdays that a
    lead sentence carries ("Ben Carson appears to be slipping.", "David Axelrod on Wednesday
    called on ..."). On PolNeAR's 373 such headlines it accepts 310; it refuses 192 of the
    272 one-sentence paragraphs that follow them (the rest are mostly subheads)."""
    if not 3 <= len(words) <= _HEADLINE_ESE_MAX_WORDS:  # "7:45 p.m." heads an AP live-blog entry
        return False
    plain = [word.strip(_OPENERS + _CLOSERS + ".,;:?!").lower().replace("\u2019", "'") for word in words]
    if plain[0] in _LEAD_OPENERS and not " ".join(words[:2]) == "The Latest:":
        return False
    return not _LEAD_WORDS.intersection(plain)


def _title_case(line: str) -> bool:
    """True when nearly every longer word after the first is capitalised ("Trump Makes
    Campaign Announcement For Speech"); a sentence full of names still has lowercase verbs."""
    words = (word.strip(_OPENERS + _CLOSERS + ".,;:?!") for word in line.split()[1:])
    content_words = [word for word in words if len(word) >= 4]
    if len(content_words) < 2:
        return False
    capitalised = sum(1 for word in content_words if word[:1].isupper())
    return capitalised / len(content_words) >= _TITLE_CASE_SHARE


def build_article(
    text: str,
    *,
    source: str,
    settings: Settings,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    crawl_date: str | None = None,
    find_headline: bool = False,
    warnings: list[ArticleWarning] | None = None,
) -> Article:
    """Make the Article for one item's extracted ``text`` and metadata.

    ``published`` is a validated date from the item's own metadata; without it the run's
    ``settings.published`` applies, and only then ``crawl_date`` (a WARC-Date). ``warnings``
    (an unreadable metadata date, little main text) go on the article. Raises E012
    (no text), E016 (too long) or SkippedItem E013 (not a configured language).
    """
    text = normalise_text(text)
    if not text.strip():
        raise ItemError(Code.E012)
    if len(text) > settings.max_chars:
        raise ItemError(Code.E016, size=len(text), limit=settings.max_chars)
    boilerplate = boilerplate_spans(text)
    language, in_scope = identify_language(_without(text, boilerplate), settings.languages)
    if not in_scope:
        raise SkippedItem(Code.E013, language=language)
    if published:
        basis: str | None = "metadata"
    elif settings.published:
        published, basis = settings.published, "option"
    elif crawl_date:
        published, basis = crawl_date, "warc-date"
    else:
        basis = None
    if title is None and find_headline:
        title = detect_headline(text)
    return Article(
        text=text,
        title=_clean(title),
        url=_clean(url),
        outlet=_clean(outlet),
        published=published,
        published_basis=basis,
        language=language,
        source=source,
        boilerplate=boilerplate,
        warnings=list(warnings or ()),
    )


def to_failure(source: str, error: CommuniqueError) -> Failure:
    """The recorded form of an item error: skipped for out-of-scope items, else failed. The
    reason is one line and does not name the source again (the failure carries it, and the CLI
    line and the failures row show it once)."""
    status = "skipped" if isinstance(error, SkippedItem) else "failed"
    reason = " ".join(error.reason.split())
    return Failure(source=source, reason=reason, code=error.code.name, status=status)


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the boilerplate lines left out (captions are often in another language)."""
    if not spans:
        return text
    pieces, cursor = [], 0
    for start, end in spans:
        pieces.append(text[cursor:start])
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _clean(value: str | None) -> str | None:
    """Metadata strings on one line and trimmed; empty means absent."""
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None
