"""Article -> spaCy Doc, with paragraph boundaries, a sentence length cap and the boilerplate mask.

Owns: making Docs whose text is exactly the article text (refusing one over the token limit),
forcing a sentence start after every line break (news paragraphs never share a sentence; a photo
caption never runs into the next paragraph) and every ``MAX_SENTENCE_TOKENS`` tokens (one endless
sentence must not hold a batch), and the question "is this span boilerplate?". Must not: extract
annotations.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from communique.dateline import HEAD_CHARS, find_datelines
from communique.errors import Code, ItemError
from communique.model import Article

_BOILERPLATE_KEY = "communique_boilerplate"
_SPLIT_KEY = "communique_split_sentences"
# News sentences run 20 to 40 tokens and the longest real ones about 150. A run of more tokens than
# this without a boundary is a list, a table or text without punctuation, and the work spent on it
# grows with the square of its length (attribution walks subtrees and cue pairs): a 2,000-token
# sentence thick with cues took 130 s to attribute, 11 s when cut here.
MAX_SENTENCE_TOKENS = 400
# Where a run is cut: after its last sentence-final mark (a paragraph without line breaks is many
# sentences, and this is where the parser would end one), else after the last of the weaker marks
# in its second half, else at the cap itself.
_SENTENCE_END = frozenset({".", "!", "?"})
_CUT_AFTER = frozenset({",", ";", ":", "-", "\u2013", "\u2014", ")"})


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


@Language.component(
    "sentence_length_cap",
    assigns=["token.is_sent_start"],
)
def sentence_length_cap(doc: Doc) -> Doc:
    """Start a sentence wherever ``MAX_SENTENCE_TOKENS`` tokens have gone by without one (counted
    from the boundaries set so far: paragraphs and datelines). Runs before the parser, which keeps
    these boundaries; the number of cuts is kept for :func:`split_sentences`."""
    cuts = 0
    start = 0
    for i in range(1, len(doc)):
        if doc[i].is_sent_start:
            start = i
        elif i - start >= MAX_SENTENCE_TOKENS:
            start = _cut_point(doc, start, i)
            doc[start].is_sent_start = True
            cuts += 1
    if cuts:
        doc.user_data[_SPLIT_KEY] = cuts
    return doc


def _cut_point(doc: Doc, start: int, end: int) -> int:
    """Where to start a sentence in the run ``start..end`` (see ``_SENTENCE_END``)."""
    weaker = None
    for i in range(end, start + 1, -1):
        before = doc[i - 1]
        if doc[i].is_punct:
            continue  # a closing quote or bracket stays with what it closes
        if before.text in _SENTENCE_END or (before.is_punct and doc[i - 2].text in _SENTENCE_END):
            return i
        if weaker is None and i > start + MAX_SENTENCE_TOKENS // 2 and before.text in _CUT_AFTER:
            weaker = i
    return weaker if weaker is not None else end


def split_sentences(doc: Doc) -> int:
    """How many times :func:`sentence_length_cap` cut an over-long sentence in ``doc`` (0: none).
    A warning for the article: its analysis there is less reliable."""
    return int(doc.user_data.get(_SPLIT_KEY, 0))


def _head_text(doc: Doc) -> str:
    """The document's text up to the first token that starts past the dateline search (Doc.text
    would join every token of a long article)."""
    end = next((t.i for t in doc if t.idx >= HEAD_CHARS), len(doc))
    return doc[:end].text


def make_doc(nlp: Language, article: Article, max_tokens: int | None = None) -> Doc:
    """Tokenize ``article.text`` (no other processing) and attach the boilerplate spans.

    Raises E103 when the article has more than ``max_tokens`` tokens: the tokenizer is cheap, the
    rest of the pipeline is not, so one article is refused before it can hold a batch.
    """
    doc = nlp.make_doc(article.text)
    if max_tokens is not None and len(doc) > max_tokens:
        raise ItemError(Code.E103, size=len(doc), limit=max_tokens)
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
