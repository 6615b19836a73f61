"""Find attribution relations in a parsed document: cue, source and content as token sets.

Owns: running the learned decisions (features.py, linear.py) over the parse in order: cue heads,
then each cue's source head and content head, then each role's extent (with rule repairs where the
small parser misattaches: a cue's object hung on the next clause's subject, a content left
ending on a conjunction), then joining a direct quote's continuation sentences, then moving the
cue's and content's edges where the edge ranker puts them (edges.py); and adding quotations
signed with a dash (signatures.py), transcript turns (transcripts.py) and a wire story's
rebuttals (``..., a claim Kyiv denies``: rebuttals.py). Must not: resolve who a speaker is, classify stance or build
``Statement`` objects (the package ``__init__`` does), or read boilerplate text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from communique.extract.attribution import edges as E
from communique.extract.attribution import features as F
from communique.extract.attribution import repairs
from communique.extract.attribution.linear import LinearModel
from communique.extract.attribution.rebuttals import REBUTTAL_CONFIDENCE, find_rebuttals
from communique.extract.attribution.signatures import find_signatures
from communique.extract.attribution.stance import HEARSAY
from communique.extract.attribution.transcripts import find_turns, opens_with_label
from communique.extract.entities.roles import person_nouns
from communique.nlp.token_table import TokenTable, token_table


@dataclass
class Relation:
    """One attribution found in the parse: heads and token indices per role."""

    cue_head: Token
    cue: list[int]
    source_head: Token | None = None
    source: list[int] = field(default_factory=list)
    content_head: Token | None = None
    content: list[int] = field(default_factory=list)
    confidence: float = 0.0
    walked: bool = False  # the content is a tree walk's span in the cue's sentence (edges may move)
    verbatim: bool = False  # the content is the speaker's own words without quote marks (a transcript turn)
    answers: Relation | None = None  # the claim this one denies (a rebuttal: rebuttals.py)


@dataclass
class Models:
    """The trained decisions (see features.py; ``edges``: edges.py, absent in cross-fitting)."""

    cue: LinearModel
    extent: LinearModel
    source: LinearModel
    content: LinearModel
    edges: LinearModel | None = None
    threshold: float = 0.0
    nested_threshold: float = -10.0
    _cue_lemmas: frozenset[str] | None = field(default=None, repr=False, compare=False)

    def may_head_cue(self, pos: str, text: str, lemma: str) -> bool:
        """Whether a cue candidate is worth scoring: a verb, a colon, or a word whose lemma the cue
        model learned a weight for. Training corrects the perceptron only on candidates it gets
        wrong, so a noun or preposition it never had to learn about is one it never took for a
        cue: on PolNeAR dev and 120 train texts, none of the 32,591 such candidates scored over
        the threshold, and they are a third of all candidates (the cue decision is the most
        scored one). Training still sees every candidate (features.cue_candidates)."""
        if pos == "VERB" or text == ":":
            return True
        if self._cue_lemmas is None:
            self._cue_lemmas = frozenset(key[2:] for key in self.cue.weights if key.startswith("l="))
        return lemma in self._cue_lemmas


def grow(
    role: str,
    head: Token,
    anchor: Token,
    other: Token | None,
    blocked: set[int],
    model: LinearModel,
    sentence: Span | None = None,
) -> list[int]:
    """Token indices of ``head``'s span for ``role``: descend into children the model accepts
    (``sentence``: one the caller has that may hold ``head``; ``Token.sent`` searches the
    document, so it is asked only when the head lies outside it)."""
    doc = head.doc
    i = head.i
    if sentence is None or not sentence.start <= i < sentence.end:
        sentence = head.sent
    score = model.score
    return F.walk_extent_at(
        token_table(doc), role, i, anchor.i, None if other is None else other.i, blocked, sentence, doc,
        lambda _child, feats: score(feats) > 0,
    )


class Sentences(list):  # type: ignore[type-arg]
    """The content sentences in order, with each one's place by its first token, built once per
    document: the sentence after or before another is asked for every cue and every quoted
    continuation, and rebuilding the map on each question cost a pass over the sentences."""

    def __init__(self, sentences: list[Span]) -> None:
        super().__init__(sentences)
        self.position = {s.start: k for k, s in enumerate(self)}

    def after(self, sentence: Span) -> Span | None:
        k = self.position.get(sentence.start)
        if k is None or k + 1 >= len(self):
            return None
        return self[k + 1]

    def before(self, sentence: Span) -> Span | None:
        k = self.position.get(sentence.start)
        if not k:
            return None
        return self[k - 1]


def ordered(sentences: list[Span]) -> Sentences:
    """``sentences`` as :class:`Sentences` (itself when it already is)."""
    return sentences if isinstance(sentences, Sentences) else Sentences(sentences)


def _sentence_after(doc: Doc, sentence: Span, sentences: list[Span]) -> Span | None:
    return ordered(sentences).after(sentence)


def _contiguous(content: list[int], attached: set[int], sentence: Span) -> list[int]:
    """Fill the holes the parse leaves in a content (a misattached word or phrase): contents
    are runs of text, interrupted only by their own cue and source."""
    kept = [i for i in content if i not in attached]
    if not kept:
        return []
    low, high = min(kept), max(kept)
    return [i for i in range(low, high + 1) if i not in attached]



def _sentence_before(doc: Doc, sentence: Span, sentences: list[Span]) -> Span | None:
    return ordered(sentences).before(sentence)


def find_relations(
    doc: Doc, text: str, sentences: list[Span], models: Models, quotations: F.Quotations
) -> list[Relation]:
    """All relations in the given (content) sentences (``text``: ``doc.text``, looked up once)."""
    sentences = ordered(sentences)
    relations: list[Relation] = []
    table = token_table(doc)
    scores = F.scores_of(doc)
    pos, texts, lemmas = table.pos, table.text, table.lemma
    for sentence in sentences:
        start, end = sentence.start, sentence.end
        for i in F.cue_candidate_indices(table, start, end):
            if not models.may_head_cue(pos[i], texts[i], lemmas[i]):
                continue
            feats = F.cue_features_at(table, i, quotations, start, end, scores)
            score = models.cue.score(feats)
            if score > models.threshold:
                relations.append(Relation(cue_head=doc[i], cue=[i], confidence=models.cue.probability(feats)))
    cue_heads = {r.cue_head.i for r in relations}
    for relation in relations:
        _fill(relation, doc, sentences, models, quotations, cue_heads)
    nested = _nested(doc, relations, sentences, models, quotations, cue_heads) if repairs.on("nested") else []
    for relation in nested:
        cue_heads.add(relation.cue_head.i)
        _fill(relation, doc, sentences, models, quotations, cue_heads)
    found = relations + nested
    if repairs.on("patterns"):
        found += _patterned(found, sentences, text, quotations)
    return _with_rebuttals(doc, text, sentences, found) if repairs.on("rebuttals") else found


# every signed quotation found in PolNeAR (6 in train, 15 in dev) is a gold attribution, and so
# are 10 of the 10 transcript turns in dev and 12 of the 16 in train; the samples are small, so
# the confidence stays below certainty
SIGNATURE_CONFIDENCE = 0.9
TURN_CONFIDENCE = 0.85


def _patterned(relations: list[Relation], sentences: list[Span], text: str, quotations: F.Quotations) -> list[Relation]:
    """Signed quotations (signatures.py) and transcript turns (transcripts.py) whose cue and
    source no relation found from the parse already claims."""
    if not sentences:
        return []
    doc = sentences[0].doc
    allowed = {i for s in sentences for i in range(s.start, s.end)}
    claimed = {i for r in relations for i in (*r.cue, *r.source, *r.content)}
    found = [
        _marked(cue, source, content, SIGNATURE_CONFIDENCE, verbatim=False)
        for cue, source, content in find_signatures(doc, text, quotations, allowed)
        if not claimed & {cue.i, *source, *content}
    ]
    # what the parse finds inside a turn ("Clinton apparently thinks ...") nests in it, so only
    # the turn's colon and label must be unclaimed
    found += [
        _marked(cue, source, content, TURN_CONFIDENCE, verbatim=True)
        for cue, source, content in find_turns(doc, text, allowed)
        if not claimed & {cue.i, *source}
    ]
    return found


def _with_rebuttals(doc: Doc, text: str, sentences: list[Span], relations: list[Relation]) -> list[Relation]:
    """``relations`` with each rebuttal (rebuttals.py) as a relation of its own that answers the
    claim before it; the claim's content stops at the rebuttal's comma, and a cue the model found
    inside the rebuttal gives way to it."""
    for comma, source, cue, content in find_rebuttals(doc, text, {s.start for s in sentences}):
        clause = set(range(comma, cue[-1] + 1))
        relations = [r for r in relations if r.cue_head.i not in clause]
        claims = [r for r in relations if comma - 1 in r.content and r.cue_head.i < comma]
        for relation in relations:
            relation.content = [i for i in relation.content if i not in clause]
        relations.append(Relation(
            cue_head=doc[cue[-1]], cue=cue, source_head=doc[source[-1]], source=source,
            content_head=doc[content[-1]], content=content, confidence=REBUTTAL_CONFIDENCE,
            # the innermost claim the rebuttal follows
            answers=min(claims, key=lambda r: len(r.content)) if claims else None,
        ))
    return relations


def _marked(cue: Token, source: list[int], content: list[int], confidence: float, verbatim: bool) -> Relation:
    """A relation around a punctuation cue found by a pattern (signatures.py, transcripts.py)."""
    doc = cue.doc
    return Relation(
        cue_head=cue, cue=[cue.i], source_head=doc[source[-1]], source=source,
        content_head=doc[content[0]].sent.root, content=content, confidence=confidence, verbatim=verbatim,
    )


def _nested(
    doc: Doc,
    relations: list[Relation],
    sentences: list[Span],
    models: Models,
    quotations: F.Quotations,
    cue_heads: set[int],
) -> list[Relation]:
    """Statements the cue model misses by design: those reported inside another statement's
    content (``Moscow said ... that ...``) and those in a relative clause about their own
    speaker (``Boris Johnson, who allegedly advised Kiev to "keep fighting"``). PolNeAR marks
    each word with one attribution only, so its cue model under-scores both. A lexicon speech
    verb with a subject and a complement is accepted inside a content when its score passes
    ``nested_threshold``, and in such a relative clause anywhere."""
    inside = {i for r in relations for i in r.content}
    found = []
    table = token_table(doc)
    pos, lemmas, deps, lowers, children = table.pos, table.lemma, table.dep, table.lower, table.children
    lexicon = F.lexicon()
    scores = F.scores_of(doc)
    for sentence in sentences:
        start, end = sentence.start, sentence.end
        for i in range(start, end):
            if i in cue_heads or pos[i] != "VERB" or lemmas[i] not in lexicon:
                continue
            if not any(deps[c] in ("ccomp", "xcomp", "dobj") for c in children[i]):
                continue
            subjects = [c for c in children[i] if deps[c] in F.SUBJECT_DEPS]
            relative = deps[i] == "relcl" and any(lowers[c] in ("who", "which", "that") for c in subjects)
            if not subjects or not (relative or i in inside):
                continue
            feats = F.cue_features_at(table, i, quotations, start, end, scores)
            if relative or models.cue.score(feats) > models.nested_threshold:
                found.append(Relation(cue_head=doc[i], cue=[i], confidence=models.cue.probability(feats)))
    return found


def _fill(
    relation: Relation,
    doc: Doc,
    sentences: list[Span],
    models: Models,
    quotations: F.Quotations,
    cue_heads: set[int],
) -> None:
    cue = relation.cue_head
    sentence = cue.sent
    table = token_table(doc)
    scores = F.scores_of(doc)
    c, start, end = cue.i, sentence.start, sentence.end
    # candidates by index: a Token is built only for the heads chosen
    up = F.up_path_at(table, c)
    score = models.source.score
    best, best_score = None, score(F.source_none_features(table, c))
    for k in F.role_candidate_indices(table, start, end, F.SOURCE_POS):
        if k != c:
            option_score = score(F.source_features_at(table, c, k, up, scores))
            if option_score > best_score:
                best, best_score = k, option_score
    source_head = None if best is None else doc[best]
    source_i = best
    content_options: list[tuple[object, list[str]]] = [
        (None, F.sentinel_features(table, c, None, sentence)),
        (F.NEXT, F.sentinel_features(table, c, F.NEXT, sentence)),
        (F.PREV, F.sentinel_features(table, c, F.PREV, sentence)),
    ]
    # other cues of the sentence (most sentences have none: then no candidate needs the check)
    other_cues = {i for i in cue_heads if start <= i < end and i != c}
    guard = bool(other_cues) and repairs.on("other_cue_guard")
    for k in F.role_candidate_indices(table, start, end, None):
        if k == c or k == source_i:
            continue
        if guard and (_under_other_cue(table, k, c, other_cues) or (k in other_cues and _beside(cue, doc[k]))):
            continue
        content_options.append((k, F.content_features_at(table, c, k, quotations, up, scores)))
    content_head = _choose_content(models.content, content_options, doc, sentence, sentences)
    if isinstance(content_head, int):
        content_head = doc[content_head]

    blocked_for_cue = {t.i for t in (source_head, content_head) if isinstance(t, Token)}
    relation.cue = grow(
        "cue", cue, cue, source_head if isinstance(source_head, Token) else None, blocked_for_cue, models.extent, sentence
    )
    cue_tokens = set(relation.cue)
    if isinstance(source_head, Token):
        blocked = {cue.i} | ({content_head.i} if isinstance(content_head, Token) else set())
        relation.source_head = source_head
        relation.source = [
            i for i in grow("source", source_head, cue, None, blocked, models.extent, sentence) if i not in cue_tokens
        ]
        if repairs.on("comma_split_left"):
            relation.source = [i for i in relation.source if i not in _comma_split_left(source_head)]
    source_tokens = set(relation.source)
    orphan = _orphan_object(cue, relation.cue, content_head) if repairs.on("orphan_object") else []
    if orphan:
        relation.content_head = doc[orphan[-1]]
        relation.content = orphan
        relation.source = [i for i in relation.source if i not in orphan]
    elif isinstance(content_head, Token):
        blocked = {cue.i} | ({source_head.i} if isinstance(source_head, Token) else set())
        relation.content_head = content_head
        other = source_head if isinstance(source_head, Token) else None
        content = grow("content", content_head, cue, other, blocked, models.extent, sentence)
        if content_head.head.i == cue.i and repairs.on("sibling_content"):
            skip = blocked | {content_head.i} | cue_tokens
            for sibling in cue.children:
                if sibling.i in skip or sibling.is_space or sibling.is_punct or _says_when(sibling):
                    continue
                if models.extent.score(F.extent_features("sibling", cue, sibling, cue, other)) > 0:
                    content.extend(grow("content", sibling, cue, other, blocked, models.extent, sentence))
        stranded = _object_as_subject(cue, content_head) if repairs.on("object_as_subject") else []
        if stranded and not set(stranded) & (cue_tokens | source_tokens):
            content.extend(stranded)
        if repairs.on("contiguous"):
            content = _contiguous(content, cue_tokens | source_tokens, sentence)
        else:
            content = sorted(set(content))  # the run _contiguous would give, less its filling
        relation.content = _trim_dangling(doc, content) if repairs.on("trim_dangling") else content
        relation.walked = bool(relation.content)
    elif content_head in (F.NEXT, F.PREV):
        neighbour = (_sentence_after if content_head == F.NEXT else _sentence_before)(doc, sentence, sentences)
        if neighbour is not None:
            relation.content_head = neighbour.root
            relation.content = [t.i for t in neighbour if not t.is_space]
    if relation.content and repairs.on("join_quote"):
        relation.content = _join_quote(doc, relation, sentences, quotations, cue_heads)
    if models.edges is not None:
        _redraw_edges(relation, sentence, models.edges, quotations)
    if relation.content:
        if repairs.on("leading_date"):
            relation.content = _without_leading_date(doc, relation)
        if repairs.on("setting"):
            relation.content = _without_setting(relation, quotations)
        if repairs.on("trailing_aside"):
            relation.content = _without_trailing_aside(doc, relation)
        if repairs.on("dummy_subject"):
            relation.content = [i for i in relation.content if not _dummy_subject(table, i, cue.i)]
    raised = _raised_report(cue) if repairs.on("raised_report") else None
    if raised is not None:
        # the model's spans, with the subject moved from source to content and the parts it left out
        subject = raised[0]
        parts = set(relation.content) | (set(relation.source) if subject.i in relation.source else set())
        for part in raised:
            if part.i not in parts:
                parts |= {t.i for t in part.subtree if not t.is_space}
        relation.content = sorted(parts - set(relation.cue))
        relation.source, relation.source_head = [], None
    informant = _informant(cue) if repairs.on("informant") else None
    if informant is not None and (relation.source_head is None or informant.i != relation.source_head.i):
        # the one who told is the speaker; the subject (an outlet, a reporter) only passes it on
        told = {t.i for t in informant.subtree if not t.is_space}
        # a that-clause the parse hung on the informant ("officials ... that the convoy was
        # delayed") is what they told
        said = {t.i for c in informant.children if _that_clause(c) for t in c.subtree if not t.is_space}
        relation.source_head, relation.source = informant, sorted(told - said)
        relation.cue = [i for i in relation.cue if i not in told]
        relation.content = [i for i in relation.content if i not in told] or sorted(said)
    if relation.source_head is not None and repairs.on("source_run"):
        relation.source = _source_run(relation)
    if relation.source_head is not None and repairs.on("source_when"):
        relation.source = _without_when(relation)


def _dummy_subject(table: TokenTable, i: int, cue: int) -> bool:
    """The "it" of "It is widely expected that ...": the cue's subject stands in for the clause
    after it (the parser calls it a passive subject), so it is no part of what is expected."""
    dep = table.dep
    return (
        table.head[i] == cue
        and (dep[i] == "expl" or (dep[i] == "nsubjpass" and table.lower[i] == "it"))
        and any(dep[c] == "ccomp" for c in table.children[cue])
    )


def _without_trailing_aside(doc: Doc, relation: Relation) -> list[int]:
    """A content before a parenthetical cue loses the phrase the article tacks on after it: in
    "Armed men boarded a ship on Tuesday, UKMTO said, in the latest attack on shipping", the
    agency said the men boarded the ship; "in the latest attack" is the article's. Only a
    phrase that opens with a preposition right after the cue's comma and has no verb goes."""
    content = relation.content
    if not relation.source or not content:
        return content
    after = max(relation.cue) + 1
    first = min(relation.source)
    if after >= len(doc) or doc[after].text != "," or not any(i < first for i in content):
        return content
    tail = [i for i in content if i > after]
    if not tail or doc[tail[0]].pos_ != "ADP" or any(doc[i].pos_ in ("VERB", "AUX") for i in tail):
        return content
    return [i for i in content if i < after]


def _source_run(relation: Relation) -> list[int]:
    """The source's words on the head's side of the cue and content: an appositive the parse
    hangs on the speaker past the content ("Bardella said he would refuse ..., a stance backed
    by Le Pen") is not part of who is speaking."""
    head = relation.source_head.i
    barrier = sorted(set(relation.cue) | set(relation.content))
    kept = []
    for i in relation.source:
        low, high = min(i, head), max(i, head)
        if not any(low < b < high for b in barrier):
            kept.append(i)
    return kept


def _without_when(relation: Relation) -> list[int]:
    """The source less a date the parse hung on it: in "West African leaders on Sunday gave
    ... and said" the small parser makes "on Sunday" a modifier of "leaders"; it says when,
    not who."""
    head = relation.source_head
    when = {
        t.i
        for prep in head.rights
        if prep.dep_ == "prep" and any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in prep.children)
        for t in prep.subtree
    }
    return [i for i in relation.source if i not in when] if when else relation.source


def _object_as_subject(cue: Token, content_head: Token) -> list[int]:
    """The subject a content clause lost to the cue: in "warned the increase would cost jobs"
    the small parser makes "the increase" the cue's object and leaves "would cost" with no
    subject. A finite clause without a subject right after the cue's object takes the object
    as its subject (an addressee is followed by "that" or by a clause with its own subject:
    "told reporters that ...", "told reporters prices would rise"). Empty when there is none."""
    if content_head.dep_ != "ccomp" or content_head.head.i != cue.i:
        return []
    if any(c.dep_ in F.SUBJECT_DEPS | {"expl", "csubj", "mark"} for c in content_head.children):
        return []
    if not (content_head.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" and c.tag_ == "MD" for c in content_head.children)):
        return []
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.i < content_head.i]
    if not objects or objects[-1].right_edge.i + 1 != content_head.left_edge.i:
        return []
    thing = objects[-1]
    # whoever is told ("a young woman who suggested ...", "reporters", "Congress") is no subject
    if (
        thing.pos_ in ("PRON", "PROPN")
        or thing.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or thing.lemma_.lower() in _ADDRESSEES
        or any(c.dep_ in ("relcl", "acl") for c in thing.children)
    ):
        return []
    return list(range(thing.left_edge.i, thing.right_edge.i + 1))


# nouns for the people a cue addresses ("told reporters", "warned investors")
_ADDRESSEES = frozenset(
    {
        "reporter", "journalist", "people", "supporter", "voter", "lawmaker", "legislator", "woman",
        "man", "crowd", "audience", "investor", "official", "member", "student", "worker", "leader",
        "colleague", "ally", "rival", "critic", "viewer", "listener", "reader", "delegate", "party",
        "committee", "court", "jury", "parliament", "congress", "senate", "council", "government",
    }
)


def _raised_report(cue: Token) -> tuple[Token, Token] | None:
    """(subject, infinitive) when ``cue`` passes on hearsay in the passive, with an infinitive
    and no agent: ``Putin is said to have ordered the strike`` says nothing Putin said. PolNeAR
    marks such a statement without a source and with the subject and the infinitive as its
    content. The models learn the pattern for ``is expected to`` (common) but give ``is said
    to`` and ``was reported to`` (rare) the subject as the speaker."""
    if cue.lemma_.lower() not in HEARSAY:
        return None
    children = list(cue.children)
    subjects = [child for child in children if child.dep_ == "nsubjpass"]
    infinitives = [
        child for child in children
        if child.dep_ == "xcomp" and any(aux.dep_ == "aux" and aux.lower_ == "to" for aux in child.children)
    ]
    if not subjects or not infinitives or any(child.dep_ == "agent" for child in children):
        return None
    return subjects[0], infinitives[0]


# verbs of being told something: "learned from X", "heard from X", "was told by X"
_TOLD_FROM = frozenset({"learn", "hear"})


def _informant(cue: Token) -> Token | None:
    """Who told the cue's subject what the content says: in "Ukrainska Pravda has learned from
    sources close to the president's office" the sources say it and the outlet reports them;
    so in "I was told by my cousin that ...". The learned spans take the outlet for the
    source and the sources into the cue (news passes on its informants this way far more
    often than the PolNeAR training texts do)."""
    lemma = cue.lemma_.lower()
    if lemma in _TOLD_FROM:
        marker = "from"
    elif lemma == "tell" and any(child.dep_ == "auxpass" for child in cue.children):
        marker = "by"
    else:
        return None
    for prep in cue.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ == marker:
            nouns = [child for child in prep.children if child.dep_ == "pobj" and _may_speak(child)]
            if nouns:
                return nouns[0]
    return None


def _may_speak(noun: Token) -> bool:
    """Whether a noun can name someone who tells: a name, a pronoun, a plural ("sources",
    "officials"), a role, or someone's ("my cousin"); not "learned from the experience"."""
    return (
        noun.pos_ == "PRON"
        or noun.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or noun.tag_ in ("NNS", "NNPS")
        or noun.lemma_.lower() in _speaking_nouns()
        or any(child.dep_ == "poss" for child in noun.children)
    )


@lru_cache(maxsize=1)
def _speaking_nouns() -> frozenset[str]:
    nouns = person_nouns()
    return nouns["person"] | nouns["body"] | nouns["named_body"]


def _that_clause(token: Token) -> bool:
    """Whether ``token`` heads a clause opened by "that" with a subject of its own."""
    return (
        token.dep_ in ("acl", "relcl", "ccomp")
        and _has_subject(token)
        and any(child.dep_ == "mark" and child.lower_ == "that" for child in token.children)
    )


# what a cue's right-hand children say about the saying itself (to whom, where, when, how)
_SETTING_DEPS = frozenset({"prep", "npadvmod", "dobj", "dative", "advmod", "punct", "agent"})


def _without_setting(relation: Relation, quotations: F.Quotations) -> list[int]:
    """A content that its cue splits in two loses the words after the cue that hang on it: in
    `"A," Trump said during a rally in Kenansville, "B"` or `A, the agency said in a June
    report, and B`, the rally and the report say where it was said, not what (PolNeAR leaves
    them out of the content). Only the cue's children right after it go, up to the first one
    that is not about the saying, and only when content follows them."""
    cue = relation.cue_head
    content = set(relation.content)
    if not any(i < cue.i for i in content):
        return relation.content
    last = max(content)
    dropped: set[int] = set()
    cue_tokens = set(relation.cue)
    for child in cue.rights:
        if child.i in cue_tokens or child.is_space:
            continue
        if child.dep_ == "cc" and dropped and quotations.index_at(child.idx) is None:
            # "..., the agency said in a June report, and B": the conjunction joins the
            # saying's two halves; inside quotation marks it is the speaker's own word
            dropped.add(child.i)
            continue
        if child.dep_ not in _SETTING_DEPS:
            break
        subtree = {t.i for t in child.subtree}
        if not subtree <= content | cue_tokens or max(subtree) >= last:
            break
        dropped |= subtree
    return [i for i in relation.content if i not in dropped] if dropped else relation.content


def _without_leading_date(doc: Doc, relation: Relation) -> list[int]:
    """A content that opens, right after its cue, with a date the parser hung on the reported
    clause ("Beijing said on Friday it would raise its levies") loses it: the date says when
    it was said (the statement's time), not what. Only a date entity, maybe after a
    preposition, and only when more content follows it."""
    content = relation.content
    cue_end = max(relation.cue)
    if not content or content[0] != cue_end + 1:
        return content
    k = 0
    if doc[content[0]].pos_ == "ADP" and doc[content[0]].lower_ in ("on", "at", "in", "during"):
        k = 1
    date = k
    while date < len(content) and doc[content[date]].ent_type_ in ("DATE", "TIME"):
        date += 1
    if date == k or date >= len(content) or content[date] != content[date - 1] + 1:
        return content
    if doc[content[date]].is_punct:
        return content  # a mark after the date: the date is what the content is about
    # a date that modifies a verb ("on Friday it would raise"), not a noun ("last week's strike")
    phrase = doc[content[0] : content[date - 1] + 1]
    if phrase.root.dep_ not in ("prep", "npadvmod", "advmod", "tmod") or phrase.root.head.pos_ not in ("VERB", "AUX"):
        return content
    return content[date:]


# an adverbial clause of time on the cue says when it was said, not what: in PolNeAR train, 29
# of 344 such clauses are in the content ("The decree was approved | after four regions voted")
_WHEN_MARKS = frozenset({"after", "before", "when", "while", "since", "until", "once"})


def _says_when(child: Token) -> bool:
    return _clause_marked(child, _WHEN_MARKS)


def _clause_marked(token: Token, marks: frozenset[str]) -> bool:
    """Whether ``token`` heads an adverbial clause opened by one of ``marks``."""
    return token.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in token.children)


def _has_subject(token: Token) -> bool:
    return any(child.dep_ in F.SUBJECT_DEPS for child in token.children)


def _under_other_cue(table: TokenTable, candidate: int, cue: int, cue_heads: set[int]) -> bool:
    """Whether token ``candidate`` lies under another cue, with a speaker of its own, that hangs
    below ``cue``: in "sources said, while Hamas accused Israel of obstructing a deal", what
    Hamas accused Israel of is not what the sources said. A content may hold another statement
    (its head is then that cue), not a piece of one."""
    heads = table.head
    node = candidate
    while heads[node] != node:  # the ancestors, nearest first (Token.ancestors)
        node = heads[node]
        if node == cue:
            return False
        if node in cue_heads:
            # a clause with a speaker of its own ("while Hamas accused"); a participle that
            # goes on the cue's speaker ("went on to attack Trump, saying ...") is not one
            own_speaker = any(table.dep[c] in F.SUBJECT_DEPS for c in table.children[node])
            return own_speaker and _governs(heads, cue, node)
    return False


def _governs(heads: list[int], ancestor: int, node: int) -> bool:
    """Whether ``ancestor`` is one of ``node``'s ancestors."""
    while heads[node] != node:
        node = heads[node]
        if node == ancestor:
            return True
    return False


def propose(
    doc: Doc, cue_head: Token, sentences: list[Span], models: Models, quotations: F.Quotations, cue_heads: set[int]
) -> Relation:
    """The relation the models build around a given cue head (training's view of extraction)."""
    relation = Relation(cue_head=cue_head, cue=[cue_head.i])
    _fill(relation, doc, ordered(sentences), models, quotations, cue_heads)
    return relation


def edge_options(
    relation: Relation, sentence: Span, quotations: F.Quotations
) -> dict[tuple[str, str], list[tuple[int, list[str]]]]:
    """Candidate edges of the relation's cue and (in-sentence) content, keyed by (role, side);
    ``sentence`` is the cue's (``Token.sent`` searches the document, so callers pass it)."""
    cue = relation.cue_head
    idx = token_table(sentence.doc).idx
    quoted = {i for i in range(sentence.start, sentence.end) if quotations.index_at(idx[i]) is not None}
    inside = lambda span: [i for i in span if sentence.start <= i < sentence.end]  # noqa: E731
    cue_span, content_span = inside(relation.cue), inside(relation.content)
    out: dict[tuple[str, str], list[tuple[int, list[str]]]] = {}
    source = set(relation.source)
    for side in ("start", "end"):
        # a cue keeps its head; it may take words the content had ("accused | her of")
        out[("cue", side)] = [
            (position, feats)
            for position, feats in E.options("cue", side, cue_span, sentence, cue, source, quoted)
            if (position <= cue.i if side == "start" else position >= cue.i)
        ]
        if content_span and relation.walked:
            attached = source | set(relation.cue)
            out[("content", side)] = E.options("content", side, content_span, sentence, cue, attached, quoted)
    return out


def _redraw_edges(relation: Relation, sentence: Span, model: LinearModel, quotations: F.Quotations) -> None:
    """Move the cue's and the content's edges where the edge ranker puts them (edges.py)."""
    chosen: dict[tuple[str, str], int] = {}
    for key, candidates in edge_options(relation, sentence, quotations).items():
        if candidates:
            chosen[key] = max(candidates, key=lambda option: model.score(option[1]))[0]
    source = set(relation.source)
    if ("cue", "start") in chosen and ("cue", "end") in chosen:
        relation.cue = E.reshape(relation.cue, chosen[("cue", "start")], chosen[("cue", "end")], sentence, source)
    if ("content", "start") in chosen and ("content", "end") in chosen:
        start, end = chosen[("content", "start")], chosen[("content", "end")]
        if start <= end:
            attached = source | set(relation.cue)
            content = E.reshape(relation.content, start, end, sentence, attached)
            relation.content = content or relation.content


# marks of a clause that sets another statement beside the cue's ("while Hamas accused ...")
_CONTRAST_MARKS = frozenset({"while", "whereas", "although", "though"})


def _beside(cue: Token, other: Token) -> bool:
    """Whether the parse sets ``other`` (another cue) beside ``cue``, with a speaker of its own
    ("Talks stalled, sources said, | while Hamas accused Israel ..."; "..., but Hamas denied
    it"): that is the article's next statement, neither the content of this one nor part of
    it. A cue inside the content ("said that X, as he says, ...") is not beside it."""
    if other.head.i != cue.i or not _has_subject(other):
        return False
    return other.dep_ == "conj" or _clause_marked(other, _CONTRAST_MARKS)


def _trim_dangling(doc: Doc, content: list[int]) -> list[int]:
    """Drop a conjunction (and the punctuation before it) left at a content's end: the
    coordinated clause it announced was not taken (``... in his campaigns and``)."""
    table = token_table(doc)
    punct, space = table.punct, table.space
    words = [i for i in sorted(content) if not (punct[i] or space[i])]
    if len(words) < 2 or table.dep[words[-1]] != "cc":
        return content
    return [i for i in content if i < words[-2] + 1]


def _comma_split_left(head: Token) -> set[int]:
    """Tokens of a noun's left modifier that a comma separates from it (``the accusation, |
    staff who ...``): a misattachment of the previous clause's object, never part of the
    mention (a mention's own modifiers are not comma-separated on its left)."""
    doc = head.doc
    out: set[int] = set()
    for child in head.lefts:
        right = child.right_edge.i
        comma = right if doc[right].text == "," else right + 1
        if child.dep_ in ("nmod", "npadvmod", "appos", "dep") and comma < head.i and doc[comma].text == ",":
            out |= {t.i for t in child.subtree}
            out.add(comma)
    return out


_NP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM"})


def _orphan_object(cue: Token, cue_span: list[int], content_head: object) -> list[int]:
    """The object of a cue that the parse hung elsewhere (``has denied the accusation, staff
    ...``, where ``accusation`` became a modifier of ``staff``): a plain noun phrase right after
    a cue that has no object of its own, ending at a comma or the sentence end, when the chosen
    content is outside the cue's clause. Empty when there is none."""
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "dative", "attr", "prep", "advcl") for c in cue.children):
        return []
    clause = {t.i for t in cue.subtree}
    if isinstance(content_head, Token) and (
        content_head.i in clause or cue.i in {t.i for t in content_head.subtree}
    ):
        return []
    doc, sentence = cue.doc, cue.sent
    start = max(cue_span) + 1
    end = start
    while end < sentence.end and doc[end].pos_ in _NP_POS:
        end += 1
    if end == start or end >= sentence.end or doc[end - 1].pos_ not in ("NOUN", "PROPN"):
        return []
    if doc[end].text not in (",", ".", ";"):
        return []
    # the phrase must hang outside the cue's clause: one the parse gave the cue is not orphaned
    if any(doc[i].head.i in clause for i in range(start, end) if not start <= doc[i].head.i < end):
        return []
    return list(range(start, end))


def _choose_content(
    model: LinearModel, options: list[tuple[object, list[str]]], doc: Doc, sentence: Span, sentences: list[Span]
) -> object:
    """The best-scoring content option that can be realised: "no content" is never taken (a
    cue without content is not a statement worth reporting), nor a neighbour sentence that is
    not there."""
    ranked = sorted(options, key=lambda option: -model.score(option[1]))
    for option, _ in ranked:
        if option is None:
            continue
        if option == F.NEXT and _sentence_after(doc, sentence, sentences) is None:
            continue
        if option == F.PREV and _sentence_before(doc, sentence, sentences) is None:
            continue
        return option
    return None


def _join_quote(
    doc: Doc, relation: Relation, sentences: list[Span], quotations: F.Quotations, cue_heads: set[int]
) -> list[int]:
    """Extend a quoted content over its whole quotation, the quotations of the same sentence
    that only the cue and source separate from it (``"A," he said, "B."``), and the quoted
    sentences that follow without a cue of their own (``"A," he said. "B."``)."""
    content = set(relation.content)
    table = token_table(doc)
    idx, space = table.idx, table.space
    words = [i for i in sorted(content) if not table.punct[i]]
    if not words:
        return sorted(content)
    first_q = quotations.index_at(idx[words[0]])
    last_q = quotations.index_at(idx[words[-1]])
    ends = [q for q in (first_q, last_q) if q is not None]
    if not ends:
        return sorted(content)
    attached = set(relation.cue) | set(relation.source)
    sentence = relation.cue_head.sent
    low, high = ends[0], ends[-1]

    def gap_is_attached(start: int, end: int) -> bool:
        gap = [t for t in doc.char_span(start, end, alignment_mode="expand") or [] if not (t.is_punct or t.is_space)]
        return all(t.i in attached for t in gap)

    while low > 0:
        start, end = quotations.spans[low - 1]
        if start < sentence.start_char or not gap_is_attached(end, quotations.spans[low][0]):
            break
        low -= 1
    while high + 1 < len(quotations.spans):
        start, _ = quotations.spans[high + 1]
        if start >= sentence.end_char or not gap_is_attached(quotations.spans[high][1], start):
            break
        high += 1
    q_start, q_end = quotations.spans[low][0], quotations.spans[high][1]
    head = relation.content_head
    if head is not None and quotations.index_at(head.idx) is not None:
        # a quote ends the content: unquoted words the parse hangs on it after its opening
        # mark ("..." she said, and soon ...) are not part of it; words before it are
        # ('The country "has made ..."')
        quoted_ends = [quotations.spans[k][1] for i in content if (k := quotations.index_at(idx[i])) is not None]
        last_end = max([q_end, *quoted_ends])
        content = {i for i in content if idx[i] < last_end}
    for token in doc.char_span(q_start, q_end, alignment_mode="expand") or []:
        if not token.is_space and token.i not in attached:
            content.add(token.i)
    # following sentences of the same paragraph (or of the next paragraphs of the quote)
    current = doc[max(content)].sent
    while True:
        following = _sentence_after(doc, current, sentences)
        if following is None:
            break
        if following[0].text[:1] not in F.OPENING + '"\'`':
            break
        if any(t.i in cue_heads for t in following):
            break
        if _paragraph_between(current, following) and (
            _last_char(current) in F.CLOSING + '"\''
            or any(t.i in cue_heads for t in _paragraph_from(following, sentences))
        ):
            # a new paragraph continues the quote only when the previous one left it open, or
            # ended on its cue ('"A," he said.' / '"B."') and the new one has no cue of its own
            break
        q = quotations.index_at(following[0].idx)
        end = max(following.end_char, quotations.spans[q][1] if q is not None else 0)
        # the tokens from the sentence's start up to ``end`` (offsets only grow)
        added = []
        i = following.start
        while i < len(idx) and idx[i] < end:
            if not space[i]:
                added.append(i)
            i += 1
        if any(i in cue_heads for i in added):
            break
        content.update(added)
        current = doc[max(added)].sent
    for paragraph in _open_paragraphs_before(doc, doc[min(content)], sentences, quotations, cue_heads):
        content.update(t.i for t in paragraph if not t.is_space)
    return sorted(content)


def _open_paragraphs_before(
    doc: Doc, first: Token, sentences: list[Span], quotations: F.Quotations, cue_heads: set[int]
) -> list[Span]:
    """The earlier paragraphs of a quote whose content starts at ``first``, nearest first.

    News style leaves a quoted paragraph open (no closing mark) when the quote goes on in the
    next one, and the speaker is often named only there (``"A.`` / ``"B," she said.``). A
    paragraph before the content's own belongs to the quote when it opens with the same quote
    mark as the content's paragraph, is all one quotation, left open, and has no cue (nor a
    transcript's speaker label) of its own."""
    found: list[Span] = []
    current = first.sent
    while first.text in F.OPENING + '"' and first.i == _first_word(current).i:
        previous = _sentence_before(doc, current, sentences)
        if previous is None or not _paragraph_between(previous, current):
            break
        start = previous
        while (earlier := _sentence_before(doc, start, sentences)) is not None and not _paragraph_between(earlier, start):
            start = earlier
        opening = _first_word(start)
        q = quotations.index_at(opening.idx)
        if (
            opening.text != first.text  # the same mark: a '"' excerpt around '“' quotes is another quote
            or q is None
            or quotations.spans[q][1] < previous.end_char  # a quotation that closes inside it
            or _last_char(previous) in F.CLOSING + '"\''
            or any(i in cue_heads for i in range(start.start, previous.end))
            or opens_with_label(doc[start.start : previous.end].text.lstrip())
        ):
            break
        found.append(doc[start.start : previous.end])
        first, current = opening, start
    return found


def _paragraph_from(sentence: Span, sentences: list[Span]) -> Span:
    """``sentence`` and the sentences after it up to the end of its paragraph."""
    last = sentence
    while (after := _sentence_after(sentence.doc, last, sentences)) is not None and not _paragraph_between(last, after):
        last = after
    return sentence.doc[sentence.start : last.end]


def _first_word(sentence: Span) -> Token:
    """The sentence's first token that is not whitespace (a paragraph's newline may lead it)."""
    return next((t for t in sentence if not t.is_space), sentence[0])


def _paragraph_between(current: Span, following: Span) -> bool:
    """Whether a line break separates two sentences (read off the tokens: ``Doc.text`` would
    join the whole document on every call)."""
    doc = current.doc
    between = doc[current.end - 1 : following.start]
    return any("\n" in (t.whitespace_ if k == 0 else t.text_with_ws) for k, t in enumerate(between))


def _last_char(sentence: Span) -> str:
    """The sentence's last character that is not whitespace."""
    for token in reversed(sentence):
        if token.text.strip():
            return token.text.rstrip()[-1]
    return ""


def token_pieces(doc: Doc, indices: list[int]) -> list[tuple[int, int]]:
    """Contiguous runs of tokens as character spans, punctuation trimmed at the edges."""
    table = token_table(doc)
    pieces: list[tuple[int, int]] = []
    run: list[int] = []
    for i in sorted(set(indices)):
        if run and i != run[-1] + 1:
            pieces.extend(_trimmed(table, run))
            run = []
        run.append(i)
    if run:
        pieces.extend(_trimmed(table, run))
    return pieces


def _trimmed(table: TokenTable, run: list[int]) -> list[tuple[int, int]]:
    punct, texts = table.punct, table.text
    tokens = [i for i in run if not table.space[i]]
    while tokens and (punct[tokens[0]] and texts[tokens[0]] not in "$"):
        tokens.pop(0)
    while tokens and punct[tokens[-1]]:
        tokens.pop()
    if not tokens:
        return []
    return [(table.idx[tokens[0]], table.idx[tokens[-1]] + len(texts[tokens[-1]]))]
