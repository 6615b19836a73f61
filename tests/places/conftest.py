"""Fixtures of the places tests: one PlaceResolver, ``places(text)`` -> the article's places,
and ``load_script(name)`` -> a table-building script of scripts/ as a module."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from communique.extract.places import PlaceResolver
from communique.settings import Settings


@pytest.fixture(scope="module")
def resolver():
    return PlaceResolver(Settings())


@pytest.fixture
def places(parse, resolver):
    def _places(text: str):
        doc, article = parse(text)
        resolver(doc, article)
        return article.places

    return _places


@pytest.fixture(scope="session")
def load_script():
    def _load(name: str):
        """scripts/NAME.py loaded as a module (scripts/ is not a package)."""
        path = Path(__file__).resolve().parents[2] / "scripts" / f"{name}.py"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return _load
