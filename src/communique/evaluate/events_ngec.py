"""The NGEC synthetic stories as extra training rows for the accurate event typer.

Owns: turning each labelled story (``evaluate.events.read_ngec``) into one event mention the
typer can train on: the first sentence of its lead whose lexicon trigger can carry the story's
label (CONCEDE and RETREAT as PLV's YIELD), that trigger, its source and target from the parse,
and the same features the coder uses; and which stories a run leaves out (``held_out_stories``),
so that the NGEC evaluation can score stories the model never trained on. Must not: train or
score anything.

Why: the stories are labelled per story, not per sentence or trigger; the sentence that holds a
trigger of the labelled type is where the story says it (the lead, mostly). Stories where no lead
sentence has such a trigger are left out rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc, Token

from communique.errors import Code, UsageError
from communique.evaluate.events import NGEC_ZIP, _lead, read_ngec
from communique.extract.events.features import event_features
from communique.extract.events.lexicon import Lexicon, coarse
from communique.extract.events.roles import noun_source, noun_target, verb_source, verb_target
from communique.nlp import load_pipeline
from communique.settings import Settings

# every TRAIN_EVERY-th story (from the first) is never trained on: the NGEC evaluation scores
# those (evaluate.events.evaluate_ngec with held_out), the others may be training rows
TRAIN_EVERY = 5


def ngec_archive(path: Path) -> Path:
    """The stories' zip: ``path`` itself, or the one in the NGEC folder ``path``; E810 naming
    ``path`` when there is none."""
    archive = path / NGEC_ZIP if path.is_dir() else path
    if not archive.is_file() or archive.suffix != ".zip":
        raise UsageError(Code.E810, detail=f"{path} is not the NGEC synthetic folder or its {NGEC_ZIP}")
    return archive


def held_out_stories(count: int) -> list[int]:
    """Indices of the stories no model trains on (one in ``TRAIN_EVERY``)."""
    return list(range(0, count, TRAIN_EVERY))


def training_stories(count: int) -> list[int]:
    """Indices of the stories the accurate typer may train on (the rest)."""
    return [k for k in range(count) if k % TRAIN_EVERY]


def _trigger_of(doc: Doc, label: str, lexicon: Lexicon) -> Token | None:
    """The first token of the lead whose lexicon types include ``label`` (a PLV class)."""
    for token in doc:
        if token.dep_ == "compound":
            continue
        entries, _extra = lexicon.lookup(token)
        if any(coarse(entry.type) == label for entry in entries):
            return token
    return None


def _roles(trigger: Token, lexicon: Lexicon) -> tuple[Token | None, Token | None]:
    """Source and target heads from the parse, as the coder finds them first (without its
    repairs, which need the article's other extractors)."""
    if trigger.pos_ == "VERB":
        return verb_source(trigger), verb_target(trigger)
    return noun_source(trigger, lambda token: bool(lexicon.lookup(token)[0])), noun_target(trigger)


def ngec_mentions(
    path: Path, settings: Settings, lexicon: Lexicon, stories: Sequence[int] | None = None,
) -> tuple[list[tuple[list[str], str]], list[Token]]:
    """Training examples (features, PLV class) and triggers from the NGEC stories at ``path``
    (the folder or its zip): by default the ``training_stories``; stories without a trigger of
    their label in the lead are skipped."""
    records = read_ngec(Path(path))
    chosen = training_stories(len(records)) if stories is None else list(stories)
    nlp = load_pipeline(settings.spacy_model)
    labels = [coarse(records[k]["label"].strip().upper()) for k in chosen]
    examples, triggers = [], []
    for doc, label in zip(nlp.pipe((_lead(records[k]["text"]) for k in chosen), batch_size=64), labels, strict=True):
        trigger = _trigger_of(doc, label, lexicon)
        if trigger is None:
            continue
        source, target = _roles(trigger, lexicon)
        examples.append((event_features(lexicon, trigger, source, target), label))
        triggers.append(trigger)
    return examples, triggers
