"""Role phrases: which knowledge-base entry ``the Belarusian leader`` denotes on a date.

Owns: reading a role descriptor out of a run of words (the role form from ``roles.tsv``; the
words before it that qualify it: ``the``, ``acting``, a historical ``former``; its scope, a
country or organisation before it, possibly possessive, or after ``of``; and the office an
institution is named for, ``the Pentagon chief``) and :func:`holder`, who held that role on a
date. The linker reads phrases over a Doc's tokens, :func:`resolve_role_phrase` over a string
(``resolve_name``, ``communique kb explain``); both decide here, so a descriptor denotes the
same actor in an article and at the command line.
Must not: read spaCy documents (callers pass words, each with its trailing whitespace, as
spaCy's ``text_with_ws`` gives them) or remember the article (the linker's memory answers
``the president`` and ``the former president``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from communique.extract.entities.roles import HISTORICAL, SKIPPABLE, institution_role, longest_form, role_forms

if TYPE_CHECKING:
    from communique.extract.entities.entries import Entry
    from communique.extract.entities.kb import KnowledgeBase

# How far back from the role its qualifiers are read ("the then - acting Russian foreign minister").
_QUALIFIER_WORDS = 5
# The most words a scope name has, before the role or after "of" ("United Arab Emirates").
_SCOPE_WORDS = 3
_ARTICLES = frozenset({"the", "a", "an"})
_POSSESSIVES = frozenset({"'s", "\u2019s"})
_APOSTROPHES = frozenset({"'", "\u2019"})
# A word as spaCy's English tokenizer splits it for role phrases: a possessive "'s" or a
# hyphen is a word of its own ("Russia 's", "then - president"); "d'Ivoire" is one word.
_WORD = re.compile(r"(?:['\u2019]s\b|['\u2019]|-|[^\s'\u2019-]+(?:['\u2019](?!s\b)[^\s'\u2019-]+)*)\s*")


@dataclass(frozen=True)
class RolePhrase:
    """A role descriptor read from words ``start:end``: the canonical ``role`` (for an
    institution's chief, the office it is named for), its ``scope`` (a country code or an
    organisation id, None when the words name none) and whether it is ``historical``."""

    start: int
    end: int
    role: str
    scope: str | None
    historical: bool


def split_words(text: str) -> list[str]:
    """A phrase as words with their trailing whitespace, split as the linker's tokens are."""
    return [match.group(0) for match in _WORD.finditer(text)]


def _text(words: list[str], start: int, end: int) -> str:
    return "".join(words[start:end]).strip()


def role_at(words: list[str], i: int) -> tuple[str, int] | None:
    """(canonical role, end) of the longest role form starting at word ``i``, or None."""
    forms = role_forms()
    # Two more words than the longest form: spaCy splits "vice-president" into three.
    for n in range(min(longest_form() + 2, len(words) - i), 0, -1):
        phrase = " ".join(_text(words, i, i + n).lower().replace("-", " - ").split()).replace(" - ", "-")
        if phrase in forms:
            return forms[phrase], i + n
    return None


def _is_possessive(words: list[str], j: int) -> bool:
    """True when word ``j`` is a possessive marker ("Russia's", "the Philippines' ")."""
    word = words[j].strip()
    if word in _POSSESSIVES:
        return True
    return word in _APOSTROPHES and j > 0 and words[j - 1].endswith(("s", "S"))


def _scope_ending_at(words: list[str], stop: int, kb: KnowledgeBase) -> tuple[str, int] | None:
    """A country or organisation named by the 1-3 words ending before ``stop``, as (scope,
    first word index); the longest name wins ("United States" before "States")."""
    for n in range(_SCOPE_WORDS, 0, -1):
        start = stop - n
        if start < 0:
            continue
        name = _text(words, start, stop)
        if name.lower() in SKIPPABLE:
            continue
        scope = kb.scope_of(name)
        if scope is not None:
            return scope, start
    return None


def read_role_phrase(
    words: list[str], role_start: int, role_end: int, role: str, kb: KnowledgeBase
) -> RolePhrase:
    """The whole descriptor around the role form at words ``role_start:role_end``.

    Reads back over qualifiers and the scope (``the former``, ``Russia's``, ``the acting
    Belarusian``), stopping at the first word that is neither, then forward over ``of`` and
    a scope (``the president of Belarus``). The phrase starts at the scope or at an article
    or historical word before it, so ``acting foreign minister`` starts at ``foreign``.
    """
    start, scope, historical = role_start, None, False
    scope_words = (0, 0)  # where the scope before the role was read, for an institution's office
    j = role_start - 1
    while j >= 0 and role_start - j <= _QUALIFIER_WORDS:
        lowered = words[j].strip().lower().strip("-")
        if lowered in HISTORICAL:
            historical = True
        elif j > 0 and _is_possessive(words, j):
            found = _scope_ending_at(words, j, kb)
            if found is None:
                break  # "the party's leader": a possessive that names no scope ends the phrase
            (scope, start), scope_words = found, (found[1], j)
            j = start - 1
            continue
        elif scope is None and (found := _scope_ending_at(words, j + 1, kb)) is not None:
            (scope, start), scope_words = found, (found[1], j + 1)
            j = start - 1
            continue
        elif lowered not in SKIPPABLE and words[j].strip() != "-":
            break
        if lowered in _ARTICLES or lowered in HISTORICAL:
            start = j
        j -= 1
    end = role_end
    if scope is None and role_end + 1 < len(words) and words[role_end].strip().lower() == "of":
        for n in range(min(_SCOPE_WORDS, len(words) - role_end - 1), 0, -1):
            scope = kb.scope_of(_text(words, role_end + 1, role_end + 1 + n))
            if scope is not None:
                end = role_end + 1 + n
                break
    if role == "head" and (named := institution_role(_text(words, *scope_words))) is not None:
        role, scope = named  # "the (new) Pentagon chief": the office the institution is named for
    return RolePhrase(start, end, role, scope, historical)


def holder(phrase: RolePhrase, kb: KnowledgeBase, date: str | None) -> Entry | None:
    """Who held the phrase's role in its scope on ``date`` (None: today); None for a
    historical phrase (``the former US president`` is not today's) or one with no scope."""
    if phrase.historical or phrase.scope is None:
        return None
    return kb.holder(phrase.role, phrase.scope, date)


def resolve_role_phrase(text: str, kb: KnowledgeBase, date: str | None) -> Entry | None:
    """The holder of the role a phrase ending in a role descriptor names (``the Belarusian
    leader``, ``Russia's foreign minister``, ``the president of Belarus``) on ``date``, or
    None when the phrase has no scope, is historical or nobody held the role."""
    words = split_words(text.replace("\u2019", "'"))
    for i in range(len(words)):
        found = role_at(words, i)
        if found is None:
            continue
        role, role_end = found
        phrase = read_role_phrase(words, i, role_end, role, kb)
        if phrase.end == len(words):
            return holder(phrase, kb, date)
    return None
