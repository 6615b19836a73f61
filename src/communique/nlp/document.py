"""Article -> spaCy Doc, with paragraph boundaries and the boilerplate mask.

Owns: making Docs whose text is exactly the article text, forcing a sentence start after every
line break (news paragraphs never share a sentence; a photo caption never runs into the next
paragraph) and the question "is this span boilerplate?". Must not: extract annotations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from communique.model import Article

_BOILERPLATE_KEY = "communique_boilerplate"


@Language.component(
    "paragraph_boundaries",
    assigns=["token.is_sent_start"],
)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence at the first token after any line break, and at the line break itself,
    and after a wire story's dateline (``CAIRO, March 3 (Reuters) -``)."""
    for start in _dateline_ends(_head_text(doc)):
        token = doc.char_span(start, start + 1, alignment_mode="expand")
        if token is not None and token.start > 0:
            doc[token.start].is_sent_start = True
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws and not previous.is_space:
            # "word\n" : the newline is trailing whitespace of the previous token
            token.is_sent_start = True
        elif previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
        elif token.is_space and "\n" in token.text:
            token.is_sent_start = True
    return doc


# A wire story's dateline: the place in capitals (``KYIV``, ``THE HAGUE``), maybe a region or
# country (``Ukraine``), a date (``March 3``), the agency (``(Reuters)``), then a spaced dash.
# Left in the lead sentence, the small parser takes the place for its subject and the lead for a
# conjunct of it, and every extractor reads a wrong tree. A date or an agency must be there, or
# an en or em dash: "NATO - the alliance ..." is no dateline.
_DATELINE = re.compile(
    r"(?:^|\n)[ \t]*[A-Z][A-Z.'\u2019-]+(?:[ \t]+[A-Z][A-Z.'\u2019-]+){0,3}"
    r"(?:,[ \t]*[A-Z][A-Za-z.]+(?:[ \t]+[A-Z][A-Za-z.]+){0,2})?"
    r"(?P<date>,?[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?)?"
    r"[ \t]*(?P<agency>\([A-Za-z][A-Za-z .&/-]{1,30}\))?"
    r"[ \t]*(?P<dash>--|[-\u2013\u2014\u2015])[ \t]+(?=\S)"
)
# a dateline opens the story's first paragraphs, after a headline and a byline at most
_DATELINE_HEAD_CHARS = 600


def _head_text(doc: Doc) -> str:
    """The document's text up to the first token that starts past the dateline search (Doc.text
    would join every token of a long article)."""
    end = next((t.i for t in doc if t.idx >= _DATELINE_HEAD_CHARS), len(doc))
    return doc[:end].text


def _dateline_ends(text: str) -> list[int]:
    """Character offsets where the text after a dateline starts."""
    ends = []
    for match in _DATELINE.finditer(text, 0, min(len(text), _DATELINE_HEAD_CHARS)):
        if match.group("date") or match.group("agency") or match.group("dash") != "-":
            ends.append(match.end())
    return ends


def make_doc(nlp: Language, article: Article) -> Doc:
    """Tokenize ``article.text`` (no other processing) and attach the boilerplate spans."""
    doc = nlp.make_doc(article.text)
    doc.user_data[_BOILERPLATE_KEY] = list(article.boilerplate)
    return doc


def is_boilerplate(span: Span | Doc | Any, start: int | None = None, end: int | None = None) -> bool:
    """True when the span (or the character range ``start:end`` of ``span``'s doc) overlaps a
    caption, credit or link stub. Extractors must not use such text."""
    doc = span if isinstance(span, Doc) else span.doc
    if start is None or end is None:
        start, end = span.start_char, span.end_char
    return any(s < end and start < e for s, e in doc.user_data.get(_BOILERPLATE_KEY, ()))


def content_sentences(doc: Doc) -> Iterable[Span]:
    """The sentences of the article that are not boilerplate and not blank."""
    for sentence in doc.sents:
        # Span.text joins every token: a blank sentence is one whose tokens are all whitespace
        if not all(t.is_space for t in sentence) and not is_boilerplate(sentence):
            yield sentence
