"""The content sentences' order, looked up by position (built once per document)."""

from __future__ import annotations

from communique.extract.attribution.quote_join import Sentences, ordered


def test_the_sentence_after_and_before_another(parse):
    doc, _ = parse("He spoke first. She answered. They left.")
    sentences = Sentences(list(doc.sents))
    first, second, third = sentences
    assert sentences.after(first).start == second.start
    assert sentences.before(third).start == second.start
    assert sentences.after(third) is None
    assert sentences.before(first) is None


def test_a_sentence_left_out_has_no_neighbours(parse):
    doc, _ = parse("He spoke first. She answered. They left.")
    first, second, third = doc.sents
    sentences = Sentences([first, third])  # the second is boilerplate, say
    assert sentences.after(first).start == third.start
    assert sentences.after(second) is None and sentences.before(second) is None


def test_ordered_keeps_a_built_map(parse):
    doc, _ = parse("He spoke first. She answered.")
    sentences = Sentences(list(doc.sents))
    assert ordered(sentences) is sentences
    assert isinstance(ordered(list(doc.sents)), Sentences)

