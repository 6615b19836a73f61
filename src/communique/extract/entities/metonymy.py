"""Location metonymy, decided once: is a place name used for the place, or for the state that acts?

``Moscow has said``, ``Kiev's assault``, ``talks with Ukraine``, ``advised Kiev``, ``Mexico won
the playoff`` name a government, a military or a team; ``in Moscow``, ``Ukraine's destruction``,
``join Russia`` name the place. Owns: the one decision, :func:`is_agentive`, and the cues it
reads. Both the actor linker (which links an agentive ``Moscow`` to the government of Russia)
and the places extractor (which lists it with ``role`` metonymic) ask this function; neither
decides on its own. Must not: resolve names (``kb``, ``extract/places``).

The rules read the toponym's syntactic role: the subject of an agentive verb, the possessor of
an agentive noun, the partner of ``talks with`` / ``sanctions against``, the agent of a passive,
the object of ``accuse``/``advise``/``beat``, the addressee of an ultimatum, ``pro-Moscow``.
Everything else is literal: locative prepositions, modifiers (``the Istanbul deal``), possessors
of properties (``Australia's population``), subjects of place verbs (``Cambodia is a country``).
Measured on ReLocaR by ``communique eval metonymy``.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# Subjects of these verbs stay places: the verbs describe where or what a place is.
_LITERAL_VERBS = frozenset(
    "be lie border include cover stretch sit rank span contain consist comprise house host "
    "experience suffer receive see lose_population grow become remain have measure occupy "
    "boast feature offer attract neighbour neighbor surround locate situate flood burn shake "
    "freeze swelter".split())
# After ``be``: ``Russia is ready to``... describes the state as an actor.
_AGENTIVE_ADJECTIVES = frozenset(
    "ready willing unwilling open prepared determined keen eager committed interested able "
    "unable reluctant right wrong responsible guilty confident concerned worried".split())
# Objects of these verbs are actors: accused, urged, beaten, represented.
_AGENTIVE_OBJECT_VERBS = frozenset(
    "accuse urge warn criticize criticise blame condemn support back sanction pressure "
    "pressure invite ask tell persuade help defeat beat represent recognize recognise "
    "advise thank praise threaten punish oppose ally join_forces lobby allow force convince "
    "face play draw".split())
# Possessors of these nouns act: Kiev's assault, Russia's position, India's economy? (no).
_AGENTIVE_NOUNS = frozenset(
    "assault attack offensive incursion invasion bombardment strike strikes decision position "
    "stance policy policies proposal plan plans response refusal demand demands call calls "
    "claim claims statement accusation accusations effort efforts leader leaders leadership "
    "president government regime military army navy forces troops minister ministry "
    "ambassador envoy delegation negotiator negotiators team squad coach goal goals victory "
    "win defeat campaign bid participation withdrawal support backing approval rejection "
    "veto vote threat threats warning warnings intention intentions aim aims goal "
    "ally allies allegiance representative representatives diplomacy diplomat diplomats "
    "intelligence officials authorities capture conquest occupation annexation".split())
# ``X with/against <Y>``: Y is a party to an interaction.
_PARTNER_NOUNS = frozenset(
    "talks negotiations relations ties dialogue agreement deal treaty war conflict "
    "cooperation contacts contact engagement talk tie tension meeting trade tensions dispute alliance partnership summit "
    "match game draw fight fighting rivalry negotiation accord pact relation sign "
    "tally program programme export exports".split())
_PARTNER_PREPOSITIONS = frozenset({"with", "against", "between", "versus", "vs", "vs.", "v."})
# ``the independence of X``, ``an envoy from X``: X is the state, not the ground.
_STATE_OF_NOUNS = frozenset(
    "independence secession representative representatives mission will consent protection "
    "honour honor embassy ambassador government king queen army forces navy team squad "
    "recognition support economy policy declaration delegation sovereignty dominion rule "
    "envoy request permission fall tally program programme export exports match".split())
# Offices and forces a state has: ``UK Prime Minister``, ``Russia-backed forces``.
_OFFICE_WORDS = frozenset(
    "president prime minister premier chancellor government officials official ambassador "
    "envoy army military forces troops navy delegation spokesman spokeswoman spokesperson "
    "authorities leader leadership ministry".split())
# ``sanctions on X``, ``pressure on X``: X is the state that is targeted.
_TARGET_ON_NOUNS = frozenset(
    "sanction sanctions pressure embargo tariff tariffs restrictions demands demand "
    "ultimatum call calls".split())
# ``sold to X``, ``lost to X``: X receives or wins, as a party.
_PARTY_TO_VERBS = frozenset(
    "transfer lose sell provide give export cede surrender hand loan lend supply "
    "defect appeal report apologise apologize".split())
# ``played for X``, ``his debut for X``: a national team.
_TEAM_FOR_WORDS = frozenset(
    "play score compete appear debut cap olympics win goal appearance selection represent "
    "fight spy".split())
# ``X is a town in...``, ``X has a population of``: being and having as a place.
_PLACE_NOUNS = frozenset(
    "neighbourhood neighborhood community centre center suburb municipality town city village "
    "commune settlement island lake place part region area capital district land site "
    "country county province state territory hamlet borough township locality port "
    "population climate border coast coastline river mountain mountains home destination "
    "peninsula archipelago municipalities villages towns cities beaches beach".split())


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


def is_agentive(span: Span) -> bool:
    """True when the toponym ``span`` stands for an actor (government, army, team), not a place."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].text == "-" \
            and doc[span.start - 2].lower_ in ("pro", "anti"):
        return True  # "pro-Moscow advisers": a stance towards the state
    token = _first_conjunct(span.root)
    if token.dep_ == "appos":  # "its ally, the United States,": as the phrase it renames
        token = _first_conjunct(token.head)
    return _reading(token) or _addressed(token)


def _first_conjunct(token: Token) -> Token:
    """A conjunct shares its first conjunct's role: ``Moscow and Kiev must settle``."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _addressed(token: Token) -> bool:
    """The state as the party addressed, asked or held to a stance: ``advised Kiev``, ``gave
    Kiev weapons``, ``an ultimatum to Turkey``, ``called on Kiev``, ``the position of Moscow``."""
    dep, head = token.dep_, token.head
    if dep in ("dobj", "iobj", "dative") and head.lemma_.lower() in ADDRESSEE_VERBS:
        return True
    if dep == "dative":
        return True
    if dep != "pobj":
        return False
    preposition, governor = head.lower_, head.head
    if preposition == "to":
        objects = [c.lower_ for c in governor.children if c.dep_ in ("dobj", "obj")]
        return governor.lower_ in MESSAGE_NOUNS or any(o in MESSAGE_NOUNS for o in objects)
    if preposition == "on":
        return governor.lemma_.lower() in ("call", "press", "pressure")
    if preposition == "from":
        return governor.lemma_.lower() in ("demand", "request", "response")
    if preposition == "of":
        return governor.lower_ in STANCE_NOUNS
    if preposition in ("between", "with"):
        return governor.lower_ in PARTY_NOUNS
    return False


def _reading(token: Token) -> bool:
    dep, head = token.dep_, token.head
    if dep == "nsubj":
        return _agentive_subject(head)
    if dep == "nsubjpass":
        return head.lemma_ in _AGENTIVE_OBJECT_VERBS
    if dep == "poss" or (token.i + 1 < len(token.doc) and token.doc[token.i + 1].tag_ == "POS"
                         and dep != "compound"):
        words = {head.lemma_.lower(), head.lower_}
        if words & PATIENT_NOUNS:
            return False
        return bool(words & _AGENTIVE_NOUNS or words & _STATE_OF_NOUNS)
    if dep == "compound":
        # ``UK Prime Minister Boris Johnson``: the modifier names the state an office belongs to.
        return any(t.lower_ in _OFFICE_WORDS for t in token.head.subtree if t.i > token.i
                   and t.i <= token.head.i)
    if dep == "dobj":
        return head.lemma_ in _AGENTIVE_OBJECT_VERBS
    if dep == "pobj":
        preposition = head.lower_
        if head.dep_ == "agent":
            return True  # "derailed by Moscow"
        owner = head.head.lemma_.lower()
        if preposition in _PARTNER_PREPOSITIONS:
            # ``talks`` lemmatises to ``talk``: accept the plural as written too.
            return preposition == "against" or owner in _PARTNER_NOUNS \
                or head.head.lower_ in _PARTNER_NOUNS
        if preposition in {"of", "from"}:
            return owner in _STATE_OF_NOUNS
        if preposition == "to":
            return owner in _PARTY_TO_VERBS
        if preposition == "for":
            return owner in _TEAM_FOR_WORDS
        if preposition == "on":
            # ``sanctions on Russia``: the state is the target; ``strikes on Kyiv`` hit the city.
            return owner in _TARGET_ON_NOUNS
        if preposition == "over":
            return owner in {"win", "victory", "triumph"}
    return False


def _agentive_state(verb: Token) -> bool:
    """``X is/has ...``: a place when it is a kind of place, has place properties or is located
    somewhere (``is a town in``, ``has a population``); otherwise the political entity
    (``is a member``, ``was at war with``, ``has an embassy``)."""
    complements = [c for c in verb.children if c.dep_ in {"acomp", "attr", "dobj", "oprd"}]
    if any(c.lemma_.lower() in _AGENTIVE_ADJECTIVES for c in complements):
        return True
    if any(c.lemma_.lower() in _PLACE_NOUNS for c in complements):
        return False
    if any(c.dep_ == "prep" and c.lower_ in {"in", "on", "near", "at", "within", "north", "south",
                                              "east", "west", "between", "along"}
           for c in verb.children):
        return False
    return bool(complements) or any(c.dep_ == "prep" for c in verb.children)


def _agentive_subject(verb: Token) -> bool:
    """A subject acts unless its verb describes a place (``lies``, ``borders``, ``is large``)."""
    lemma = verb.lemma_
    if verb.pos_ not in {"VERB", "AUX"}:
        return verb.lemma_.lower() in _AGENTIVE_ADJECTIVES
    if lemma in {"be", "become", "remain", "have"}:
        return _agentive_state(verb)
    if verb.dep_ == "relcl" and lemma in {"locate", "situate", "base"}:
        return False
    return lemma not in _LITERAL_VERBS
