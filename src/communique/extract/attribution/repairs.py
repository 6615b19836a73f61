"""The registry of attribution's hand-written repairs: each rule that corrects the learned spans.

Owns: the name and purpose of every repair rule that stays a rule (relations.py and the
extractor), and switching any of them off for an ablation (``communique eval polnear --ablate``
prints what each is worth on PolNeAR). Must not: implement a repair (each lives beside the code
it corrects) or decide anything.

Why: the learned models (cue, source and content heads, extents, edges) make the spans; the
rules below correct what the small parser gets wrong in ways the models cannot see. Rules
accumulate one example at a time, so each must show its worth: a rule is kept when switching it
off lowers an exact F1 on PolNeAR dev, or when it fixes a case a test pins (the reference
article's, a wire passage's), and that is recorded here. ``docs/evaluation.md`` holds the last
ablation table.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from communique.errors import Code, UsageError

# name -> what it repairs (in the order the extraction applies them)
REPAIRS: dict[str, str] = {
    "other_cue_guard": "a content candidate under another cue with its own speaker is not this cue's content",
    "orphan_object": "the object a cue lost to the parse ('has denied the accusation, staff ...') is its content",
    "sibling_content": "the cue's other right-hand clauses join the content (not a clause that says when)",
    "object_as_subject": "the subject a content clause lost to the cue's object ('warned the increase would ...')",
    "contiguous": "holes the parse leaves in a content are filled: contents are runs of text",
    "trim_dangling": "a conjunction left at a content's end goes",
    "join_quote": "a quoted content takes its whole quotation and the quoted sentences that follow",
    "leading_date": "a date right after the cue says when it was said, not what",
    "setting": "the cue's place and occasion ('said during a rally in ...') leave a split content",
    "trailing_aside": "the article's phrase after a parenthetical cue leaves the content",
    "dummy_subject": "the 'it' of 'it is expected that' is no part of the content",
    "raised_report": "'X is said to have ...': no source, the subject joins the content",
    "informant": "'X has learned from sources close to Y': the sources are the speaker, X reports them",
    "source_run": "the source keeps only its words on the head's side of the cue and content",
    "source_when": "a date the parse hangs on the source ('West African leaders on Sunday') says when, not who",
    "comma_split_left": "a comma-separated left modifier (the previous clause's object) is not the source",
    "nested": "speech verbs inside another statement's content, or in a relative clause on the speaker",
    "patterns": "signed quotations and transcript turns the parse cannot find",
    "rebuttals": "'..., which X denied': the rebuttal is a statement of its own answering the claim",
    "passive_deed": "'The decree was approved after ...': a passive deed with no doer reports no saying",
    "scare_quote": "a short quoted noun phrase after a non-naming cue is no statement",
    "untangle": "two statements holding each other's cue: the reporting one is the outer",
}

_switched_off: ContextVar[frozenset[str]] = ContextVar("communique_repairs_off", default=frozenset())


def on(name: str) -> bool:
    """Whether repair ``name`` applies (all do, except inside :func:`switched_off`)."""
    return name not in _switched_off.get()


@contextmanager
def switched_off(names: Iterable[str]) -> Iterator[None]:
    """Run the enclosed extraction without the named repairs (for ablations)."""
    names = frozenset(names)
    unknown = sorted(names - REPAIRS.keys())
    if unknown:
        raise UsageError(Code.E408, names=", ".join(unknown), choices=", ".join(REPAIRS))
    token = _switched_off.set(_switched_off.get() | names)
    try:
        yield
    finally:
        _switched_off.reset(token)
