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
    "dispute", "war", "conflict", "treaty", "ceasefire", "truce", "meeting", "summit",
    "tension", "tensions", "rift", "accord", "alliance", "cooperation", "partnership",
    "position", "stance", "policy", "demand", "demands", "proposal", "offer", "claim",
    "claims", "decision", "refusal", "response", "reaction", "plan", "plans", "offensive",
    "assault", "incursion", "invasion", "attack", "attacks", "aggression", "strike",
    "strikes", "support", "leadership", "government", "officials", "envoy", "ambassador",
    "delegation", "allies", "ally", "approval", "consent", "request", "accusation",
    "accusations", "warning", "threat", "threats", "sanctions", "troops", "forces",
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
    dep = token.dep_
    head = token.head
    if dep in _SUBJECT:
        return True
    possessive = dep == "poss" or (span.end < len(span.doc) and span.doc[span.end].tag_ == "POS")
    if possessive:
        return capital or head.lower_ in PARTY_NOUNS
    if dep == "pobj" and head.dep_ == "agent":
        return True  # "derailed by Moscow"
    if dep in ("dobj", "iobj", "dative") and head.lemma_.lower() in ADDRESSEE_VERBS:
        return True
    if dep == "pobj" and head.lower_ in ("between", "with", "from", "of", "by", "on"):
        governor = head.head
        if head.lower_ == "on" and governor.lemma_.lower() in ("call", "press", "pressure"):
            return True  # "called on Kiev to"
        if head.lower_ == "from" and governor.lemma_.lower() in ("demand", "request", "response"):
            return True
        return governor.lower_ in PARTY_NOUNS and head.lower_ in ("between", "with", "of")
    return False
