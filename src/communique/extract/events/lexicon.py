"""The PLOVER trigger lexicon: which words can name an event, of which types and modes.

Owns: reading ``data/events/triggers.tsv`` and answering "which lexicon entries does this token
trigger?", including verbs with a particle or preposition (``call for``, ``pull out``) and
two-word nouns (``hunger strike``, ``air strike``). Must not: decide the type in context (the
classifier does) or find roles.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from communique.errors import Code, CommuniqueError

# PLOVER event types (codebook v2) in a fixed order; PLV merges CONCEDE and RETREAT as YIELD.
TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
YIELD_TYPES = frozenset({"CONCEDE", "RETREAT"})


def coarse(event_type: str) -> str:
    """The PLV label of a PLOVER type (CONCEDE and RETREAT are one class there: YIELD)."""
    return "YIELD" if event_type in YIELD_TYPES else event_type


@dataclass(frozen=True)
class Entry:
    """One lexicon row: ``lemma`` may be two words (verb + particle, or modifier + noun)."""

    lemma: str
    pos: str
    type: str
    mode: str | None
    strict: bool


class Lexicon:
    """Entries indexed by head lemma and part of speech."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = [e for e in entries if e.type != "-"]
        self._single: dict[tuple[str, str], list[Entry]] = {}
        self._verb_particle: dict[tuple[str, str], list[Entry]] = {}
        self._noun_compound: dict[tuple[str, str], list[Entry]] = {}
        # verb + particle pairs that are not events ("seize on", "talk about"): type "-"
        self._not_events: set[tuple[str, str]] = set()
        for entry in entries:
            words = entry.lemma.split()
            if entry.type == "-":
                self._not_events.add((words[0], words[1]))
                continue
            if len(words) == 1:
                self._single.setdefault((entry.lemma, entry.pos), []).append(entry)
            elif entry.pos == "VERB":
                self._verb_particle.setdefault((words[0], words[1]), []).append(entry)
            else:
                self._noun_compound.setdefault((words[0], words[1]), []).append(entry)
        self.lemmas = frozenset(lemma for lemma, _pos in self._single) | frozenset(
            w for pair in (*self._verb_particle, *self._noun_compound) for w in pair
        )

    def lookup(self, token: Token) -> tuple[list[Entry], list[Token]]:
        """The entries ``token`` triggers and the extra tokens of a multi-word trigger.

        A verb with a particle entry (``pull out``) triggers only that entry when the particle
        is there, since ``pull out`` and ``pull`` mean different things. Verbs and auxiliaries
        parsed as AUX count as verbs; proper nouns never trigger (``Strike Force`` is a name).
        """
        lemma = token.lemma_.lower()
        if lemma not in self.lemmas:
            return [], []
        pos = {"VERB": "VERB", "NOUN": "NOUN"}.get(token.pos_)
        if pos is None:
            return [], []
        if pos == "VERB":
            for child in token.children:
                # a preposition whose object is a date is not a particle ("called X on Friday")
                if child.dep_ == "prt" or (child.dep_ == "prep" and not any(
                    g.ent_type_ in ("DATE", "TIME") for g in child.children
                )):
                    if (lemma, child.lower_) in self._not_events:
                        return [], []
                    found = self._verb_particle.get((lemma, child.lower_))
                    if found:
                        return found, [child]
            return self._single.get((lemma, "VERB"), []), []
        for child in token.children:
            if child.dep_ in ("compound", "amod") and child.i == token.i - 1:
                found = self._noun_compound.get((child.lower_, lemma))
                if found:
                    return found, [child]
        return self._single.get((lemma, "NOUN"), []), []


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped lexicon, read once per process."""
    path = resources.files("communique").joinpath("data", "events", "triggers.tsv")
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 3 or (fields[2] not in TYPES and fields[2] != "-") or fields[1] not in ("VERB", "NOUN"):
            raise CommuniqueError(Code.E801, path="triggers.tsv", line=number, detail=line[:60])
        fields += [""] * (5 - len(fields))
        entries.append(Entry(fields[0], fields[1], fields[2], fields[3] or None, fields[4] == "both"))
    return Lexicon(entries)
