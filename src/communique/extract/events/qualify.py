"""What the article says about an event besides its type: mode, certainty, place, statement, actors.

Owns: the PLOVER mode of a coded event (the lexicon's mode for the trigger, or for a threat,
demand or refusal the kind of act it is about: "threatened to *arrest*" -> arrest), how firmly
the article reports it (asserted, hedged, alleged, denied), the place of its clause (an index
into ``article.places``), the statement reporting it (an index into ``article.statements``) and
the identity of a role (copied from the ActorLinker's mentions and the statement speakers).
Must not: find triggers or roles, or link actors itself.
"""

from __future__ import annotations

from spacy.tokens import Token

from communique.extract.events.lexicon import Entry, Lexicon
from communique.model import Article, Offsets, Role

# "will" too: a prediction or a promise ("will withdraw") is not a report that it happened.
_HEDGE_MODALS = frozenset({"may", "might", "could", "would", "should", "can", "will", "shall", "must"})
_ALLEGED_ADVERBS = frozenset({"allegedly", "reportedly", "purportedly", "supposedly", "apparently"})
# Governors whose complement event has not happened as reported ("urged X to return to talks").
_IRREALIS = frozenset({
    "urge", "propose", "suggest", "plan", "threaten", "promise", "agree", "want", "seek", "call",
    "ask", "offer", "vow", "pledge", "hope", "intend", "expect", "consider", "demand", "try",
    "aim", "prepare", "advise", "encourage", "invite", "wish", "warn", "request", "insist", "push",
    "press", "decide", "refuse", "need", "attempt", "able", "ready", "willing",
})
_ALLEGING = frozenset({"accuse", "allege", "claim", "blame", "charge", "suspect"})
_DENYING = frozenset({"deny", "reject", "dismiss", "refute"})
_STANCE_CERTAINTY = {"accuse": "alleged", "allege": "alleged", "claim": "alleged", "deny": "denied"}
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "around", "outside", "across", "inside", "into", "from", "over"})
# What a threat or a demand is about: the type (and mode) of the act named in its complement.
_THREAT_MODES = {
    "ASSAULT": "violence", "MOBILIZE": "violence", "SANCTION": "relations", "PROTEST": "restrict",
}
_THREAT_COERCE_MODES = {"arrest": "arrest", "ban": "ban", "restrict": "restrict", "deport": "expel", "censor": "rights"}
_REQUEST_MODES = {
    "CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "RETREAT": "yield", "CONCEDE": "yield",
}


def _governors(token: Token, depth: int = 3) -> list[Token]:
    """The words whose complement the trigger is, nearest first (prepositions skipped)."""
    chain: list[Token] = []
    current = token
    while current.head is not current and len(chain) < depth:
        if current.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "advcl", "acl", "conj"):
            break
        current = current.head
        if current.pos_ != "ADP":
            chain.append(current)
    return chain


def certainty(trigger: Token, article: Article, statement: int | None) -> str:
    """asserted, hedged, alleged or denied (denial wins over allegation, over hedging)."""
    children = list(trigger.children)
    governors = _governors(trigger)
    if any(c.dep_ == "neg" for c in children) or any(g.lemma_.lower() in _DENYING for g in governors[:1]):
        return "denied"
    adverbs = {c.lower_ for c in children if c.dep_ == "advmod"}
    for governor in governors[:1]:
        adverbs |= {c.lower_ for c in governor.children if c.dep_ == "advmod" and governor.dep_ != "ROOT"}
    if adverbs & _ALLEGED_ADVERBS or any(g.lemma_.lower() in _ALLEGING for g in governors[:2]):
        return "alleged"
    if statement is not None:
        reported = article.statements[statement]
        from_stance = _STANCE_CERTAINTY.get(reported.stance)
        if from_stance:
            return from_stance
    # A modal or a condition on the trigger or on the clause it sits in ("will end in the total
    # destruction of", "if it goes on") makes the event a possibility, not a report.
    for clause in (trigger, *governors):
        for child in clause.children:
            if child.dep_ == "aux" and child.lower_ in _HEDGE_MODALS:
                return "hedged"
            if child.dep_ == "mark" and child.lower_ in _CONDITIONAL_MARKS:
                return "hedged"
    if any(g.lemma_.lower() in _IRREALIS for g in governors[:2]):
        return "hedged"
    return "asserted"


def mode(lexicon: Lexicon, event_type: str, entries: list[Entry], trigger: Token) -> str | None:
    """The PLOVER mode: the trigger's own, else (threats, requests, refusals) its complement's."""
    own = [e.mode for e in entries if e.type == event_type and e.mode]
    if own:
        return own[0]
    if event_type not in ("THREATEN", "REQUEST", "REJECT"):
        return None
    found_modes = []
    for child in trigger.subtree:
        if child.i == trigger.i:
            continue
        found, _extra = lexicon.lookup(child)
        for entry in found:
            if event_type == "THREATEN":
                if entry.type == "COERCE" and entry.mode in _THREAT_COERCE_MODES:
                    found_modes.append(_THREAT_COERCE_MODES[entry.mode])
                elif entry.type in _THREAT_MODES:
                    found_modes.append(_THREAT_MODES[entry.type])
            elif entry.type in _REQUEST_MODES:
                found_modes.append(_REQUEST_MODES[entry.type])
    # "return to talks" is a request to meet, not to yield: meetings outrank the verb of motion.
    for preferred in ("meet", "violence", "arrest", "yield", "assist"):
        if preferred in found_modes:
            return preferred
    if found_modes:
        return found_modes[0]
    return "change" if event_type in ("REQUEST", "REJECT") else None


def statement_of(article: Article, start: int) -> int | None:
    """Index of the innermost statement whose content contains offset ``start``."""
    best: tuple[int, int] | None = None
    for index, statement in enumerate(article.statements):
        for s, e in statement.content.spans:
            if s <= start < e:
                size = sum(e2 - s2 for s2, e2 in statement.content.spans)
                if best is None or size < best[0]:
                    best = (size, index)
    return best[1] if best else None


def speaker_of_cue(article: Article, start: int) -> Role | None:
    """The speaker of the statement whose cue holds offset ``start`` (a trigger that is also a
    saying: "urged", "accused", "denied"), when that statement has one."""
    for statement in article.statements:
        if statement.speaker.spans and any(s <= start < e for s, e in statement.cue.spans):
            return statement.speaker
    return None


def clause_of(token: Token) -> Token:
    """The verb heading the clause a token sits in (the token itself for a verb; the sentence
    root for a verbless headline)."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def place_of(article: Article, trigger: Token, taken: list[Offsets]) -> int | None:
    """The place of the event's clause: one inside the trigger's phrase, else a locative place
    (``in``/``at``/``near`` ...) of the trigger's own clause nearest the trigger. A place of
    another clause of the sentence happened to something else ("if it goes on like in Kursk
    Region, this would result in Ukraine's destruction": Kursk is where it goes on, not where
    Ukraine is destroyed). Places that are the source or target (``taken``) are actors of the
    event, not where it happened."""
    if not article.places:
        return None
    sentence = trigger.sent
    lo, hi = trigger.left_edge.idx, trigger.right_edge.idx + len(trigger.right_edge.text)
    # What a verb's complement clauses say ("warned [that ... in Kursk]") happens elsewhere.
    clauses = [
        (c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
        for c in trigger.children if c.dep_ in ("ccomp", "xcomp", "advcl", "conj", "parataxis", "relcl")
    ]
    candidates = []
    for index, place in enumerate(article.places):
        # ``Moscow said``, ``Russian forces``: the state or its people, not where it happened
        if place.role != "literal" or not (sentence.start_char <= place.start < sentence.end_char):
            continue
        if any(s < place.end and place.start < e for s, e in taken + clauses):
            continue
        inside = lo <= place.start < hi
        span = sentence.doc.char_span(place.start, place.end, alignment_mode="expand")
        head = span.root if span is not None and len(span) else None
        locative = head is not None and head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPS
        own_clause = head is not None and clause_of(head).i == clause_of(trigger).i
        if inside and ((locative and own_clause) or (head is not None and head.dep_ in ("compound", "amod", "poss"))):
            candidates.append((0, abs(place.start - trigger.idx), index))
        elif locative and own_clause:
            candidates.append((1, abs(place.start - trigger.idx), index))
    return min(candidates)[2] if candidates else None


def identify(article: Article, head: Token, span: Offsets) -> tuple[str | None, str | None]:
    """(name, actor id) of a role whose head is ``head``: a mention on the head, a statement
    speaker on the span, or a mention inside the span; (None, None) when nothing links it."""
    names = {actor.id: actor.name for actor in article.actors}
    start, end = span
    inside = None
    for mention in article.mentions:
        if mention.start <= head.idx < mention.end:
            return names.get(mention.actor), mention.actor
        if inside is None and start <= mention.start and mention.end <= end:
            inside = mention
    for statement in article.statements:
        speaker = statement.speaker
        if speaker.name and any(s <= head.idx < e for s, e in speaker.spans):
            return speaker.name, speaker.actor
    if inside is not None:
        return names.get(inside.actor), inside.actor
    return None, None


def role(article: Article, head: Token | None, span: Offsets | None, stands_for: Token | None = None) -> Role:
    """An event role with its identity, or an empty role. ``stands_for`` is the named actor a
    pronoun head refers to (its identity is taken from there; the role keeps the pronoun's span)."""
    if head is None or span is None:
        return Role()
    name, actor = identify(article, head, span)
    if name is None and stands_for is not None:
        name, actor = identify(article, stands_for, (stands_for.idx, stands_for.idx + len(stands_for.text)))
        if name is None:
            name = stands_for.text
    return Role.from_spans(article.text, [span], name=name, actor=actor)


def coordinated(article: Article, whole: Role, heads: list[Token], spans: list[Offsets]) -> Role:
    """A role of several actors ("Moscow and Kiev"): each conjunct resolved on its own (with its
    metonymy: Moscow -> Government of Russia), the whole role naming them all and no one actor."""
    if len(heads) < 2:
        return whole
    members = [role(article, head, span) for head, span in zip(heads, spans, strict=True)]
    whole.members = members
    whole.name = " and ".join(m.name or m.text for m in members)
    whole.actor = None
    return whole


def content_of_cue(article: Article, start: int) -> list[Offsets]:
    """The content spans of the statements whose cue holds offset ``start`` ("warned")."""
    return [
        span for statement in article.statements if any(s <= start < e for s, e in statement.cue.spans)
        for span in statement.content.spans
    ]
