"""The token table holds exactly what spaCy's Tokens say (the attribution features read it)."""

from __future__ import annotations

from communique.nlp.token_table import TABLE_KEY, drop_table, token_table


def test_every_column_equals_the_tokens_attribute(parse, example_text):
    doc, _ = parse(example_text + '\n\n"We will not sign," the minister said \u2014 for now.')
    table = token_table(doc)
    for token in doc:
        i = token.i
        assert table.text[i] == token.text
        assert table.lower[i] == token.lower_
        assert table.lemma[i] == token.lemma_.lower()
        assert table.pos[i] == token.pos_
        assert table.tag[i] == token.tag_
        assert table.dep[i] == token.dep_
        assert table.ent[i] == token.ent_type_
        assert table.head[i] == token.head.i
        assert (table.left[i], table.right[i]) == (token.left_edge.i, token.right_edge.i)
        assert table.idx[i] == token.idx
        assert (table.punct[i], table.space[i], table.quote[i]) == (token.is_punct, token.is_space, token.is_quote)
        assert table.children[i] == [child.i for child in token.children]


def test_the_table_is_built_once_and_dropped_on_request(parse):
    doc, _ = parse("The minister said the border would stay closed.")
    assert token_table(doc) is token_table(doc)
    drop_table(doc)
    assert TABLE_KEY not in doc.user_data


def test_an_empty_document_has_an_empty_table(nlp):
    table = token_table(nlp(""))
    assert table.text == [] and table.children == []


def test_subtree_edges_follow_spacy_on_a_non_projective_parse(nlp):
    from spacy.tokens import Doc

    # "A hearing is scheduled on the issue today": "on the issue" hangs on "hearing" across
    # "is scheduled", a crossing arc; and a second sentence whose head sits in the first
    words = ["A", "hearing", "is", "scheduled", "on", "the", "issue", "today", ".", "It", "ends", "."]
    heads = [1, 3, 3, 3, 1, 6, 4, 3, 3, 10, 3, 10]
    deps = ["det", "nsubj", "aux", "ROOT", "prep", "det", "pobj", "npadvmod", "punct", "nsubj", "dep", "punct"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    table = token_table(doc)
    assert table.left == [token.left_edge.i for token in doc]
    assert table.right == [token.right_edge.i for token in doc]
    assert table.head == heads
    assert table.children == [[child.i for child in token.children] for token in doc]
