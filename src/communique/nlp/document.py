"""Article -> spaCy Doc, with paragraph boundaries and the boilerplate mask.

Owns: making Docs whose text is exactly the article text, forcing a sentence start after every
line break (news paragraphs never share a sentence; a photo caption never runs into the next
paragraph) and the question "is this span boilerplate?". Must not: extract annotations.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from communique.dateline import HEAD_CHARS, find_datelines
from communique.model import Article

_BOILERPLATE_KEY = "communique_boilerplate"


@Language.component(
    "paragraph_boundaries",
    assigns=["token.is_sent_start"],
)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence at the first token after any line break, and at the line break itself,
    and after a wire story's dateline (``CAIRO, March 3 (Reuters) -``)."""
    for start in (dateline.lead for dateline in find_datelines(_head_text(doc))):
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


def _head_text(doc: Doc) -> str:
    """The document's text up to the first token that starts past the dateline search (Doc.text
    would join every token of a long article)."""
    end = next((t.i for t in doc if t.idx >= HEAD_CHARS), len(doc))
    return doc[:end].text


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
