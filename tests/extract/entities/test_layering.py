"""The entity layer stays under the extractors: it imports none of them (pyproject's
import-linter contract, which ``tests/test_layers.py`` runs)."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def test_the_entity_layer_is_forbidden_every_extractor_package():
    contracts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    forbidden = [c for c in contracts if c["type"] == "forbidden" and c["source_modules"] == ["communique.extract.entities"]]
    extractors = {
        f"communique.extract.{p.name}"
        for p in (REPO / "src" / "communique" / "extract").iterdir()
        if (p / "__init__.py").is_file() and p.name != "entities"
    }
    assert len(forbidden) == 1 and set(forbidden[0]["forbidden_modules"]) == extractors
