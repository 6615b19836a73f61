"""The pipeline's one-way layering (pyproject's import-linter contract) holds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_stages_import_one_way():
    linter = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(linter).exists():
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    done = subprocess.run([linter], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_extractor_package_is_independent_of_the_others():
    # a new extractor package must join the contract; extract/entities is the neutral ground
    import tomllib

    contracts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    independent = next(c["modules"] for c in contracts if c["type"] == "independence")
    packages = {
        f"communique.extract.{p.name}"
        for p in (REPO / "src" / "communique" / "extract").iterdir()
        if (p / "__init__.py").is_file() and p.name != "entities"
    }
    assert set(independent) == packages
