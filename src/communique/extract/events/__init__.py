"""PLOVER event coding: who did what to whom, as ``article.events``.

Owns: the EventCoder extractor. For every content sentence it finds trigger words from the PLOVER
lexicon (verbs and event nouns: ``assault``, ``incursion``, ``talks``, ``sanctions``), reads the
source and target off the parse (``roles.py``), lets the learned classifier pick the PLOVER type
among the trigger's lexicon types (``classifier.py`` over ``features.py``; with ``--accurate``,
``encoder.py``'s typer over frozen MiniLM vectors too), and fills mode,
certainty, place, statement and the roles' actor identities (``qualify.py``). Must not: change
what earlier extractors wrote, or date events (the StatementDater runs after it and sets ``time``).

Runs after attribution, actors and places (it reads ``article.statements``, ``mentions``,
``actors`` and ``places``) and before dating.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from communique.extract.entities.entries import PERSON
from communique.extract.events import plover, qualify, speech
from communique.extract.events.classifier import TypeClassifier, load_shipped
from communique.extract.events.features import event_features
from communique.extract.events.lexicon import YIELD_TYPES, Entry, Lexicon, coarse, load_lexicon
from communique.extract.events.paths import path_target
from communique.extract.events.roles import (
    LIGHT_VERBS,
    a_place,
    actor_or_modified,
    antecedent,
    conjunct_span,
    conjuncts,
    is_actor_like,
    mobilized_toward,
    named_within,
    noun_source,
    noun_target,
    role_span,
    verb_source,
    verb_target,
)
from communique.model import Article, Event, Offsets, Role
from communique.nlp import content_sentences
from communique.settings import Settings

if TYPE_CHECKING:  # the encoder typer needs the encoder extra: imported only for --accurate
    from communique.extract.events.encoder import EncoderTypeClassifier

__all__ = ["EventCoder", "classify", "merge_mentions"]


def _same_doer(first: Role, second: Role) -> bool:
    if not (first.spans and second.spans):
        return False
    if first.actor is not None or second.actor is not None:
        return first.actor == second.actor
    if first.name is not None or second.name is not None:
        return first.name == second.name
    return first.text.lower() == second.text.lower()


def merge_mentions(events: list[tuple[Event, str]], text: str) -> list[Event]:
    """One event per thing a sentence reports. ``events`` are one sentence's, each with its
    trigger's part of speech. An event noun and a verb of the same type by the same source whose
    targets do not differ name one thing ("a proposal by Putin, who suggested picking up ...":
    one request) and become one event whose trigger holds both mentions; the first mention's
    roles stay, a missing target or place is taken from the later one. Two verbs stay two events
    ("proposed talks and suggested a truce" are two requests)."""
    merged: list[tuple[Event, str]] = []
    for event, pos in events:
        same = next(
            (
                kept for kept, kept_pos in merged
                if kept_pos != pos and kept.type == event.type and _same_doer(kept.source, event.source)
                and (not kept.target.spans or not event.target.spans or _same_doer(kept.target, event.target))
            ),
            None,
        )
        if same is None:
            merged.append((event, pos))
            continue
        same.trigger = Role.from_spans(text, same.trigger.spans + event.trigger.spans)
        if not same.target.spans:
            same.target = event.target
        if same.place is None:
            same.place = event.place
    return [event for event, _pos in merged]


def classify(
    model: TypeClassifier | EncoderTypeClassifier | None,
    lexicon: Lexicon,
    trigger: Token,
    source: Token | None,
    target: Token | None,
    entries: list[Entry] | None = None,
) -> str:
    """The PLOVER type of one event mention.

    The classifier decides among the PLV classes the trigger's lexicon entries allow (all of them
    when the trigger is not in the lexicon, as for PLV sentences). The restriction matters on real
    news: unrestricted, the model follows sentence context and codes "talks" as REJECT or
    "destruction" as AGREE; on PLV pairs it costs 3.5 points of out-of-fold pair_type, because
    PLV codes a sentence's overall relation (a court that "convicted" is ACCUSE there). YIELD is split back into
    CONCEDE (promised) and RETREAT (done) by the lexicon entry or, failing that, by modality.
    Without a trained model the first lexicon type is used.
    """
    if entries is None:
        entries, _extra = lexicon.lookup(trigger)
    allowed = sorted({coarse(e.type) for e in entries}) or None
    if model is None:
        label = coarse(entries[0].type) if entries else "ASSAULT"
    else:
        label, _margin = model.predict(event_features(lexicon, trigger, source, target), allowed, trigger)
    if label != "YIELD":
        return label
    kinds = [e.type for e in entries if e.type in YIELD_TYPES]
    if kinds:
        return kinds[0]
    promised = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall") for c in trigger.children)
    return "CONCEDE" if promised or trigger.dep_ == "xcomp" else "RETREAT"


def _roles(trigger: Token, lexicon: Lexicon) -> tuple[Token | None, Token | None]:
    if trigger.pos_ == "VERB":
        source, target = verb_source(trigger), verb_target(trigger)
    else:
        source, target = noun_source(trigger, lambda token: bool(lexicon.lookup(token)[0])), noun_target(trigger)
    if not is_actor_like(target):
        # "refused a request from Modi": the actor behind the thing, found along the role paths
        # (data/events/role_paths.tsv); the thing stays the target when no path ends on an actor
        # ("rejection and condemnation of X's declaration": the last noun's paths are both nouns';
        # "withdraw *its* troops": a possessive pronoun there is mostly the doer again)
        anchors = [trigger, *(c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "NOUN")]

        def aimed_at(token: Token) -> bool:
            mine = token.pos_ == "PRON" and token.dep_ == "poss"
            return token is not source and is_actor_like(token) and not a_place(token) and not mine

        found = next((t for a in anchors if (t := path_target(a, aimed_at))), None)
        target = found if found is not None else target
    return source, target


# Types whose coordinated doers act on each other ("Moscow and Kiev held talks", "X and Y agreed"):
# with no target of their own, the target is the same actors (PLV codes them as X -> Y).
RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE"})


# "Scholz fired his finance minister": "fire" whose direct object is a person in a post is a
# dismissal, which no PLOVER category codes ("fired at the general" keeps its preposition,
# "fired missiles" its weapon)
_DISMISSAL_VERBS = frozenset({"fire"})
_POSTS = frozenset(
    {
        "minister", "aide", "adviser", "advisor", "official", "chief", "director", "secretary",
        "commander", "general", "head", "envoy", "ambassador", "prosecutor", "coach", "manager",
        "deputy", "spokesman", "spokeswoman", "staff", "employee", "worker", "executive", "chairman",
    }
)


def _dismisses(trigger: Token, target: Token | None) -> bool:
    return (
        trigger.pos_ == "VERB"
        and trigger.lemma_.lower() in _DISMISSAL_VERBS
        and target is not None
        and target.dep_ == "dobj"
        and (target.ent_type_ == "PERSON" or target.lemma_.lower() in _POSTS)
    )


# "Trump renewed his attacks on Powell", "the Oval Office clash with Zelensky": one person's
# attack on or clash with another is words, not force (an armed attack has a force or a group
# behind it): ACCUSE (disapprove) where the lexicon allows it (the verb "attack"), else no event.
# A sentence that speaks of violence ("Matar attacked Rushdie, stabbing him") keeps the assault.
_WORDS_OR_FORCE = frozenset({"attack", "clash"})
_VIOLENCE = frozenset(
    {
        "stab", "shoot", "shot", "kill", "wound", "injure", "knife", "gun", "gunman", "bomb",
        "hospital", "dead", "die", "assassinate", "assassination", "punch", "beat", "assailant",
    }
)


def _war_of_words(trigger: Token, source: Token | None, target: Token | None, article: Article) -> bool:
    if trigger.lemma_.lower() not in _WORDS_OR_FORCE or target is None:
        return False
    if any(t.lemma_.lower() in _VIOLENCE or t.lower_ in _VIOLENCE for t in trigger.sent):
        return False
    people = {a.id for a in article.actors if a.type == PERSON}

    def person(token: Token | None) -> bool:
        # NER calls Trump an ORG as often as not: the actor linker's verdict counts too
        return token is not None and (
            token.ent_type_ == "PERSON" or any(m.start <= token.idx < m.end and m.actor in people for m in article.mentions)
        )

    # "his attacks on Powell": the possessive is the person the article is about
    # ("his Oval Office clash": the parser may hang it on the noun before the trigger)
    owner = any(
        c.dep_ == "poss" and c.lower_ in ("his", "her")
        for c in (*trigger.children, *(source.children if source is not None else ()))
    )
    return (person(source) or owner) and person(target)


class EventCoder:
    """Fills ``article.events`` with PLOVER-coded events (see the module docstring)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lexicon = load_lexicon()
        self.model: TypeClassifier | EncoderTypeClassifier | None = load_shipped()
        if settings.accurate_attribution:  # --accurate: the encoder typer where one is shipped
            from communique.extract.events.encoder import load_accurate

            self.model = load_accurate() or self.model

    def __call__(self, doc: Doc, article: Article) -> None:
        events: list[Event] = []
        for sentence in content_sentences(doc):
            events.extend(self.code_sentence(sentence, article))
        article.events = events

    def code_sentence(self, sentence: Span, article: Article) -> list[Event]:
        """The events of one sentence, in trigger order."""
        found: list[tuple[Token, list[Entry], list[Token]]] = []
        for token in sentence:
            if token.dep_ == "compound" or token.ent_type_ not in ("", "EVENT") and token.pos_ != "VERB":
                continue
            entries, extra = self.lexicon.lookup(token)
            if not entries:
                entries, extra = speech.obligation(token)  # "says Israel must end attacks"
            if entries:
                found.append((token, entries, extra))
        # A light verb whose object is an event noun ("launched an attack", "imposed sanctions")
        # is not an event of its own: the noun names it and takes the verb's subject.
        nouns = {t.i for t, _e, _x in found if t.pos_ == "NOUN"}
        light = {
            t.i for t, _e, _x in found
            if t.pos_ == "VERB" and t.lemma_.lower() in LIGHT_VERBS and any(
                c.i in nouns or (c.dep_ == "prep" and any(g.i in nouns for g in c.children))
                for c in t.children
            )
        }
        events = []
        for trigger, entries, extra in found:
            if trigger.i in light:
                continue
            event = self._code(trigger, entries, extra, article)
            if event is not None:
                events.append((event, trigger.pos_))
        return merge_mentions(events, article.text)

    def _code(self, trigger: Token, entries: list[Entry], extra: list[Token], article: Article) -> Event | None:
        if speech.is_deed(entries) and speech.reports_a_clause(trigger) \
                and qualify.content_of_cue(article, trigger.idx):
            return None  # "admitted that Ukraine could open talks": attribution's statement, not an act
        source, target = _roles(trigger, self.lexicon)
        # where forces are sent is the target of a mobilization, a place or a thing as it may be;
        # the forces it moves (its object) are not
        mobilizing = all(e.type == "MOBILIZE" for e in entries)
        toward = mobilized_toward(trigger) if mobilizing else None
        if mobilizing and (toward is not None or (target is not None and target.dep_ in ("dobj", "obj"))):
            target = toward
        if source is not None and target is not None and source.i == target.i:
            target = None
        if _dismisses(trigger, target):
            return None
        # "it is open to talks": the pronoun stands for the country named before it
        source_for = self._stands_for(source, article)
        target_for = self._stands_for(target, article)
        source_actor = is_actor_like(source) or self._linked(source, article) or source_for is not None
        target_actor = is_actor_like(target) or self._linked(target, article) or target_for is not None
        strict = all(e.strict for e in entries)
        if source_actor and not target_actor and (target is None or strict):
            # "provided $49 million in assistance to the Pakistan Institute": an act with no
            # actor as its target takes the named actor in what it governs
            named = named_within(trigger, source, places=any(e.type == "AID" for e in entries))
            if named is not None:
                target, target_actor = named, True
        if strict and not (source_actor and target_actor):
            return None
        if not (source_actor or target_actor):
            return None
        # PLOVER roles are actors: "sit down at the negotiating table" has no target.
        # A pronoun the ActorLinker resolved ("it" for Ukraine) is an actor too.
        if not (actor_or_modified(source) or self._linked(source, article) or source_for is not None):
            source = None
        where_sent = toward is not None and target is not None and target.i == toward.i
        if not (actor_or_modified(target) or self._linked(target, article) or target_for is not None or where_sent):
            target = None
        if trigger.lemma_.lower() in speech.SAYING:
            content = qualify.content_of_cue(article, trigger.idx)
            spoken = speech.spoken_type(self.lexicon, trigger, source, article, content)
            if spoken is None:
                return None  # a warning that is a prediction: the statement, not an event
            event_type = spoken
        else:
            event_type = classify(self.model, self.lexicon, trigger, source, target, entries)
        if event_type == "ASSAULT" and _war_of_words(trigger, source, target, article):
            if not any(coarse(e.type) == "ACCUSE" for e in entries):
                return None
            event_type = "ACCUSE"  # "Trump attacked Harris over immigration": disapproval
        typed = [e for e in entries if e.type == event_type] or entries
        source_span = role_span(source) if source is not None else None
        target_span = role_span(target) if target is not None else None
        spans = [(t.idx, t.idx + len(t.text)) for t in (trigger, *extra)]
        statement = qualify.statement_of(article, trigger.idx)
        taken = [s for s in (source_span, target_span) if s is not None]
        source_role = self._role(article, source, source_span, source_for)
        if source is None:
            # "Manila said its vessel ... and urged Beijing to stop": the parse hangs "urged" in
            # the reported clause, but the attribution extractor found who urged
            source_role = qualify.speaker_of_cue(article, trigger.idx) or source_role
        target_role = self._role(article, target, target_span, target_for)
        if event_type in RECIPROCAL and not (target_role.spans and target_actor) and len(source_role.members) > 1:
            # "Pakistan and Afghanistan agreed to share information": each with the other
            target_role = replace(source_role, members=list(source_role.members))
        if source_role.actor is not None and source_role.actor == target_role.actor:
            target_role = Role()  # "Orban, who has resisted the measures": no one resists himself
        mode = qualify.mode(self.lexicon, event_type, typed, trigger)
        return Event(
            type=event_type,
            mode=mode,
            source=source_role,
            target=target_role,
            trigger=Role.from_spans(article.text, spans),
            place=qualify.place_of(article, trigger, taken),
            statement=statement,
            certainty=qualify.certainty(trigger, article, statement),
            context=plover.contexts(event_type, mode, trigger),
            cameo=plover.cameo_root(event_type, mode),
        )

    @staticmethod
    def _role(article: Article, head: Token | None, span: Offsets | None, stands_for: Token | None) -> Role:
        """The role with its identity; a coordinated one ("Moscow and Kiev") lists its actors."""
        whole = qualify.role(article, head, span, stands_for)
        if head is None:
            return whole
        heads = conjuncts(head)
        return qualify.coordinated(article, whole, heads, [conjunct_span(h) for h in heads])

    def _stands_for(self, head: Token | None, article: Article) -> Token | None:
        """The named actor an unresolved ``it``/``they`` role refers to (None otherwise)."""
        if head is None or head.pos_ != "PRON" or self._linked(head, article):
            return None
        return antecedent(head)

    @staticmethod
    def _linked(head: Token | None, article: Article) -> bool:
        """Did the ActorLinker put a mention on this head?"""
        return head is not None and any(m.start <= head.idx < m.end for m in article.mentions)
