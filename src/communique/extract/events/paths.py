"""Role paths: where a trigger's target lies when the usual places hold no actor.

Owns: reading ``data/events/role_paths.tsv`` (dependency paths from a trigger, in the order they
are tried) and following them over a parse ("refused a request *from Modi*", "faulted
*Buhari*'s decision", "agreed to lift sanctions *against the North*"). The patterns are data so
that each can be read, measured and dropped on its own. Must not: decide whether a role is an
actor (the caller passes ``is_actor``) or read the article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from communique.errors import Code, CommuniqueError


@dataclass(frozen=True)
class Step:
    """One edge of a path: the child's dependency label and, if given, the words it may be."""

    dep: str
    words: frozenset[str] = frozenset()

    def matches(self, token: Token) -> bool:
        return token.dep_ == self.dep and (not self.words or token.lower_ in self.words)


@dataclass(frozen=True)
class RolePath:
    """A path from a trigger of part of speech ``pos`` (VERB or NOUN) to a candidate target."""

    pos: str
    steps: tuple[Step, ...]
    example: str


def _step(text: str) -> Step:
    dep, _bracket, words = text.partition("[")
    if not dep or (words and not words.endswith("]")):
        raise ValueError(text)
    return Step(dep, frozenset(w.strip() for w in words.rstrip("]").split(",") if w.strip()))


def parse_paths(text: str, name: str = "role_paths.tsv") -> tuple[RolePath, ...]:
    """The paths of a role-path file (E806 for a malformed line)."""
    paths = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        try:
            if len(fields) != 3 or fields[0] not in ("VERB", "NOUN"):
                raise ValueError(line)
            steps = tuple(_step(part) for part in fields[1].split(">"))
        except ValueError as exc:
            raise CommuniqueError(Code.E806, path=name, line=number, detail=line[:60]) from exc
        paths.append(RolePath(fields[0], steps, fields[2]))
    return tuple(paths)


@lru_cache(maxsize=1)
def load_paths() -> tuple[RolePath, ...]:
    """The shipped role paths, read once per process."""
    path = resources.files("communique").joinpath("data", "events", "role_paths.tsv")
    return parse_paths(path.read_text(encoding="utf-8"))


def _ends(token: Token, steps: tuple[Step, ...]) -> list[Token]:
    """The tokens reached from ``token`` along ``steps`` (children only), in sentence order."""
    found = [token]
    for step in steps:
        found = [child for t in found for child in t.children if step.matches(child)]
        if not found:
            break
    return found


def path_target(
    trigger: Token, is_actor: Callable[[Token], bool], paths: tuple[RolePath, ...] | None = None
) -> Token | None:
    """The first actor at the end of a role path of ``trigger`` (None when no path ends on one)."""
    pos = "VERB" if trigger.pos_ in ("VERB", "AUX") else "NOUN"
    for role_path in load_paths() if paths is None else paths:
        if role_path.pos != pos:
            continue
        for end in _ends(trigger, role_path.steps):
            if end.i != trigger.i and is_actor(end):
                return end
    return None
