"""The index-based paths of the attribution step (read from the token table) agree with spaCy."""

from __future__ import annotations

from communique.extract.attribution import _text_of
from communique.extract.attribution.relations import _under_other_cue, token_pieces
from communique.model import Article
from communique.nlp.token_table import token_table


def test_the_text_is_the_articles_when_the_doc_was_made_from_it(parse):
    doc, article = parse("The minister said the border would stay closed.\n\nHe left.")
    assert _text_of(doc, article) is article.text
    other = Article(text="A different text altogether, of another length.")
    assert _text_of(doc, other) == doc.text


def test_pieces_are_runs_of_tokens_less_their_edge_punctuation(parse):
    doc, _ = parse('"We will not sign," the minister said.')
    words = [t.i for t in doc if t.text in ('"', "We", "will", "not", "sign", ",")]
    ((start, end),) = token_pieces(doc, words)
    assert doc.text[start:end] == "We will not sign"


def test_a_candidate_under_another_cue_is_found_by_its_ancestors(parse):
    doc, _ = parse(
        "Talks on a Gaza ceasefire stalled on Sunday, Egyptian security sources said, "
        "while Hamas accused Israel of obstructing a deal."
    )
    said = next(t for t in doc if t.text == "said")
    accused = next(t for t in doc if t.text == "accused")
    table = token_table(doc)
    for token in doc:
        expected = False
        for ancestor in token.ancestors:
            if ancestor.i == said.i:
                break
            if ancestor.i == accused.i:
                has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in ancestor.children)
                expected = has_subject and said in list(ancestor.ancestors)
                break
        assert _under_other_cue(table, token.i, said.i, {accused.i}) == expected
