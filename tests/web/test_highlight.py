"""The article's marks always nest, and each piece names exactly the characters it holds."""

from __future__ import annotations

from communique.web.highlight import highlight


def _role(spans):
    return {"spans": spans, "text": "", "name": None, "actor": None}


def _statement(speaker, cue, content, parent=None):
    return {"speaker": _role(speaker), "cue": _role(cue), "content": _role(content), "stance": "assert",
            "certainty": "asserted", "parent": parent, "responds_to": None, "time": {"value": None}}


def _article(text, statements, boilerplate=()):
    return {"text": text, "statements": statements, "events": [], "times": [], "places": [],
            "boilerplate": list(boilerplate)}


def test_nested_statement_sits_inside_its_parent_content():
    text = "Kim said Lee told him <b>no</b>."
    outer = _statement([[0, 3]], [[4, 8]], [[9, 31]])
    inner = _statement([[9, 12]], [[13, 17]], [[18, 31]], parent=0)
    html = str(highlight(_article(text, [outer, inner])))
    assert html.index('id="s-0"') < html.index('id="s-1"')
    assert "&lt;b&gt;no&lt;/b&gt;" in html and "<b>" not in html
    assert html.count("<span") == html.count("</span>")


def test_crossing_spans_are_cut_and_still_nest():
    text = "abcdefghij"
    # boilerplate 2..6 crosses a statement 0..9: the statement is cut at 6 and continued
    html = str(highlight(_article(text, [_statement([[0, 3]], [[3, 4]], [[4, 9]])], boilerplate=[[2, 6]])))
    assert html.count("<span") == html.count("</span>")
    assert 'class="m ct" data-start="4" data-end="6"' in html and 'class="m ct" data-start="6" data-end="9"' in html
    assert html.count('id="s-0"') == 1
