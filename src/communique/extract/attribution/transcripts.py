"""Speaker turns in a transcript: ``PENCE: Well, look, Hillary Clinton apparently thinks ...``.

Owns: finding paragraphs that open with a speaker's name in capitals and a colon (debate and
interview transcripts pasted into an article). PolNeAR marks the colon as the cue, the name as
the source and the rest of the paragraph as the content; a turn is taken to end with its line,
as pasted transcripts put each turn on one line. The parse cannot: the colon is
punctuation, so no cue model sees it. Must not: find any other kind of attribution, or resolve
who the speaker is (``PENCE`` -> ``Mike Pence`` is the entity stage's job).

A line opening with capitals and a colon is also how articles label sections (``UPDATE:``,
``CORRECTION:``, ``BYLINE:``) and headlines (``BUSTED: Emails Reveal ...``). A label is taken
for a speaker only when the article names that person in running text (``Pence``), or when the
article is a dialogue: at least three such turns by at least two different labels.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from communique.extract.attribution.signatures import marked_attribution

# a line opening (after an optional quote mark) with one to three words in capitals, a colon and
# then text on the same line: "PENCE: Well, ...", "\"WALLACE: If I may ...", "JAKE TAPPER: ...".
# A one-letter label (an interview's "Q:" and "A:") names nobody, so it is no speaker.
_TURN = re.compile(
    r"^[ \t\u00a0]*[\"\u201c\u2018']?[ \t\u00a0]*"
    r"((?:[A-Z][A-Z.'\u2019-]+)(?:[ \t\u00a0]+[A-Z][A-Z.'\u2019-]*){0,2})"
    r"[ \t\u00a0]*(:)[ \t\u00a0]*(?=\S)([^\n]*)",
    re.MULTILINE,
)
# labels that name a section or a kind of item, never a speaker, even in a dialogue
_SECTION_LABELS = frozenset(
    {
        "update", "updated", "correction", "clarification", "editor's note", "editor\u2019s note", "note",
        "byline", "email", "e-mail", "video", "photo", "photos", "watch", "read", "read more", "related",
        "exclusive", "breaking", "breaking news", "source", "sources", "credit", "previously", "opinion",
        "analysis", "live", "look", "boom", "busted", "wow", "fact check", "the facts", "the claim",
        "the verdict", "bottom line", "background", "context", "dateline", "headline", "subscribe",
    }
)
# a dialogue: this many turns, by at least two different speakers
_DIALOGUE_TURNS = 3


def _label_key(label: str) -> str:
    return " ".join(label.lower().split())


def opens_with_label(line: str) -> bool:
    """Whether a line opens like a speaker turn (``"WALLACE: If I may ...``): a quoted
    paragraph that does is another speaker's, not the continuation of a quote."""
    match = _TURN.match(line)
    return match is not None and _label_key(match.group(1)) not in _SECTION_LABELS


def find_turns(doc: Doc, text: str, allowed: set[int]) -> list[tuple[Token, list[int], list[int]]]:
    """(colon token, label token indices, content token indices) for each speaker turn whose
    words are all in ``allowed`` (the content sentences' tokens). ``text`` is ``doc.text``."""
    matches = [m for m in _TURN.finditer(text) if _label_key(m.group(1)) not in _SECTION_LABELS]
    if not matches:
        return []
    labels = [_label_key(m.group(1)) for m in matches]
    dialogue = len(matches) >= _DIALOGUE_TURNS and len(set(labels)) >= 2
    # outside a dialogue, a label must be a name also written in running text (not in capitals),
    # to tell "PENCE:" from "SHORT READS:"
    running = set() if dialogue else {t.lower_ for t in doc if t.pos_ == "PROPN" and not t.is_upper}
    found = []
    for match, label in zip(matches, labels, strict=True):
        if not dialogue and label.split()[-1] not in running:
            continue
        turn = marked_attribution(doc, match.span(2), match.span(1), match.span(3), allowed)
        if turn is not None:
            found.append(turn)
    return found
