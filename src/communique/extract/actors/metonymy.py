"""Is a capital or country name used as an agent (``Moscow said``) or as a place (``in Moscow``)?

Owns: the syntactic test that decides whether a toponym denotes the state acting (its
government) rather than a location. Must not: resolve names (``kb``) or decide places
(``extract/places`` geocodes whatever this does not claim).

The test is deliberately conservative: a toponym is an agent when it is the subject of a
verb, a possessor (``Kiev's assault``), the agent of a passive, the addressee of a verb of
communication or pressure (``advised Kiev``), a party to talks (``talks between Moscow and
Kiev``), or conjoined with such a toponym. Everything else stays a place.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# Verbs whose object is a party that is told, pressed or blamed: the object is an actor.
ADDRESSEE_VERBS = frozenset({
    "advise", "urge", "tell", "warn", "accuse", "blame", "ask", "call", "press", "pressure",
    "persuade", "convince", "encourage", "invite", "criticize", "criticise", "condemn",
    "threaten", "support", "back", "help", "arm", "sanction", "punish", "attack", "fight",
    "defeat", "recognize", "recognise", "congratulate", "thank", "trust", "force", "push",
    "allow", "order", "inform", "remind", "assure", "reassure", "engage",
})
# Nouns whose "between"/"with"/"of" object is a party (talks between Moscow and Kiev).
PARTY_NOUNS = frozenset({
    "talks", "negotiation", "negotiations", "relations", "agreement", "deal", "dialogue",
    "dispute", "war", "conflict", "engagement", "spat", "relationship", "friction", "frictions",
    "feud", "standoff", "row", "rivalry", "quarrel", "contacts", "contact", "treaty", "ceasefire", "truce", "meeting", "summit",
    "tension", "tensions", "rift", "accord", "alliance", "cooperation", "partnership",
    "position", "stance", "policy", "demand", "demands", "proposal", "offer", "claim",
    "claims", "decision", "refusal", "response", "reaction", "plan", "plans", "offensive",
    "assault", "incursion", "invasion", "attack", "attacks", "aggression", "strike",
    "strikes", "support", "leadership", "government", "officials", "envoy", "ambassador",
    "delegation", "allies", "ally", "approval", "consent", "request", "accusation",
    "accusations", "warning", "threat", "threats", "sanctions", "troops", "forces",
})
# Nouns whose "of" object is the party holding them ("the position of Moscow").
STANCE_NOUNS = frozenset({
    "position", "stance", "policy", "demand", "demands", "proposal", "offer", "decision",
    "refusal", "response", "reaction", "plan", "plans", "leadership", "government", "officials",
    "envoy", "ambassador", "delegation", "approval", "consent", "request", "warning", "claims",
    "accusation", "accusations", "allies", "ally", "intentions", "support",
})
# Nouns a country possesses as a place or a population, not as an acting state
# ("Ukraine's destruction", "Russia's western borders"): the possessor stays the country.
PATIENT_NOUNS = frozenset({
    "destruction", "territory", "territories", "border", "borders", "soil", "land", "lands",
    "people", "population", "citizens", "residents", "cities", "city", "regions", "region",
    "capital", "economy", "history", "future", "past", "culture", "sovereignty", "independence",
    "integrity", "coast", "coastline", "north", "south", "east", "west", "heartland", "map",
    "children", "women", "men", "youth", "poor", "weather", "climate", "landscape", "ports",
    "airspace", "waters", "infrastructure", "countryside", "neighbours", "neighbors",
    "collapse", "suffering", "victims", "dead", "casualties", "losses", "oil", "gas", "exports", "imports",
    "market", "markets", "stock", "currency", "debt", "gdp", "inflation",
})
# Nouns whose "to" object is the party addressed ("an ultimatum to Turkey").
MESSAGE_NOUNS = frozenset({
    "ultimatum", "warning", "message", "letter", "appeal", "offer", "call", "request",
    "demand", "demands", "plea", "note", "proposal", "overture", "invitation", "assurance",
    "assurances", "guarantee", "guarantees", "concession", "concessions", "aid", "loan", "loans",
})
_SUBJECT = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token


def is_agentive(span: Span, capital: bool = True) -> bool:
    """True when the toponym ``span`` acts, speaks or is acted upon as a state.

    A possessive capital is an agent (``Kiev's assault``); a possessive country only when
    what it possesses is an act or a stance (``Russia's offer``, not ``Ukraine's destruction``).
    """
    token = _first_conjunct(span.root)
    if token.dep_ == "appos":  # "its ally, the United States,": as the phrase it renames
        token = _first_conjunct(token.head)
    dep = token.dep_
    head = token.head
    doc = span.doc
    if dep in _SUBJECT:
        return True
    if span.start >= 2 and doc[span.start - 1].text == "-" and doc[span.start - 2].lower_ in ("pro", "anti"):
        return True  # "pro-Moscow advisers": a stance towards the state
    possessive = dep == "poss" or (span.end < len(doc) and doc[span.end].tag_ == "POS")
    if possessive:
        return capital or head.lower_ not in PATIENT_NOUNS
    if dep == "pobj" and head.dep_ == "agent":
        return True  # "derailed by Moscow"
    if dep in ("dobj", "iobj", "dative") and head.lemma_.lower() in ADDRESSEE_VERBS:
        return True
    if dep == "dative":
        return True  # "gave Kiev weapons"
    if dep == "pobj" and head.lower_ == "to":
        governor = head.head  # "an ultimatum to Turkey", or "issued an ultimatum to Turkey"
        objects = [c.lower_ for c in governor.children if c.dep_ in ("dobj", "obj")]
        if governor.lower_ in MESSAGE_NOUNS or any(o in MESSAGE_NOUNS for o in objects):
            return True
    if dep == "pobj" and head.lower_ in ("between", "with", "from", "of", "by", "on"):
        governor = head.head
        if head.lower_ == "on" and governor.lemma_.lower() in ("call", "press", "pressure"):
            return True  # "called on Kiev to"
        if head.lower_ == "from" and governor.lemma_.lower() in ("demand", "request", "response"):
            return True
        if head.lower_ == "of":
            return governor.lower_ in STANCE_NOUNS  # "the position of Moscow", not "invasion of"
        return governor.lower_ in PARTY_NOUNS and head.lower_ in ("between", "with")
    return False
