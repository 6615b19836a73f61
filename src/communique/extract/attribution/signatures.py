"""Quotations signed with a dash: ``"... our greatest shame." ― Sonya Herridge``.

Owns: finding quotations followed by a dash and a name on their own (reader comments, epigraphs,
debate fact-checks that quote a line and then name who said it). PolNeAR marks the dash as the
cue, the name as the source and the quotation as the content. The parse cannot: the dash is
punctuation, so no cue model sees it. Must not: find any other kind of attribution.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from communique.extract.attribution.features import QUOTE_MARKS, Quotations

# a dash, then one to five capitalised words, then the end of the line (or a comma and a
# description: "-Michelle Marks, Philadelphia"); a section heading ("– Ready to quiz Trump –")
# has lower-case words and is refused
_SIGNATURE = re.compile(
    r"[ \t\u00a0]*(?:\n[ \t\u00a0]*)*(\u2015|\u2014|\u2013|--|-)[ \t\u00a0]*"
    r"((?:[A-Z][\w.'\u2019-]*)(?:[ \t\u00a0]+[A-Z][\w.'\u2019-]*){0,4})"
    r"[ \t\u00a0]*(?:[.,][^\n]*)?(?=\n|$)"
)


def find_signatures(
    doc: Doc, text: str, quotations: Quotations, allowed: set[int]
) -> list[tuple[Token, list[int], list[int]]]:
    """(cue token, source token indices, content token indices) for each signed quotation whose
    words are all in ``allowed`` (the content sentences' tokens). ``text`` is ``doc.text``,
    passed in because ``Doc.text`` joins every token on each access."""
    found = []
    for start, end in quotations.spans:
        match = _SIGNATURE.match(text, end)
        if match is None:
            continue
        marked = marked_attribution(doc, match.span(1), match.span(2), (start, end), allowed)
        if marked is not None:
            found.append(marked)
    return found


def marked_attribution(
    doc: Doc, mark: tuple[int, int], name: tuple[int, int], said: tuple[int, int], allowed: set[int]
) -> tuple[Token, list[int], list[int]] | None:
    """(cue token, source token indices, content token indices) for an attribution whose cue is
    a punctuation mark (a signature's dash, a transcript's colon), given as character ranges;
    None when the mark is not a token of its own or a word falls outside ``allowed``."""
    cue = doc.char_span(*mark, alignment_mode="expand")
    speaker = doc.char_span(*name, alignment_mode="expand")
    content_span = doc.char_span(*said, alignment_mode="expand")
    # a mark glued to the name ("-Michelle", "PENCE:") is one token: cue and source cannot be told
    # apart; glued to the quotation's closing mark ("shame.”―") it is still the cue
    if cue is None or speaker is None or content_span is None or len(cue) != 1:
        return None
    word, start = cue[0].text, cue[0].idx
    if (word[: mark[0] - start] + word[mark[1] - start :]).strip(QUOTE_MARKS):
        return None
    source = [t.i for t in speaker if not t.is_space and t.i != cue[0].i]
    content = [t.i for t in content_span if not t.is_space and t.i != cue[0].i]
    if not source or not content or not {cue[0].i, *source, *content} <= allowed:
        return None
    return cue[0], source, content
