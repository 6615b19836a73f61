"""Find attribution relations in a parsed document: cue, source and content as token sets.

Owns: running the learned decisions (features.py, linear.py) over the parse in order: cue heads,
then each cue's source head and content head, then each role's extent (with the rule repairs of
span_repairs.py where the small parser misattaches: a cue's object hung on the next clause's
subject, a content left ending on a conjunction), then joining a direct quote's continuation
sentences (quote_join.py), then moving the
cue's and content's edges where the edge ranker puts them (edges.py); and adding quotations
signed with a dash (signatures.py), transcript turns (transcripts.py) and a wire story's
rebuttals (``..., a claim Kyiv denies``: rebuttals.py). Must not: resolve who a speaker is, classify stance or build
``Statement`` objects (the package ``__init__`` does), or read boilerplate text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from communique.extract.attribution import edges as E
from communique.extract.attribution import features as F
from communique.extract.attribution import quote_join as Q
from communique.extract.attribution import repairs
from communique.extract.attribution import span_repairs as S
from communique.extract.attribution.linear import LinearModel
from communique.extract.attribution.quote_join import ordered
from communique.extract.attribution.rebuttals import REBUTTAL_CONFIDENCE, find_rebuttals
from communique.extract.attribution.signatures import find_signatures
from communique.extract.attribution.transcripts import find_turns
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
    # (lemma, coarse tag) pairs the cue model never took for a cue on its training texts
    # (train/cue_filter.py: ``cue_filter.json``, made for this model)
    never_cues: frozenset[tuple[str, str]] = frozenset()
    _cue_lemmas: frozenset[str] | None = field(default=None, repr=False, compare=False)

    def may_head_cue(self, pos: str, text: str, lemma: str) -> bool:
        """Whether a cue candidate is worth scoring: not one of ``never_cues``, and a verb, a
        colon, or a word whose lemma the cue model learned a weight for. Training corrects the
        perceptron only on candidates it gets wrong, so a noun or preposition it never had to
        learn about is one it never took for a cue: on PolNeAR dev and 120 train texts, none of
        the 32,591 such candidates scored over the threshold, and they are a third of all
        candidates (the cue decision is the most scored one). Training still sees every
        candidate (features.cue_candidates)."""
        if (lemma, pos) in self.never_cues:
            return False
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


def _contiguous(content: list[int], attached: set[int], sentence: Span) -> list[int]:
    """Fill the holes the parse leaves in a content (a misattached word or phrase): contents
    are runs of text, interrupted only by their own cue and source."""
    kept = [i for i in content if i not in attached]
    if not kept:
        return []
    low, high = min(kept), max(kept)
    return [i for i in range(low, high + 1) if i not in attached]





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
        # a head further than the dependency path reaches ("far") is no candidate: the ranker
        # chose one such head among PolNeAR dev's 14,607 (a third of all candidates; training
        # still sees them)
        path = F.path_between(table, up, k)
        if path != F.FAR:
            content_options.append((k, F.content_features_at(table, c, k, quotations, up, scores, path)))
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
            relation.source = [i for i in relation.source if i not in S.comma_split_left(source_head)]
    source_tokens = set(relation.source)
    orphan = S.orphan_object(cue, relation.cue, content_head) if repairs.on("orphan_object") else []
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
                if sibling.i in skip or sibling.is_space or sibling.is_punct or S.says_when(sibling):
                    continue
                if models.extent.score(F.extent_features("sibling", cue, sibling, cue, other)) > 0:
                    content.extend(grow("content", sibling, cue, other, blocked, models.extent, sentence))
        stranded = S.object_as_subject(cue, content_head) if repairs.on("object_as_subject") else []
        if stranded and not set(stranded) & (cue_tokens | source_tokens):
            content.extend(stranded)
        if repairs.on("contiguous"):
            content = _contiguous(content, cue_tokens | source_tokens, sentence)
        else:
            content = sorted(set(content))  # the run _contiguous would give, less its filling
        relation.content = S.trim_dangling(doc, content) if repairs.on("trim_dangling") else content
        relation.walked = bool(relation.content)
    elif content_head in (F.NEXT, F.PREV):
        neighbour = (Q.sentence_after if content_head == F.NEXT else Q.sentence_before)(doc, sentence, sentences)
        if neighbour is not None:
            relation.content_head = neighbour.root
            relation.content = [t.i for t in neighbour if not t.is_space]
    if relation.content and repairs.on("join_quote"):
        relation.content = Q.join_quote(doc, relation, sentences, quotations, cue_heads)
    if models.edges is not None:
        _redraw_edges(relation, sentence, models.edges, quotations)
    if relation.content:
        if repairs.on("leading_date"):
            relation.content = S.without_leading_date(doc, relation)
        if repairs.on("setting"):
            relation.content = S.without_setting(relation, quotations)
        if repairs.on("trailing_aside"):
            relation.content = S.without_trailing_aside(doc, relation)
        if repairs.on("dummy_subject"):
            relation.content = [i for i in relation.content if not S.dummy_subject(table, i, cue.i)]
    raised = S.raised_report(cue) if repairs.on("raised_report") else None
    if raised is not None:
        # the model's spans, with the subject moved from source to content and the parts it left out
        subject = raised[0]
        parts = set(relation.content) | (set(relation.source) if subject.i in relation.source else set())
        for part in raised:
            if part.i not in parts:
                parts |= {t.i for t in part.subtree if not t.is_space}
        relation.content = sorted(parts - set(relation.cue))
        relation.source, relation.source_head = [], None
    informant = S.informant(cue) if repairs.on("informant") else None
    if informant is not None and (relation.source_head is None or informant.i != relation.source_head.i):
        # the one who told is the speaker; the subject (an outlet, a reporter) only passes it on
        told = {t.i for t in informant.subtree if not t.is_space}
        # a that-clause the parse hung on the informant ("officials ... that the convoy was
        # delayed") is what they told
        said = {t.i for c in informant.children if S.that_clause(c) for t in c.subtree if not t.is_space}
        relation.source_head, relation.source = informant, sorted(told - said)
        relation.cue = [i for i in relation.cue if i not in told]
        relation.content = [i for i in relation.content if i not in told] or sorted(said)
    if relation.source_head is not None and repairs.on("source_run"):
        relation.source = S.source_run(relation)
    if relation.source_head is not None and repairs.on("source_when"):
        relation.source = S.without_when(relation)




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
    if other.head.i != cue.i or not S.has_subject(other):
        return False
    return other.dep_ == "conj" or S.clause_marked(other, _CONTRAST_MARKS)




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
        if option == F.NEXT and Q.sentence_after(doc, sentence, sentences) is None:
            continue
        if option == F.PREV and Q.sentence_before(doc, sentence, sentences) is None:
            continue
        return option
    return None




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
