"""PLOVER fields that follow from a coded event's type and mode: CAMEO root code and context.

Owns: reading ``data/events/cameo_roots.tsv`` (PLOVER type and mode -> CAMEO root, derived from
the PLOVER manual's CAMEO<->PLOVER table) and ``data/events/contexts.tsv`` (PLOVER contexts and
the words that signal them), and answering ``cameo_root(type, mode)`` and ``contexts(...)``.
Must not: type events or find roles (the coder does), or read the PLOVER table in ../shared at
run time (the product never needs it).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from communique.errors import Code, CommuniqueError

# clauses of the trigger's clause that speak of other things ("warned [that ...]")
_OTHER_CLAUSES = frozenset({"ccomp", "advcl", "parataxis", "relcl", "conj"})


def _rows(name: str, width: int) -> list[list[str]]:
    path = resources.files("communique").joinpath("data", "events", name)
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < width - 1:
            raise CommuniqueError(Code.E806, path=name, line=number, detail=line[:60])
        rows.append(fields + [""] * (width - len(fields)))
    return rows


@lru_cache(maxsize=1)
def _cameo_table() -> dict[tuple[str, str], tuple[str, str]]:
    return {(t, mode): (root, context) for t, mode, root, context in _rows("cameo_roots.tsv", 4)}


@lru_cache(maxsize=1)
def _context_words() -> dict[str, str]:
    words: dict[str, str] = {}
    for context, listed in _rows("contexts.tsv", 2):
        for word in listed.split(","):
            words.setdefault(word.strip(), context)
    return words


def cameo_root(event_type: str, mode: str | None) -> str | None:
    """The CAMEO root code (``"19"``) of a PLOVER type and mode; None for a type not in the table."""
    table = _cameo_table()
    found = table.get((event_type, mode or "")) or table.get((event_type, ""))
    return found[0] if found else None


def contexts(event_type: str, mode: str | None, trigger: Token) -> list[str]:
    """PLOVER contexts of an event, in a fixed order: the one its type and mode imply (CONSULT is
    diplomatic), then those whose words occur in the trigger's own clause ("attacked the *border*
    *troops*": military, territory)."""
    table = _cameo_table()
    found = table.get((event_type, mode or "")) or table.get((event_type, "")) or ("", "")
    out = [found[1]] if found[1] else []
    clause = trigger
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    tokens = {t.i: t for t in trigger.subtree}
    for child in clause.children:
        holds_trigger = child.left_edge.i <= trigger.i <= child.right_edge.i
        if child.dep_ not in _OTHER_CLAUSES or holds_trigger:
            tokens.update((t.i, t) for t in child.subtree)
    tokens[clause.i] = clause
    words = _context_words()
    for index in sorted(tokens):
        context = words.get(tokens[index].lemma_.lower())
        if context and context not in out:
            out.append(context)
    return out
