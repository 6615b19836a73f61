"""HTML pages to articles: main text, title, date, site name and URL via trafilatura.

Owns: decoding a page's bytes (UTF-8, else the charset it or its HTTP header declares), asking
trafilatura for the main text and metadata, turning "no main text" into E009 and "very little
main text" (a caption or a stub) into warning W006. Used for
``.html`` files and for the HTML responses inside WARC files. Must not: read files or WARC
records itself, or keep navigation, comments and other page furniture trafilatura leaves out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from communique.errors import Code, ItemError
from communique.ingest.article import build_article
from communique.ingest.decode import decode_text, known_charset
from communique.ingest.published import read_published
from communique.model import Article, ArticleWarning
from communique.settings import Settings

# Below this many characters of main text a page is a caption, a teaser or a paywall stub
# (the shortest wire briefs run to a few hundred): kept, but with a warning (W006) so that
# "no statements" is not read as "nobody said anything".
LITTLE_TEXT_CHARS = 200

# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)


@dataclass
class Page:
    """What trafilatura found in one page; ``published`` is ISO ``YYYY-MM-DD`` or None, and
    ``warnings`` says what was odd (an unreadable date, little main text)."""

    text: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    warnings: list[ArticleWarning]


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like an HTML document (for files without an .html suffix)."""
    return _HTML_START.match(text[:2048]) is not None


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode a page: UTF-8 first, else the charset of the HTTP header or the page's own
    ``<meta>`` (pages in windows-1251 or latin-1 still exist). Raises E003/E004."""
    declared = None
    if content_type:
        found = _HEADER_CHARSET.search(content_type)
        declared = found.group(1) if found else None
    if declared is None:
        found_meta = _META_CHARSET.search(data[:4096])
        declared = found_meta.group(1).decode("ascii", "replace") if found_meta else None
    return decode_text(data, charset=known_charset(declared))


def extract_page(html: str, url: str | None = None) -> Page:
    """Main text and metadata of a page. ``url`` (a WARC target URI) is used when the page
    names no canonical URL. Raises E009 when trafilatura finds no main text."""
    import trafilatura  # imported here: it takes half a second and plain-text runs never need it

    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,  # reader comments are not the article
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise ItemError(Code.E009)
    # trafilatura's date is ISO by default, but a custom format is possible: read it like metadata
    published = read_published(getattr(document, "date", None))
    warnings = [published.warning] if published.warning else []
    size = len(text.strip())
    if size < LITTLE_TEXT_CHARS:
        warnings.append(ArticleWarning(code=Code.W006.name, reason=Code.W006.format(size=size)))
    return Page(
        text=text,
        title=getattr(document, "title", None),
        url=getattr(document, "url", None) or url,
        outlet=getattr(document, "sitename", None),
        published=published.date,
        warnings=warnings,
    )


def html_article(
    data: bytes,
    *,
    source: str,
    settings: Settings,
    content_type: str | None = None,
    url: str | None = None,
    crawl_date: str | None = None,
) -> Article:
    """The Article of one HTML page's bytes (a file, or a WARC response with its URL and date)."""
    page = extract_page(decode_html(data, content_type), url=url)
    return build_article(
        page.text,
        source=source,
        settings=settings,
        title=page.title,
        url=page.url,
        outlet=page.outlet,
        published=page.published,
        crawl_date=crawl_date,
        warnings=page.warnings,
    )
