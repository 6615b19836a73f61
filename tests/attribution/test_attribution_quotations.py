"""Quotation finding (features.find_quotations): which marks pair up, where an open one ends."""

from __future__ import annotations

from communique.extract.attribution.features import find_quotations


def test_quotations_pair_marks_and_end_with_their_paragraph():
    text = "He said ``no'' and \u201cyes\u201d.\n\u201dOpen at a line start\n\"straight\" and \"left open"
    spans = [text[start:end] for start, end in find_quotations(text).spans]
    assert spans == ["``no''", "\u201cyes\u201d", "\u201dOpen at a line start", '"straight"', '"left open']
