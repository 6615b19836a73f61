"""The shipped event data: the PLOVER lexicon, its sources note and the trained type model."""

from __future__ import annotations

from importlib import resources

import pytest

from communique.errors import CommuniqueError
from communique.extract.events.classifier import load_shipped, read
from communique.extract.events.lexicon import TYPES, coarse, load_lexicon


def test_every_plover_type_has_triggers():
    lexicon = load_lexicon()
    covered = {entry.type for entry in lexicon.entries}
    assert covered == set(TYPES)
    for entry in lexicon.entries:
        assert entry.pos in ("VERB", "NOUN") and entry.lemma == entry.lemma.lower()


def test_multiword_triggers_are_found(parse):
    lexicon = load_lexicon()
    doc, _article = parse("Russia will pull out its troops, and workers began a hunger strike.")
    pull = next(t for t in doc if t.text == "pull")
    entries, extra = lexicon.lookup(pull)
    assert {e.type for e in entries} == {"RETREAT"} and [t.text for t in extra] == ["out"]
    strike = next(t for t in doc if t.text == "strike")
    entries, extra = lexicon.lookup(strike)
    assert [(e.type, e.mode) for e in entries] == [("PROTEST", "hunger")]


def test_sources_note_names_plover():
    note = resources.files("communique").joinpath("data", "events", "SOURCES.md").read_text(encoding="utf-8")
    assert "PLOVER" in note and "triggers.tsv" in note and "event_model.json" in note


def test_shipped_model_covers_the_plv_classes():
    model = load_shipped()
    assert model is not None
    assert sorted(model.classes) == sorted({coarse(t) for t in TYPES})


def test_a_broken_model_file_is_a_clear_error():
    with pytest.raises(CommuniqueError) as info:
        read("{not json", "event_model.json")
    assert info.value.code.name == "E802"


def test_particles_that_undo_an_event_and_dates_that_are_not_particles(parse):
    lexicon = load_lexicon()
    doc, _article = parse("Critics seized on the claim. Clinton called Machado on Friday.")
    seized = next(t for t in doc if t.text == "seized")
    assert lexicon.lookup(seized) == ([], [])
    called = next(t for t in doc if t.text == "called")
    entries, extra = lexicon.lookup(called)
    assert extra == []  # "on Friday" is not "call on"
