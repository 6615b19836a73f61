"""The error catalogue: one message per code (an Enum silently makes a repeated message an alias,
so the second code would be reported under the first one's name)."""

from __future__ import annotations

import ast
from pathlib import Path

import communique.errors as errors


def test_every_code_in_the_catalogue_is_its_own_member():
    source = Path(errors.__file__).read_text(encoding="utf-8")
    tree = ast.parse(source)
    catalogue = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Code")
    names = [t.id for n in catalogue.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)]
    assert sorted(names) == sorted(errors.Code.__members__) == sorted(c.name for c in errors.Code)
