"""Features of one event mention for the type classifier, shared by training and coding.

Owns: turning (trigger, source head, target head) into feature strings: the trigger's lemma and
lexicon types, its complements ("agreed to *lift*", "called for *talks*"), its governor ("urged
... to *return*"), the words on the dependency path between source and target, negation and
modality, the roles' entity types, the other lexicon words of the sentence, its negation, future
and hedges, and its lemma bigrams; and choosing the
trigger between a marked source and target (PLV sentences mark roles, not triggers). Must not:
find triggers in running text (the coder does) or score anything.
"""

from __future__ import annotations

from spacy.tokens import Token

from communique.extract.events.lexicon import Lexicon
from communique.extract.events.roles import LIGHT_VERBS

_COMPLEMENTS = frozenset({"xcomp", "ccomp", "dobj", "obj", "pobj", "pcomp", "advcl", "conj", "attr"})
_MODALS = frozenset({"may", "might", "could", "would", "will", "shall", "should", "must", "can"})
_FUTURE = frozenset({"will", "would", "shall", "'ll", "wo"})  # "wo" of "won't"
_HEDGES = frozenset({"may", "might", "could", "can", "should", "must"})
# bigrams of the sentence's lemmas that carry its relation ("refused to", "call for", "talks with")
_BIGRAM_FIRST = frozenset({"VERB", "NOUN", "ADP", "PART", "AUX"})
_BIGRAM_SECOND = frozenset({"VERB", "NOUN", "ADP", "PART"})


def _lex_types(lexicon: Lexicon, token: Token) -> list[str]:
    entries, _extra = lexicon.lookup(token)
    return sorted({e.type for e in entries})


def _ancestors_to(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head is not chain[-1] and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def path_between(first: Token, second: Token) -> list[Token]:
    """Tokens on the dependency path from ``first`` up to the lowest common ancestor and down to
    ``second`` (both ends included, the ancestor once)."""
    up = _ancestors_to(first)
    down = _ancestors_to(second)
    down_ids = {t.i: k for k, t in enumerate(down)}
    for k, token in enumerate(up):
        if token.i in down_ids:
            return up[: k + 1] + list(reversed(down[: down_ids[token.i]]))
    return up + list(reversed(down))


def trigger_between(lexicon: Lexicon, source: Token | None, target: Token | None) -> Token | None:
    """The event trigger of a sentence whose source and target are marked.

    The highest lexicon word on the path between the two (the governing one: "agreed to lift"
    -> agreed); without one, the lowest common ancestor; with one role only, the nearest
    lexicon word above it, else its head.
    """
    if source is not None and target is not None:
        path = path_between(source, target)
        inner = [t for t in path if t.i not in (source.i, target.i)] or path
    else:
        anchor = source if source is not None else target
        if anchor is None:
            return None
        inner = _ancestors_to(anchor)[1:] or [anchor]
        for token in inner:
            if _lex_types(lexicon, token):
                return token
        return inner[0]
    lexical = [t for t in inner if _lex_types(lexicon, t)]
    if not lexical:
        return min(inner, key=lambda t: len(_ancestors_to(t)))
    return light_verb_object(lexicon, min(lexical, key=lambda t: len(_ancestors_to(t))))


def light_verb_object(lexicon: Lexicon, trigger: Token) -> Token:
    """The event noun a light verb governs ("imposed *blockades*", "launched an *attack* on"),
    which names the event better than the verb; the trigger itself otherwise."""
    if trigger.pos_ != "VERB" or trigger.lemma_.lower() not in LIGHT_VERBS:
        return trigger
    for child in trigger.children:
        candidates = [child] if child.dep_ in ("dobj", "obj") else []
        if child.dep_ == "prep":
            candidates = [g for g in child.children if g.dep_ == "pobj"]
        for candidate in candidates:
            if candidate.pos_ == "NOUN" and _lex_types(lexicon, candidate):
                return candidate
    return trigger


def _future(trigger: Token) -> bool:
    """Is the trigger, or a verb it complements (up to three steps: "said it *would* agree to
    *free*"), in the future ("will", "would", "going to")? PLOVER codes a promise as AGREE and
    a promised force as THREATEN where the deed itself would be AID, YIELD or ASSAULT."""
    chain = [trigger]
    while chain[-1].dep_ in ("xcomp", "ccomp", "conj") and chain[-1].head is not chain[-1] and len(chain) < 4:
        chain.append(chain[-1].head)
    return any(
        child.dep_ == "aux" and (child.lower_ in _FUTURE or (child.lower_ == "to" and token.head.lemma_ == "go"))
        for token in chain
        for child in token.children
    )


def _sentence_features(trigger: Token, types: list[str]) -> list[str]:
    """Negation, future and hedges anywhere in the sentence (with the trigger's lexicon types
    for negation: "will not *release*" is REJECT, not YIELD), and its lemma bigrams.

    Measured together with ``_future`` by 5-fold CV on PLV_train over four fold seeds: macro-F1
    75.3 -> 79.1 on average (76.0 -> 78.8 with the evaluation's seed 13). Each alone gains
    less than a point, within the noise of the perceptron's training order."""
    sentence = trigger.sent
    features = []
    if any(t.dep_ == "neg" for t in sentence):
        features += ["sneg", *(f"sneg|{t}" for t in types or ["NONE"])]
    if any(t.dep_ == "aux" and t.lower_ in _FUTURE for t in sentence):
        features.append("sfut")
    features += [f"smod={t.lower_}" for t in sentence if t.dep_ == "aux" and t.lower_ in _HEDGES]
    words = [t for t in sentence if not t.is_punct]
    features += [
        f"bi={a.lemma_.lower()}_{b.lemma_.lower()}"
        for a, b in zip(words, words[1:])
        if a.pos_ in _BIGRAM_FIRST and b.pos_ in _BIGRAM_SECOND
    ]
    return features


def event_features(lexicon: Lexicon, trigger: Token, source: Token | None, target: Token | None) -> list[str]:
    """Feature strings of one event mention (the bias feature included)."""
    lemma = trigger.lemma_.lower()
    features = ["bias", f"lem={lemma}", f"pos={trigger.pos_}", f"dep={trigger.dep_}"]
    types = _lex_types(lexicon, trigger)
    features += [f"lex={t}" for t in types] or ["lex=NONE"]
    features += [f"lexlem={t}|{lemma}" for t in types]
    for child in trigger.children:
        if child.dep_ == "neg":
            features.append("neg")
        elif child.dep_ == "aux" and child.lower_ in _MODALS:
            features.append(f"modal={child.lower_}")
        elif child.dep_ in ("prt", "prep"):
            features.append(f"prep={lemma}|{child.lower_}")
            for grandchild in child.children:
                if grandchild.dep_ in ("pobj", "pcomp"):
                    features.append(f"pobj={child.lower_}|{grandchild.lemma_.lower()}")
                    features += [f"plex={t}" for t in _lex_types(lexicon, grandchild)]
        if child.dep_ in _COMPLEMENTS:
            features.append(f"comp={child.dep_}|{child.lemma_.lower()}")
            features += [f"clex={t}" for t in _lex_types(lexicon, child)]
            for grandchild in child.children:
                if grandchild.dep_ in ("dobj", "pobj", "prep"):
                    features += [f"c2lex={t}" for t in _lex_types(lexicon, grandchild)]
                    features.append(f"c2lem={grandchild.lemma_.lower()}")
    head = trigger.head
    if head is not trigger:
        features.append(f"head={head.lemma_.lower()}|{trigger.dep_}")
        features += [f"hlex={t}" for t in _lex_types(lexicon, head)]
    # The words on the source-target path are deliberately not features: in 5-fold CV on PLV they
    # cost 8 points of accuracy (74 -> 66), memorising sentences rather than generalising.
    for name, role in (("src", source), ("tgt", target)):
        if role is None:
            features.append(f"{name}=none")
            continue
        features.append(f"{name}ent={role.ent_type_ or role.pos_}")
        features.append(f"{name}dep={role.dep_}")
        if role.dep_ == "pobj":
            features.append(f"{name}prep={role.head.lower_}")
    if _future(trigger):
        features += ["fut", *(f"fut|{t}" for t in types or ["NONE"])]
    sentence = trigger.sent
    for token in sentence:
        if token.i == trigger.i or token.pos_ not in ("VERB", "NOUN"):
            continue
        features += [f"slex={t}" for t in _lex_types(lexicon, token)]
        features.append(f"slem={token.lemma_.lower()}")
    return features + _sentence_features(trigger, types)
