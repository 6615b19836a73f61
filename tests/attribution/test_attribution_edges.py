"""Span edges (edges.py) and signed quotations (signatures.py), on short hand-written texts."""

from __future__ import annotations

import pytest

from communique.extract.attribution import AttributionExtractor, edges
from communique.extract.attribution.features import find_quotations
from communique.extract.attribution.signatures import find_signatures
from communique.nlp.token_table import token_table
from communique.settings import Settings


def _naive_crossed(doc, side, proposal, position, attached, cue, quoted):
    if side == "start":
        moved = range(min(position, proposal), max(position, proposal))
    else:
        moved = range(min(position, proposal) + 1, max(position, proposal) + 1)
    kinds = set()
    table = token_table(doc)
    for i in moved:
        kinds |= edges._kinds(table, i, attached, cue.i, quoted)
    return "+".join(sorted(kinds))


@pytest.mark.parametrize("side", ["start", "end"])
def test_edge_candidates_describe_what_each_move_adds_or_drops(nlp, side):
    doc = nlp("The senator said on Monday that the bill, which passed, would fail and that voters knew it.")
    cue = next(t for t in doc if t.text == "said")
    sentence = next(doc.sents)
    span = list(range(cue.i + 4, cue.i + 11))  # "that the bill , which passed ,"
    attached = {cue.i, 0, 1}
    quoted: set[int] = set()
    options = edges.options("content", side, span, sentence, cue, attached, quoted)
    positions = [p for p, _ in options]
    proposal = span[0] if side == "start" else max(i for i in span if not doc[i].is_punct)
    assert proposal in positions
    assert not attached & set(positions)
    assert not any(doc[p].is_punct for p in positions)
    for position, feats in options:
        direction = dict(f.split("=", 1) for f in feats if "=" in f)[f"content|{side}|dir"]
        assert (direction == "keep") == (position == proposal)
        crossed = dict(f.split("=", 1) for f in feats if "=" in f)[f"content|{side}|crossed"].split("|", 1)[1]
        assert crossed == _naive_crossed(doc, side, proposal, position, attached, cue, quoted)


def test_reshape_keeps_a_quote_continuation_outside_the_sentence(nlp):
    doc = nlp("He said the plan works. It will pass.")
    first, second = list(doc.sents)
    span = [3, 4, 5, second.start, second.start + 1]
    reshaped = edges.reshape(span, 2, 4, first, attached={1})
    assert reshaped == [2, 3, 4, second.start, second.start + 1]


@pytest.mark.parametrize(
    "text, source",
    [
        ("\u201cHe represents our greatest shame.\u201d \u2015 Sonya Herridge\n\u201cNext.\u201d", "Sonya Herridge"),
        ('"We will pay zero taxes."\n\n- Bernie Sanders.\n\nThe senator spoke.', "Bernie Sanders"),
        ('"It needs to stop."\n\n\u2014 Michelle Marks, Philadelphia\n', "Michelle Marks"),
        # typed with a closing mark first, and with the dash glued to the closing mark
        ("Readers wrote.\n\u201dHe is our greatest shame.\u201d \u2015 Sonya Herridge\n", "Sonya Herridge"),
        ("\u201cHe knows nothing about us.\u201d\u2015 Pamela Padilla\n\u201cNext.\u201d", "Pamela Padilla"),
    ],
)
def test_a_quotation_signed_with_a_dash_is_attributed(nlp, text, source):
    doc = nlp(text)
    found = find_signatures(doc, doc.text, find_quotations(doc.text), {t.i for t in doc})
    assert len(found) == 1
    dash, speaker, content = found[0]
    assert dash.text.strip("\u201d") in ("\u2015", "\u2014", "-")
    assert dash.i not in content
    assert " ".join(doc[i].text for i in speaker).startswith(source.split()[0])
    assert doc[content[1]].text[0].isalpha()


@pytest.mark.parametrize(
    "text",
    [
        "She said it \u201ctakes sides.\u201d\n\n\u2013 Ready to quiz Trump \u2013.\n\nThe debate began.",
        '"Why give them ammunition?" - Democrats in Iowa who watched the debate were angry.',
        '"A quote" he said - Monday was busy.',
        # glued to the name, the dash cannot be told from it
        '"It needs to stop."\n\n-Michelle Marks, Philadelphia\n',
    ],
)
def test_headings_and_running_text_after_a_dash_are_not_signatures(nlp, text):
    doc = nlp(text)
    assert find_signatures(doc, doc.text, find_quotations(doc.text), {t.i for t in doc}) == []


def test_a_signed_quotation_becomes_a_direct_statement(parse):
    doc, article = parse("Readers wrote to us.\n\n\u201cHe represents our greatest shame.\u201d \u2015 Sonya Herridge\n")
    AttributionExtractor(Settings())(doc, article)
    (signed,) = [s for s in article.statements if s.speaker.text == "Sonya Herridge"]
    assert signed.content.text == "He represents our greatest shame"
    assert signed.kind == "direct"
    assert signed.speaker.name == "Sonya Herridge"


def test_a_dash_glued_to_the_closing_mark_is_the_cue_without_the_mark(parse):
    doc, article = parse("Readers wrote to us.\n\n\u201cHe knows nothing about us.\u201d\u2015 Pamela Padilla\n")
    AttributionExtractor(Settings())(doc, article)
    (signed,) = [s for s in article.statements if s.speaker.text == "Pamela Padilla"]
    assert signed.cue.text == "\u2015"
    assert signed.content.text == "He knows nothing about us"


def test_a_far_content_start_is_offered_only_where_a_phrase_starts(nlp):
    doc = nlp("The senator from the northern state said on Monday that the bill, which passed, would fail and that voters knew it.")
    cue = next(t for t in doc if t.text == "said")
    sentence = next(doc.sents)
    span = list(range(cue.i + 4, len(doc) - 1))  # from "that the bill"
    options = edges.options("content", "start", span, sentence, cue, {cue.i, 0, 1}, set())
    far = [p for p, _ in options if abs(p - span[0]) > edges._NEAR]
    assert far and all(doc[p].left_edge.i == p for p in far)
    near = [p for p, _ in options if abs(p - span[0]) <= edges._NEAR]
    assert any(doc[p].left_edge.i != p for p in near)  # near edges are offered anyway
