"""Saying verbs the lexicon types as acts ("warned" -> THREATEN): an event only when what was
said is one.

Owns: deciding whether a warning is a threat (what it says has the warner, or a pronoun for
it, doing violence or coercion: "warned that it would strike back"), a request (it tells
someone to do or not do something: "warned Kiev to stop", "warned against escalation"), or no
event of its own (a prediction: "warned that this would result in Ukraine's destruction"; the
statement itself is attribution's). Also owns the one saying that is a request without a
request word: "Russia says Israel must end attacks" (a saying verb whose reported clause obliges
another actor: a REQUEST of the sayer to that actor), and the generic act verbs that report a
clause ("admitted that ...": no RETREAT of its own). Must not: find roles or type any other trigger.
"""

from __future__ import annotations

from spacy.tokens import Token

from communique.extract.events.lexicon import Entry, Lexicon
from communique.extract.events.roles import is_actor_like, noun_source, obliged_clause, verb_source
from communique.model import Article, Offsets

# the verbs of saying that the lexicon lists under THREATEN or REQUEST
SAYING = frozenset({"warn", "caution"})
# what a threat threatens: force, coercion, punishment
_THREATENED = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
# the warner's own voice in the content: first person, or a pronoun standing for the warner
_OWN_VOICE = frozenset({"we", "i", "us", "it", "they", "he", "she"})
_FUTURE = frozenset({"will", "would", "shall", "'ll"})


def _content_tokens(trigger: Token, content: list[Offsets]) -> list[Token]:
    """The words of what was said: the verb's complement clauses and its statement's content."""
    inside = {
        t.i for c in trigger.children if c.dep_ in ("ccomp", "xcomp", "parataxis") for t in c.subtree
    }
    for start, end in content:
        inside |= {t.i for t in trigger.doc if start <= t.idx < end}
    return [trigger.doc[i] for i in sorted(inside)]


def _same_actor(article: Article, first: Token, second: Token | None) -> bool:
    if second is None:
        return False
    if first.i == second.i or first.lower_ == second.lower_:
        return True

    def actor(token: Token) -> str | None:
        return next((m.actor for m in article.mentions if m.start <= token.idx < m.end), None)

    return actor(first) is not None and actor(first) == actor(second)


def spoken_type(lexicon: Lexicon, trigger: Token, source: Token | None, article: Article,
                content: list[Offsets]) -> str | None:
    """THREATEN, REQUEST or None (no event) for a saying trigger (see the module docstring)."""
    for token in _content_tokens(trigger, content):
        entries, _extra = lexicon.lookup(token)
        if not any(e.type in _THREATENED for e in entries):
            continue
        doer = verb_source(token) if token.pos_ == "VERB" else noun_source(token)
        if doer is not None and (doer.lower_ in _OWN_VOICE or (source is not None and _same_actor(article, source, doer))):
            return "THREATEN"
    for token in _content_tokens(trigger, content):
        # "warned that police will no longer tolerate rallies": an actor's announced act
        if token.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in token.children):
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.pos_ != "PRON" and is_actor_like(subject):
                return "THREATEN"
    if any(c.dep_ == "xcomp" for c in trigger.children) or any(
        c.dep_ == "prep" and c.lower_ == "against" for c in trigger.children
    ):
        return "REQUEST"
    return None


def _finite(clause: Token) -> bool:
    """A clause with its own tense ("that Ukraine could open talks", "he had a role"), not an
    infinitive ("allow the WFP to deliver food", "allow Tinubu run"), whose subject the verb acts on."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return False
    return (
        clause.tag_ in ("VBD", "VBZ")
        or any(c.dep_ == "mark" and c.lower_ in ("that", "whether", "if") for c in clause.children)
        or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBD", "VBZ", "VBP") for c in clause.children)
    )


# PLOVER types that are deeds, not speech acts: a verb the lexicon lists only under these
# ("admit" = let in, "concede", "recall" an ambassador) names no event when it reports a clause
# ("admitted that ...", "conceded that ...", "recalled that ...")
DEEDS = frozenset({"AID", "RETREAT", "CONCEDE", "COERCE", "ASSAULT", "MOBILIZE", "SANCTION", "PROTEST", "COOPERATE"})


def is_deed(entries: list[Entry]) -> bool:
    return all(e.type in DEEDS for e in entries)


def reports_a_clause(trigger: Token) -> bool:
    """A deed verb used as a saying (the cue of a statement): "Zelensky admitted that Ukraine
    could open talks", "conceded that the army had withdrawn". Its object is a finite clause,
    not an actor, so it reports (attribution's statement) rather than does; "Turkey admitted
    Syrian refugees" and "allowed aid workers to enter" still do. The plain verbs of saying
    (``REPORTING``; "declare" is one, and a COERCE deed too) are left to the lexicon and to
    :func:`obligation`."""
    children = list(trigger.children)
    return (
        trigger.pos_ == "VERB"
        and trigger.lemma_.lower() not in REPORTING
        and any(c.dep_ == "ccomp" and _finite(c) for c in children)
        and not any(c.dep_ in ("dobj", "obj", "dative") for c in children)
    )


# Verbs that report what someone said.
REPORTING = frozenset({"say", "insist", "state", "stress", "declare", "add", "reiterate", "tell", "maintain"})


def obligation(token: Token) -> tuple[list[Entry], list[Token]]:
    """A REQUEST entry (and the modal as part of the trigger) for a saying verb with an actor
    subject whose reported clause obliges another actor, named or a common-noun group ("we
    must" obliges the speaker's side: no request); nothing otherwise."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in REPORTING:
        return [], []
    sayer = next((c for c in token.children if c.dep_ == "nsubj"), None)
    clause = obliged_clause(token)
    if sayer is None or clause is None or not is_actor_like(sayer):
        return [], []
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ == "PRON" or not is_actor_like(subject):
        return [], []
    modal = next(c for c in clause.children if c.dep_ == "aux" and c.lower_ in ("must", "should"))
    return [Entry(token.lemma_.lower(), "VERB", "REQUEST", "change", True)], [modal]
