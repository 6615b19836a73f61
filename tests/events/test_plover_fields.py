"""PLOVER fields of a coded event (issue #18): CAMEO root, contexts, CONCEDE and RETREAT kept
apart, and an event inside a statement keeping the statement and its certainty."""

from __future__ import annotations

from communique.extract.events.lexicon import TYPES
from communique.extract.events.plover import cameo_root


def test_every_plover_type_has_a_cameo_root():
    roots = {t: cameo_root(t, None) for t in TYPES}
    assert all(root is not None and len(root) == 2 and root.isdigit() for root in roots.values()), roots
    assert roots["CONSULT"] == "04" and roots["ASSAULT"] == "18" and roots["CONCEDE"] == roots["RETREAT"] == "08"
    assert cameo_root("ASSAULT", "heavy-weapons") == "19"  # a mode the table sends to another root
    assert cameo_root("NOT-A-TYPE", None) is None


def test_an_event_carries_its_cameo_root_and_contexts(code):
    (event,) = [e for e in code("Russian troops attacked Ukrainian border posts on Monday.").events]
    assert event.type == "ASSAULT" and event.cameo == "18"
    assert event.context == ["military", "territory"]
    (talks,) = [e for e in code("The foreign ministers held talks in Geneva.").events if e.type == "CONSULT"]
    assert talks.cameo == "04" and talks.context[0] == "diplomatic"


def test_concede_and_retreat_stay_separate(code):
    lifted = [e.type for e in code("The European Union lifted sanctions on Belarus.").events]
    pulled = [e.type for e in code("Russian troops pulled out of Kherson.").events]
    assert "CONCEDE" in lifted and "RETREAT" in pulled


def test_a_reported_event_keeps_its_statement_and_certainty():
    import communique

    article = communique.analyze("Moscow said Ukrainian forces allegedly attacked a power plant in Kursk.")
    (attack,) = [e for e in article.events if e.type == "ASSAULT"]
    statement = article.statements[attack.statement]
    assert statement.cue.text == "said"
    assert attack.certainty == "alleged"
