"""The attribution extractor: every statement in an article with speaker, cue, content, stance.

Owns: composing the attribution steps into ``article.statements``: relations from the parse
(relations.py, learned on PolNeAR train, with span edges re-ranked by edges.py and signed
quotations from signatures.py and transcript turns from transcripts.py), scare quotes dropped,
nesting, stance/certainty/kind (stance.py) and denials linked to what they answer. Must not:
decide who a speaker is (it asks the entity stage, ``extract/entities``:
``ArticleEntities.speaker``), link speakers to actor ids (the actors extractor does), or use
boilerplate.

The trained weights ship as ``data/attribution/attribution_model.json``; retrain them with
``communique train attribution DIR`` (``communique.train.attribution.train``).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from communique.errors import Code, ModelLoadError
from communique.extract.attribution import repairs
from communique.extract.attribution.features import (
    QUOTE_MARKS,
    SCORES_KEY,
    SUBJECT_DEPS,
    Quotations,
    find_quotations,
)
from communique.extract.attribution.linear import load_models
from communique.extract.attribution.relations import Models, Relation, find_relations, token_pieces
from communique.extract.attribution.stance import HEARSAY, certainty_of, cue_stances, doubts, kind_of, stance_of
from communique.extract.entities.article import ArticleEntities
from communique.model import Article, Role, Statement
from communique.nlp import content_sentences
from communique.nlp.token_table import drop_table, token_table
from communique.settings import Settings

MODEL_RESOURCE = "attribution_model.json"
# the same decisions trained with the encoder's token scores as extra features (encoder.py)
ENCODER_MODEL_RESOURCE = "attribution_model_encoder.json"
# the cue candidates the default model never takes for cues (train/cue_filter.py)
CUE_FILTER_RESOURCE = "cue_filter.json"
# Cues that introduce a quoted name or label ("called it "a disaster"") keep a short quoted
# noun phrase as content; after any other cue such a phrase is a scare quote or a title.
_NAMING_CUES = frozenset({"say", "call", "describe", "dub", "label", "term", "tell", "write", "tweet", "name"})
# Nouns a denial uses for what it answers ("denied the accusation").
_ANSWERED = frozenset({"accusation", "allegation", "claim", "charge", "report", "suggestion", "assertion", "story"})


@lru_cache(maxsize=2)
def load_default_models(resource: str = MODEL_RESOURCE) -> Models:
    """The shipped trained models (loaded once per process), with the cue filter made for them."""
    try:
        text = resources.files("communique.data.attribution").joinpath(resource).read_text("utf-8")
        return models_from_text(text, never_cues=_never_cues(text))
    except (OSError, KeyError, ValueError) as exc:
        raise ModelLoadError(Code.E402, path=resource, detail=str(exc)) from exc


def models_from_text(text: str, never_cues: frozenset[tuple[str, str]] = frozenset()) -> Models:
    """The decisions of an ``attribution_model.json`` file's text (KeyError or ValueError when it
    is not one)."""
    models, _ = load_models(text)
    return Models(
        models["cue"], models["extent"], models["source"], models["content"], models.get("edges"), never_cues=never_cues
    )


def model_sha256(model_text: str) -> str:
    """The hash by which a cue filter names the model file it was made for."""
    return hashlib.sha256(model_text.encode("utf-8")).hexdigest()


def _never_cues(model_text: str) -> frozenset[tuple[str, str]]:
    """The shipped cue filter's pairs (``train/cue_filter.py``) when it was made for the model
    file ``model_text``; none for another model (a retrained one, or the encoder configuration's,
    which scores on other features)."""
    text = resources.files("communique.data.attribution").joinpath(CUE_FILTER_RESOURCE).read_text("utf-8")
    payload = json.loads(text)
    if payload["meta"]["model_sha256"] != model_sha256(model_text):
        return frozenset()
    return frozenset((lemma, pos) for lemma, pos, _ in payload["never"])


class AttributionExtractor:
    """Fills ``article.statements`` (see the module docstring)."""

    def __init__(self, settings: Settings, models: Models | None = None) -> None:
        self.settings = settings
        self.tagger = None
        if settings.accurate_attribution:
            from communique.extract.attribution.encoder import load_tagger

            self.tagger = load_tagger()
        resource = ENCODER_MODEL_RESOURCE if settings.accurate_attribution else MODEL_RESOURCE
        self.models = models or load_default_models(resource)

    def __call__(self, doc: Doc, article: Article) -> None:
        try:
            self._attribute(doc, article)
        finally:
            # the scores and the token table are only for this step: a stored or pickled Doc
            # should not carry them
            doc.user_data.pop(SCORES_KEY, None)
            drop_table(doc)

    def _attribute(self, doc: Doc, article: Article) -> None:
        sentences = list(content_sentences(doc))
        text = _text_of(doc, article)
        quotations = find_quotations(text)
        if self.tagger is not None:
            doc.user_data[SCORES_KEY] = self.tagger(doc)
        found = find_relations(doc, text, sentences, self.models, quotations)
        relations = [r for r in found if r.content or r.source]
        if repairs.on("scare_quote"):
            relations = [r for r in relations if not _scare_quote(doc, r, quotations)]
        if repairs.on("passive_deed"):
            relations = [r for r in relations if not _passive_deed(doc, r)]
        relations.sort(key=lambda r: r.cue_head.i)
        parents = _parents(relations)
        parents = _untangled(relations, parents, quotations) if repairs.on("untangle") else cut_cycles(parents)
        entities = ArticleEntities(doc)  # who each speaker is
        doubt_offsets = doubts(text, quotations)
        statements: list[Statement] = []
        for relation, parent in zip(relations, parents, strict=True):
            statements.append(
                self._statement(doc, article, relation, parent, quotations, entities, doubt_offsets, statements)
            )
        position = {id(relation): k for k, relation in enumerate(relations)}
        for statement, relation in zip(statements, relations, strict=True):
            if relation.answers is not None:
                statement.responds_to = position.get(id(relation.answers))
        _link_denials(doc, relations, statements)
        article.statements = statements

    def _statement(
        self,
        doc: Doc,
        article: Article,
        relation: Relation,
        parent: int | None,
        quotations: Quotations,
        entities: ArticleEntities,
        doubt_offsets: list[int],
        made: list[Statement],
    ) -> Statement:
        """One relation as a statement (``made``: the statements before it, for its parent's speaker)."""
        cue_tokens = [doc[i] for i in relation.cue]
        stance = stance_of(cue_tokens)
        source = [doc[i] for i in relation.source]
        reporter = _reporter(made, parent)
        name, person = entities.speaker(source, [doc[i] for i in relation.content], reporter) if source else (None, False)
        # a speaker met in a nested statement, a relative clause ("Putin, who suggested ...")
        # or an adverbial clause of another person's deed ("Burhan rejected the truce two days
        # after Dagalo said ...") is a subordinate mention: a later "he" still means the main one
        subordinate = (
            parent is not None or relation.cue_head.dep_ in ("relcl", "acl") or _under_a_persons_deed(relation.cue_head)
        )
        entities.note_speaker(relation.cue_head.idx, name, subordinate, person, source)
        return Statement(
            speaker=Role.from_spans(article.text, token_pieces(doc, relation.source), name=name),
            cue=Role.from_spans(article.text, _cue_pieces(doc, relation.cue)),
            content=Role.from_spans(article.text, token_pieces(doc, relation.content)),
            kind="direct" if relation.verbatim else kind_of(doc, relation.content, quotations),
            stance=stance,
            certainty=certainty_of(
                doc, cue_tokens, relation.content, stance, sourced=bool(relation.source), doubt_offsets=doubt_offsets
            ),
            parent=parent,
            confidence=round(relation.confidence, 3),
        )


def _text_of(doc: Doc, article: Article) -> str:
    """The document's text: the article's, which the Doc was made from (``Doc.text`` joins every
    token on each access, building a Token per word); ``Doc.text`` itself when the lengths say
    the Doc was made from other text."""
    if not len(doc):
        return doc.text
    last = doc[-1]
    return article.text if len(article.text) == last.idx + len(last.text_with_ws) else doc.text


def _reporter(made: list[Statement], parent: int | None) -> str | None:
    """The speaker whose words a nested statement sits in, for its pronoun: the nearest
    enclosing statement that says or thinks (not one that asks or urges: in "the premier had
    asked that he cut pensions, which he refused to do", "he" is not the premier)."""
    seen: set[int] = set()
    while parent is not None and parent < len(made) and parent not in seen:
        seen.add(parent)
        enclosing = made[parent]
        if enclosing.stance not in _DIRECTIVE_STANCES:
            return enclosing.speaker.name
        parent = enclosing.parent
    return None


# what someone asks of another: a pronoun in its content is the one asked, not the asker
_DIRECTIVE_STANCES = frozenset({"urge", "ask"})


def _under_a_persons_deed(cue: Token) -> bool:
    """Whether ``cue`` heads an adverbial clause of a main clause whose subject is a person."""
    main = cue.head
    return (
        cue.dep_ == "advcl"
        and main.dep_ == "ROOT"
        and any(c.dep_ in SUBJECT_DEPS and c.ent_type_ == "PERSON" for c in main.children)
    )


def _cue_pieces(doc: Doc, cue: list[int]) -> list[tuple[int, int]]:
    """The cue's character spans; a cue that is only punctuation (the dash that signs a
    quotation, a transcript's colon) keeps its mark, less a quote mark glued to it ("”―"),
    rather than becoming an empty span."""
    return token_pieces(doc, cue) or [_without_quote_marks(doc[i]) for i in sorted(cue)]


def _without_quote_marks(token: Token) -> tuple[int, int]:
    text = token.text
    start = token.idx + len(text) - len(text.lstrip(QUOTE_MARKS))
    end = token.idx + len(text.rstrip(QUOTE_MARKS))
    return (start, end) if start < end else (token.idx, token.idx + len(text))


def _scare_quote(doc: Doc, relation: Relation, quotations: Quotations) -> bool:
    """True when the content is only a short quoted noun phrase after a non-naming cue."""
    table = token_table(doc)
    words = [i for i in relation.content if not table.punct[i] and not table.space[i]]
    if not words or len(words) > 4 or table.lemma[relation.cue_head.i] in _NAMING_CUES:
        return False
    if any(quotations.index_at(table.idx[i]) is None for i in words):
        return False
    return not any(table.pos[i] in ("VERB", "AUX") for i in words)


def _passive_deed(doc: Doc, relation: Relation) -> bool:
    """True for a deed in the passive with nobody doing it, whose content is only the thing
    done to: "The decree was approved after four regions voted ..." reports no saying. Passive
    cues of the lexicon ("was confirmed", "was announced", "is expected") and of hearsay ("is
    said to") stay statements, as PolNeAR marks them."""
    cue = relation.cue_head
    if relation.source or cue.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in cue.children):
        return False
    lemma = cue.lemma_.lower()
    if lemma in cue_stances() or lemma in HEARSAY:
        return False
    content = set(relation.content)
    return any(c.dep_ == "nsubjpass" and c.i in content for c in cue.children) and not any(
        doc[i].dep_ in ("ccomp", "xcomp") and doc[i].head.i == cue.i for i in content
    )


def _parents(relations: list[Relation]) -> list[int | None]:
    """Index of the innermost relation whose content holds this one's cue: its words, or the
    clause its content hangs from (a relative clause the content span leaves out, as in
    ``derailed by Johnson, who allegedly advised ...``, is still part of what is reported)."""
    scopes = []
    for relation in relations:
        scope = set(relation.content)
        head = relation.content_head
        if head is not None and not any(head.i == t.i for t in relation.cue_head.ancestors):
            # only relative clauses on the content's words: a "while ..." clause the parse hangs
            # inside ("Ueda signalled that ... as expected, while Kato said ...") is the
            # article's own contrast, not part of what Ueda said
            for token in head.subtree:
                if token.dep_ in ("relcl", "acl") and token.head.i in scope:
                    scope |= {t.i for t in token.subtree}
            scope -= set(relation.cue) | set(relation.source)
        scopes.append(scope)
    parents: list[int | None] = []
    for k, relation in enumerate(relations):
        if relation.answers is not None:
            parents.append(None)  # a rebuttal is the article's addition to the claim, not part of it
            continue
        best: int | None = None
        for j, scope in enumerate(scopes):
            if j != k and relation.cue_head.i in scope and (best is None or len(scope) < len(scopes[best])):
                best = j
        parents.append(best)
    return parents


def _untangled(relations: list[Relation], parents: list[int | None], quotations: Quotations) -> list[int | None]:
    """Parents without cycles. Two relations can hold each other's cue when the parse runs one
    content over the other ("Xi told Orban that ... Ukraine, according to Chinese state media":
    the content of "told" takes in "according to ..."): the one that reports the other (see
    ``_reports``) is the outer, and the inner's content gives back the outer's cue and source.
    Any longer cycle is cut where it closes."""
    parents = list(parents)
    for k, j in enumerate(parents):
        if j is None or parents[j] != k:
            continue
        outer, inner = (j, k) if _reports(relations[j], relations[k], quotations) else (k, j)
        parents[outer] = None
        taken = set(relations[outer].cue) | set(relations[outer].source)
        content = [i for i in relations[inner].content if i not in taken]
        doc = relations[inner].cue_head.doc
        while content and (doc[content[-1]].is_punct or doc[content[-1]].is_space):
            content.pop()
        relations[inner].content = content
    return cut_cycles(parents)


def cut_cycles(parents: list[int | None]) -> list[int | None]:
    """``parents`` with every cycle cut where a walk from one of its members returns to it; a
    statement that merely leads into a cycle keeps its parent."""
    parents = list(parents)
    for k in range(len(parents)):
        seen, node = {k}, parents[k]
        while node is not None and node not in seen:
            seen.add(node)
            node = parents[node]
        if node == k:
            parents[k] = None
    return parents


def _reports(a: Relation, b: Relation, quotations: Quotations) -> bool:
    """Whether ``a`` is the outer of two relations holding each other's cue: the article's own
    "according to" (not one inside a quotation, which is the quoted speaker's), else the cue
    that governs the other in the parse ("they say they support the changes lawmakers are
    expected to consider"), else the one with the wider content."""
    hearsay = lambda r: r.cue_head.lower_ == "according" and quotations.index_at(r.cue_head.idx) is None  # noqa: E731
    if hearsay(a) != hearsay(b):
        return hearsay(a)
    if a.cue_head.is_ancestor(b.cue_head) != b.cue_head.is_ancestor(a.cue_head):
        return a.cue_head.is_ancestor(b.cue_head)
    return len(a.content) >= len(b.content)


def _link_denials(doc: Doc, relations: list[Relation], statements: list[Statement]) -> None:
    """A denial of "the accusation" answers the latest earlier statement that names the denier."""
    for k, statement in enumerate(statements):
        if statement.stance != "deny" or statement.responds_to is not None:
            continue
        objects: list[Token] = [
            c for i in relations[k].cue for c in doc[i].children if c.dep_ in ("dobj", "nsubjpass")
        ] + [doc[i] for i in relations[k].content]
        # "denied the accusation" even when the parse hangs the noun elsewhere
        last = max(relations[k].cue)
        objects += [t for t in doc[last + 1 : last + 4] if not t.is_sent_start]
        answered = [t for t in objects if t.lemma_.lower() in _ANSWERED]
        if not answered:
            continue
        denier = (statement.speaker.name or statement.speaker.text).split()
        surname = denier[-1].lower() if denier else ""
        for j in range(k - 1, -1, -1):
            earlier = statements[j]
            mentioned = surname and (
                surname in earlier.content.text.lower() or surname in (earlier.speaker.name or "").lower()
            )
            if mentioned and earlier.speaker.name != statement.speaker.name:
                statement.responds_to = j
                break
        if statement.responds_to is None and any(_points_back(t) for t in answered):
            # "denied that claim": the claim just made, by someone else, whoever it names
            statement.responds_to = _just_before(doc, relations, statements, k)


def _points_back(noun: Token) -> bool:
    """Whether a noun points back at what was just said (``that claim``, ``these reports``)."""
    return any(c.dep_ == "det" and c.lower_ in ("that", "this", "these", "those") for c in noun.children)


def _just_before(doc: Doc, relations: list[Relation], statements: list[Statement], k: int) -> int | None:
    """The latest top-level statement by another speaker before statement ``k`` (statements
    are in text order), in its sentence or the one before, or None."""
    sentence = relations[k].cue_head.sent
    earliest = sentence.start if sentence.start == 0 else doc[sentence.start - 1].sent.start
    for j in range(k - 1, -1, -1):
        if relations[j].cue_head.i < earliest:
            return None
        if statements[j].parent is None and statements[j].speaker.name != statements[k].speaker.name:
            return j
    return None
