"""The install paths a new user takes: pyproject's pins and the hashed requirements.lock.

A fresh ``pip install -e .`` must get every module the code imports at run time, whatever pip
shipped with the user's Python, and ``requirements.lock`` must be complete: it is installed with
``--no-deps`` (pip 23.2 cannot install a hashed lock whose packages ask for another's extra, as
jusText asks for ``lxml[html_clean]``), so a package missing from it is simply absent.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
# The extras the lock covers besides the default install (CI installs the lock and runs the tests).
LOCKED_EXTRAS = ("test",)


def _name(name: str) -> str:
    """A project or extra name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _pinned(requirements: list[str]) -> dict[str, str]:
    """``{name: version}`` of requirements pinned with ``==``."""
    pins = {}
    for line in requirements:
        requirement = Requirement(line)
        pins[_name(requirement.name)] = str(requirement.specifier).removeprefix("==")
    return pins


def _locked() -> dict[str, str]:
    """``{name: version}`` of every entry of requirements.lock; each must be plain, pinned, hashed."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries = re.findall(r"^(\S+)==(\S+)((?: \\\n\s+--hash=sha256:[0-9a-f]{64})+)", text, flags=re.M)
    lines = [line for line in text.splitlines() if line and not line[0].isspace() and not line.startswith("#")]
    assert len(entries) == len(lines), "every lock entry is 'name==version' followed by its hashes"
    for name, _, _ in entries:
        assert "[" not in name, f"{name}: extras break pip 23.2 in --require-hashes mode (pip-compile --strip-extras)"
    return {_name(name): version for name, version, _ in entries}


def test_the_html_cleaner_is_a_direct_pinned_dependency():
    # lxml >= 5.2 moved lxml.html.clean (imported by jusText, trafilatura's fallback extractor) to
    # lxml_html_clean; pip 23.2 skips the extra jusText asks for, so every HTML page failed (E018).
    pins = _pinned(_pyproject()["dependencies"])
    assert "lxml-html-clean" in pins
    import lxml.html.clean  # noqa: F401  - the module trafilatura needs is importable


def test_every_dependency_is_pinned_exactly():
    project = _pyproject()
    groups = [project["dependencies"], *project["optional-dependencies"].values()]
    for requirement in (Requirement(line) for group in groups for line in group):
        assert str(requirement.specifier).startswith("=="), requirement


def test_the_lock_pins_what_pyproject_pins():
    project = _pyproject()
    wanted = _pinned(project["dependencies"])
    for extra in LOCKED_EXTRAS:
        wanted |= _pinned(project["optional-dependencies"][extra])
    locked = _locked()
    assert {name: locked.get(name) for name in wanted} == wanted


def test_the_lock_holds_every_package_the_install_needs():
    # Walk the requirements of the installed distributions from communique[test] down, extras
    # included (jusText -> lxml[html_clean] -> lxml_html_clean), and look each one up in the lock.
    locked = _locked()
    needed: set[str] = set()
    todo = [(_name("communique"), frozenset(LOCKED_EXTRAS))]
    seen = set()
    while todo:
        name, extras = todo.pop()
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue  # not installed here: its own requirements cannot be read, the name is checked
        for line in requires:
            requirement = Requirement(line)
            marker = requirement.marker
            if marker is not None and not any(
                marker.evaluate({"extra": extra}) for extra in (*map(_name, extras), "")
            ):
                continue
            dependency = _name(requirement.name)
            needed.add(dependency)
            todo.append((dependency, frozenset(_name(extra) for extra in requirement.extras)))
    assert sorted(needed - set(locked)) == []


def test_the_package_ships_no_gold_or_evaluation_sets():
    # gold sets are evaluation data of the project (eval/), not something a user installs
    shipped = [p.name for p in (ROOT / "src" / "communique" / "data").rglob("*")]
    assert not [n for n in shipped if "gold" in n or "speaker_cases" in n or "wire_statements" in n]
    assert (ROOT / "eval" / "attribution" / "speaker_cases.jsonl").is_file()
