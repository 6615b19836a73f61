"""Quotations signed with a dash: ``"... our greatest shame." ― Sonya Herridge``.

Owns: finding quotations followed by a dash and a name on their own (reader comments, epigraphs,
debate fact-checks that quote a line and then name who said it). PolNeAR marks the dash as the
cue, the name as the source and the quotation as the content. The parse cannot: the dash is
punctuation, so no cue model sees it. Must not: find any other kind of attribution.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from communique.extract.attribution.features import Quotations

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
        dash = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        name = doc.char_span(match.start(2), match.end(2), alignment_mode="expand")
        quote = doc.char_span(start, end, alignment_mode="expand")
        # a dash glued to the name ("-Michelle") is one token: the cue and the source cannot be told apart
        if dash is None or name is None or quote is None or len(dash) != 1 or dash[0].text != match.group(1):
            continue
        source = [t.i for t in name if not t.is_space and t.i != dash[0].i]
        content = [t.i for t in quote if not t.is_space]
        if not source or not content or not {dash[0].i, *source, *content} <= allowed:
            continue
        found.append((dash[0], source, content))
    return found
