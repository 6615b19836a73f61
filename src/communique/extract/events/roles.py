"""Who did it to whom: the source and target of an event trigger, read off spaCy's parse.

Owns: the agent of a verb (its subject, the ``by`` agent of a passive, the subject inherited
through ``xcomp``/``conj``/relative clauses, the object of an object-control verb: "urged the two
countries to return"), the agent of an event noun (its possessor: "Kiev's assault", an
adjectival nationality, a ``by`` phrase, or the subject of the light verb that governs it:
"Russia launched an attack"), the target (object, passive subject, ``against``/``on``/``with``
phrases; where none is an actor, the named actor the trigger governs, ``named_within``; where
forces are sent, ``mobilized_toward``), the span of a role's noun phrase, and whether a head looks
like an actor (named, or a noun of ``data/events/actor_nouns.txt``). The role paths that find the
actor behind a thing are data (``paths.py``). Must not:
decide event types, or link actors (the coder copies identities from the ActorLinker's output).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

from spacy.tokens import Token

_SUBJECTS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
_OBJECTS = frozenset({"dobj", "dative", "obj"})
# Prepositions that introduce the one an event is directed at.
_TARGET_PREPS = frozenset({"against", "on", "with", "upon", "into", "toward", "towards", "at", "to"})
_NOUN_TARGET_PREPS = _TARGET_PREPS | {"of", "over"}
# Verbs whose target is where they leave ("withdraw troops from X": X, not the troops).
FROM_VERBS = frozenset({"withdraw", "pull", "retreat", "evacuate", "expel", "oust"})
# Verbs whose complement clause's subject is the one they are directed at.
DEMAND_VERBS = frozenset({
    "demand", "urge", "ask", "insist", "request", "propose", "suggest", "recommend", "press", "warn",
    "threaten", "call", "advise", "order", "appeal", "plead",
})
# Verbs that pass their object on as the doer of their complement ("urged X to return").
OBJECT_CONTROL = frozenset({
    "urge", "ask", "advise", "call", "encourage", "invite", "force", "order", "press", "persuade",
    "tell", "allow", "permit", "compel", "pressure", "request", "help", "warn", "push", "lead",
})
# Texts that speak for whoever issues them ("a report accusing", "a resolution demanding").
TEXT_NOUNS = frozenset({
    "report", "resolution", "statement", "letter", "lawsuit", "complaint", "petition", "motion",
    "bill", "declaration", "communique", "communiqué", "note", "memo", "decree", "order", "ruling",
    "verdict", "suit", "appeal", "campaign", "message", "speech", "editorial", "commitment",
})
# Verbs whose object event noun is done by their subject ("launched an attack", "held talks").
LIGHT_VERBS = frozenset({
    "launch", "carry", "conduct", "hold", "stage", "mount", "begin", "start", "resume", "open",
    "continue", "make", "impose", "issue", "wage", "have", "join", "lead", "announce", "order",
    "return", "step", "intensify", "escalate", "pursue", "undertake", "initiate", "file", "level",
    "bring", "deliver", "send", "give", "sign", "reach", "strike", "seal", "enter", "call", "declare",
})
# Role dependencies cut off a role's span: what a clause or phrase adds after the actor's name.
_SPAN_CUT = frozenset({"relcl", "acl", "appos", "punct", "prep", "advcl", "ccomp", "xcomp", "parataxis"})
# Prepositions that say what an act is aimed at.
_AIMED_PREPS = frozenset({"against", "on", "upon", "into"})
_TIME_PREPS = frozenset({"after", "before", "since", "during", "until", "amid", "following"})
_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
# Common nouns that name actors (data/events/actor_nouns.txt), so "troops attacked" has a source.
ACTOR_NOUNS = frozenset(
    line.strip() for line in resources.files("communique").joinpath("data", "events", "actor_nouns.txt")
    .read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")
)


# Heads that count or group the actors named in their ``of`` phrase ("dozens of protesters").
QUANTITY_NOUNS = frozenset({
    "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
    "number", "group", "some", "many", "most", "all", "several", "scores", "members", "one", "two",
})


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def role_span(head: Token, cut: frozenset[str] = _SPAN_CUT) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``head`` (without clauses and phrases after it,
    except the ``of`` phrase of a quantity: "dozens of protesters")."""
    keep = [head]
    quantity = head.lower_ in QUANTITY_NOUNS and _of_object(head) is not None
    stack = [c for c in head.children if c.dep_ not in cut or (quantity and c.dep_ == "prep" and c.lower_ == "of")]
    while stack:
        token = stack.pop()
        keep.append(token)
        stack.extend(c for c in token.children if c.dep_ not in cut)
    keep = [t for t in keep if not t.is_space]
    left = min(t.i for t in keep)
    right = max(t.i for t in keep)
    doc = head.doc
    # Trim edge punctuation and determiners' quote marks that a ``keep`` walk may have included.
    # A spaced dash before the head ends a dateline or a headline kicker ("THE HAGUE - A court").
    for k in range(head.i - 1, left - 1, -1):
        if doc[k].text in _DASHES and doc[k].whitespace_ and k > 0 and doc[k - 1].whitespace_:
            left = k + 1
            break
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def conjuncts(head: Token) -> list[Token]:
    """The actors of a coordinated role, each by its head ("Moscow and Kiev": Moscow, Kiev;
    "Russia, Ukraine and Belarus": three); ``[head]`` when the role is one actor, or when a
    conjunct is not an actor ("Russia and its economy" is Russia's)."""
    found = [head]
    stack = [c for c in head.children if c.dep_ == "conj"]
    while stack:
        token = stack.pop(0)
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ == "conj")
    if len(found) < 2 or not all(is_actor_like(t) for t in found):
        return [head]
    return sorted(found, key=lambda t: t.i)


_CONJUNCT_CUT = _SPAN_CUT | {"conj", "cc"}


def conjunct_span(head: Token) -> tuple[int, int]:
    """The span of one conjunct of a coordinated role ("Kiev" of "Moscow and Kiev")."""
    return role_span(head, _CONJUNCT_CUT)


# Pronouns that stand for a country, a government or a group named earlier in the sentence.
_STANDING_PRONOUNS = frozenset({"it", "its", "they", "their", "them"})
_NAMED_ACTORS = frozenset({"GPE", "ORG", "NORP"})


def antecedent(pronoun: Token) -> Token | None:
    """The named actor an ``it``/``they`` stands for: the nearest named country, organisation or
    group before it in its sentence ("Russia has said that *it* is open to talks",
    "engagement with Ukraine is impossible as long as *it* is conducting attacks"). Only a
    pronoun the ActorLinker left unresolved is asked about; None when the sentence names none.
    """
    if pronoun.lower_ not in _STANDING_PRONOUNS:
        return None
    reporter = _reporter(pronoun)
    if reporter is not None:
        return reporter
    for token in reversed(pronoun.doc[pronoun.sent.start : pronoun.i]):
        if token.ent_type_ in _NAMED_ACTORS and token.ent_iob_ in ("B", "I") and token.pos_ == "PROPN":
            # the entity's head: the last token of its entity
            end = token.i
            while end + 1 < pronoun.i and pronoun.doc[end + 1].ent_iob_ == "I":
                end += 1
            return pronoun.doc[end]
    return None


def _reporter(pronoun: Token) -> Token | None:
    """"The ELN has said *it* will release Sanchez": the named subject of the saying verb whose
    reported clause the pronoun is the subject of (a pronoun or a thing there stands for no one)."""
    clause = pronoun.head
    if pronoun.dep_ not in _SUBJECTS or clause.dep_ != "ccomp":
        return None
    subject = next((c for c in clause.head.children if c.dep_ in _SUBJECTS), None)
    if subject is None or subject.pos_ == "PRON" or not is_actor_like(subject):
        return None
    return subject


def is_dateline(token: Token) -> bool:
    """An upper-case place opening the sentence ("THE HAGUE -", "BERLIN (Reuters)") is a
    dateline the parser took for a subject, not an actor."""
    if not (token.is_upper and len(token.text) > 2 and token.i - token.sent.start <= 3):
        return False
    if token.ent_type_ not in ("GPE", "LOC", ""):
        return False
    following = token.doc[token.i + 1 : min(token.i + 5, token.sent.end)]
    return any(t.text in _DASHES or t.text in ("(", ":") for t in following)


def is_actor_like(token: Token | None) -> bool:
    """Does the head name someone who can act: an entity, a pronoun, or an actor noun?"""
    if token is None or is_dateline(token):
        return False
    if token.ent_type_ in _ACTOR_ENTS:
        return True
    if token.ent_type_ and token.lower_ not in QUANTITY_NOUNS:  # a date or an amount: never an actor
        return False
    if token.lower_ in QUANTITY_NOUNS:
        counted = _of_object(token)
        return counted is not None and is_actor_like(counted)
    if token.pos_ == "PRON":
        # "it" and relatives name things; "you" is mostly generic ("the more you help ...")
        return token.lower_ not in ("it", "this", "that", "which", "what", "something", "nothing", "you")
    if token.pos_ == "PROPN":
        return True
    return token.lemma_.lower() in ACTOR_NOUNS or token.lower_ in ACTOR_NOUNS


def _antecedent(token: Token) -> Token:
    """``who``/``which``/``that`` subject of a relative clause -> the noun the clause modifies."""
    if token.tag_ in ("WP", "WDT") or token.lower_ in ("who", "which", "that"):
        clause = token.head
        if clause.dep_ == "relcl":
            return clause.head
    return token


def verb_source(verb: Token, depth: int = 0) -> Token | None:
    """The doer of a verbal trigger (see module docstring); None when the parse gives none."""
    children = list(verb.children)
    for child in children:
        if child.dep_ in _SUBJECTS:
            return _antecedent(child)
    for child in children:
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0]
    if depth > 3:
        return None
    head = verb.head
    if verb.dep_ == "xcomp" and head.dep_ == "acomp" and head.pos_ == "ADJ":
        # "Honduras is willing to withdraw": the subject of the copula the adjective completes
        return verb_source(head.head, depth + 1)
    if verb.dep_ == "xcomp" and head is not verb:
        if head.lemma_.lower() in OBJECT_CONTROL:
            for child in head.children:
                if child.dep_ in _OBJECTS:
                    return child
        return verb_source(head, depth + 1)
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return verb_source(head, depth + 1)
    if verb.dep_ in ("relcl", "acl") and not any(c.dep_ in _PASSIVE_SUBJECTS for c in children):
        # "the force that attacked ...": the modified noun is the doer of an active relative clause
        if verb.dep_ == "relcl":
            return head
        # "Amnesty put out a report accusing the army": the one who issued the text accuses
        if verb.tag_ == "VBG" and head.lemma_.lower() in TEXT_NOUNS:
            governor = _governing_verb(head)
            return verb_source(governor, depth + 1) if governor is not None else None
        return None
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        # "accused Kiev of attacking": the doer of the gerund is the accused one (the object)
        governor = head.head
        for child in governor.children:
            if child.dep_ in _OBJECTS:
                return child
        return verb_source(governor, depth + 1) if governor.pos_ in ("VERB", "AUX") else None
    return None


def verb_target(verb: Token) -> Token | None:
    """Whom a verbal trigger is directed at: object, passive subject, or a target preposition."""
    children = list(verb.children)
    for child in children:
        if child.dep_ in _PASSIVE_SUBJECTS:
            return _antecedent(child)
    if verb.dep_ in ("relcl", "acl") and any(c.dep_ == "agent" for c in children):
        return verb.head
    if verb.lemma_.lower() in FROM_VERBS:
        origin = _prep_object(verb, frozenset({"from"}))
        if origin is not None:
            return origin
    objects = []
    for child in children:
        if child.dep_ in _OBJECTS:
            # "granted asylum to X": spaCy makes "to" the dative; the recipient is its object
            if child.pos_ == "ADP":
                child = next((g for g in child.children if g.dep_ == "pobj"), None)
            if child is not None:
                objects.append(child)
    for child in objects:
        if child.dep_ in ("dative", "pobj") or is_actor_like(child):
            return child
    preposition = _prep_object(verb, _TARGET_PREPS)
    if preposition is not None and is_actor_like(preposition):
        return preposition
    if objects:
        return objects[0]
    if preposition is not None:
        return preposition
    # "demanded that Dbeibeh appear", "urged that Kiev withdraw": the subject of the complement
    # is the target of a demand (not of "admitted that Ukraine could ...": that is speech)
    for child in children if verb.lemma_.lower() in DEMAND_VERBS or obliged_clause(verb) is not None else ():
        if child.dep_ == "ccomp":
            subject = next((g for g in child.children if g.dep_ in _SUBJECTS), None)
            if subject is not None and is_actor_like(subject) and subject.pos_ != "PRON":
                return subject
    return None


def obliged_clause(verb: Token) -> Token | None:
    """"Russia says Israel *must* end attacks": the complement clause with an obligation modal."""
    return next(
        (c for c in verb.children if c.dep_ == "ccomp" and any(
            g.dep_ == "aux" and g.lower_ in ("must", "should") for g in c.children
        )),
        None,
    )


def _prep_object(head: Token, preps: frozenset[str]) -> Token | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


# Event nouns whose possessor undergoes the event ("Ukraine's destruction", "his arrest").
PATIENT_NOUNS = frozenset({
    "destruction", "arrest", "detention", "release", "execution", "killing", "assassination",
    "deportation", "expulsion", "murder", "kidnapping", "abduction", "capture", "torture",
    "extradition", "conviction", "indictment", "prosecution", "imprisonment", "defeat",
})


# Verbs whose subject reports or perceives an event noun rather than doing it ("reported the attack").
REPORTING_VERBS = frozenset({
    "say", "report", "confirm", "describe", "see", "witness", "watch", "hear", "claim", "mention",
    "cite", "follow", "investigate", "monitor", "expect", "fear", "survive", "mark", "recall",
    "remember", "cover", "publish", "show", "reveal", "welcome", "discuss", "face", "suffer",
})


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose object (or prepositional object) the event noun is."""
    governor = noun.head
    if noun.dep_ == "pobj" and governor.dep_ == "prep":
        governor = governor.head
    elif noun.dep_ not in ("dobj", "obj", "attr"):
        return None
    return governor if governor.pos_ in ("VERB", "AUX") else None


# Adjectives whose subject is ready to do the event noun after them ("it is open to talks").
READINESS = frozenset({"open", "ready", "willing", "prepared", "committed", "eager", "keen", "available"})


def _ready_subject(noun: Token) -> Token | None:
    """"Russia is open to talks": the subject of the copula whose adjective governs the noun."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return None
    adjective = noun.head.head
    if adjective.lemma_.lower() not in READINESS or adjective.dep_ != "acomp":
        return None
    return next((c for c in adjective.head.children if c.dep_ in _SUBJECTS), None)


def noun_source(noun: Token, is_trigger: Callable[[Token], bool] | None = None) -> Token | None:
    """The doer of an event noun: possessor, nationality adjective, ``by`` phrase, the subject of
    a readiness adjective ("Russia is open to talks"), or the subject of the verb that governs it
    when that verb is a light verb ("launched an attack") or any verb that is neither an event of
    its own (``is_trigger``) nor a report ("intensified its shelling")."""
    ready = _ready_subject(noun)
    if ready is not None:
        return ready
    if noun.dep_ == "conj" and noun.head.pos_ == "NOUN" and not any(c.dep_ in ("poss", "agent") for c in noun.children):
        # "its total rejection and strong condemnation of X": the first noun's doer does both
        return noun_source(noun.head, is_trigger)
    governor = _governing_verb(noun)
    carrier = None
    if governor is not None:
        lemma = governor.lemma_.lower()
        # A full verb carries its subject to its object ("intensified its shelling"); a copula or
        # an adjective does not ("was awake after the attacks" is not done by the sleeper), nor
        # a temporal preposition ("after", "before", "since", "during").
        full_verb = governor.pos_ == "VERB" and noun.head.lower_ not in _TIME_PREPS
        if lemma in LIGHT_VERBS or (
            full_verb and is_trigger is not None and lemma not in REPORTING_VERBS and not is_trigger(governor)
        ):
            carrier = governor
    for child in noun.children:
        if child.dep_ == "poss" and noun.lemma_.lower() not in PATIENT_NOUNS:
            # "the army intensified its bombardment": the possessive pronoun is the verb's subject
            if child.pos_ == "PRON" and carrier is not None:
                subject = verb_source(carrier)
                if subject is not None:
                    return subject
            return child
    by_object = _prep_object(noun, frozenset({"by", "from"}))
    if by_object is not None and is_actor_like(by_object):
        return by_object
    for child in noun.children:
        # "Russian assault", "NATO exercise"; a place-name modifier ("the Kursk incursion") says where.
        if child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "ORG") and child.i < noun.i:
            return child
    return verb_source(carrier) if carrier is not None else None


def noun_target(noun: Token) -> Token | None:
    """Whom an event noun is directed at: ``on``/``against``/``with``/``of`` phrases, or the
    possessor of a noun whose possessor undergoes it."""
    if noun.lemma_.lower() in PATIENT_NOUNS:
        for child in noun.children:
            if child.dep_ == "poss":
                return child
    found = _prep_object(noun, _NOUN_TARGET_PREPS)
    if found is not None:
        return found
    shared = next((c for c in noun.children if c.dep_ == "conj" and c.pos_ == "NOUN"), None)
    if shared is not None:
        # "rejection and condemnation of the declaration": the last noun's phrase is both nouns'
        return noun_target(shared)
    governor = noun.head
    if noun.dep_ in ("dobj", "obj") and governor.lemma_.lower() in LIGHT_VERBS:
        return _prep_object(governor, _TARGET_PREPS)
    return None


def actor_or_modified(token: Token | None) -> bool:
    """An actor head, or a phrase an actor's nationality modifies ("Russian territory")."""
    if token is None:
        return False
    if is_actor_like(token):
        return True
    if is_dateline(token):
        return False
    # The direct object of a verb is its target even when it is a thing ("condemned the decision").
    if token.dep_ in ("dobj", "obj", "nsubjpass") and token.head.pos_ == "VERB" and token.pos_ in ("NOUN", "PROPN"):
        return True
    # So is what an act is aimed at ("an attack on a government compound", "an investigation into
    # the transfer"), unless it is a date ("on Monday"), and what a withdrawal leaves ("withdraw
    # its troops from the zone")
    if token.dep_ == "pobj" and token.pos_ in ("NOUN", "PROPN") and not token.ent_type_:
        governor = token.head.head
        if token.head.lower_ in _AIMED_PREPS and governor.pos_ in ("NOUN", "VERB"):
            return True
        if token.head.lower_ == "from" and governor.pos_ == "VERB" and governor.lemma_.lower() in FROM_VERBS:
            return True
    return any(c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE") for c in token.children)


_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Dependencies that lead away from what a trigger governs: its doer, another clause, asides.
_NOT_GOVERNED = _SUBJECTS | _PASSIVE_SUBJECTS | {"agent", "punct", "advcl", "relcl", "parataxis", "appos", "ccomp", "conj", "cc"}


_PLACE_PREPS = frozenset({"in", "at", "near", "across", "inside", "outside", "around", "throughout"})


def a_place(token: Token) -> bool:
    """A country or place named as where something happens ("in Moscow")."""
    return token.ent_type_ in ("GPE", "LOC") and token.dep_ == "pobj" and token.head.lower_ in _PLACE_PREPS


def named_within(trigger: Token, source: Token | None, places: bool = False) -> Token | None:
    """The nearest named actor (person, organisation, country, nationality) in what ``trigger``
    governs, breadth first, outside its doer's phrase: the last resort for the target of an act
    that needs one ("provided $49 million in grant assistance to the Pakistan Institute"); a
    country or place named as where it happens ("met in Moscow") is no target, unless
    ``places``: aid given in a country is given to it ("funds for development in Ethiopia")."""
    taken = {t.i for t in source.subtree} if source is not None else set()
    # aid's purpose names its recipient too ("sent experts to assist Ethiopia")
    skipped = _NOT_GOVERNED - {"advcl"} if places else _NOT_GOVERNED
    queue = [c for c in trigger.children if c.dep_ not in skipped]
    while queue:
        token = queue.pop(0)
        if token.i not in taken and token.ent_type_ in _NAMED and not is_dateline(token) and (places or not a_place(token)):
            return token
        queue.extend(c for c in token.children if c.dep_ not in skipped)
    return None


# Where forces are sent or held ready: the target of a mobilization.
_DEPLOYED_TO = frozenset({"against", "to", "into", "in", "on", "along", "toward", "towards", "near", "at"})


def mobilized_toward(trigger: Token) -> Token | None:
    """Where or against whom forces are mobilized: the first object of "against", "to", "in" ...
    in what the trigger (or, for "on alert", the verb governing it) governs, breadth first,
    passing over the forces themselves ("mobilized the army for an assault *against Palestina*",
    "remained on alert *in Manila*"); PLOVER's MOBILIZE target is not the troops."""
    anchor = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.dep_ == "prep" else trigger
    queue = [c for c in anchor.children if c.dep_ not in _NOT_GOVERNED and c.dep_ not in _OBJECTS]
    while queue:
        token = queue.pop(0)
        if (
            token.dep_ == "pobj" and token.head.lower_ in _DEPLOYED_TO and token.i != trigger.i
            and token.pos_ in ("NOUN", "PROPN") and not token.ent_type_ in ("DATE", "TIME")
        ):
            return token
        queue.extend(c for c in token.children if c.dep_ not in _NOT_GOVERNED)
    return None
