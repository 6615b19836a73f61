"""Train the attribution models on a PolNeAR training split (``communique train attribution DIR``).

Owns: turning gold brat attributions into examples for the four parse decisions of
``extract/attribution/features.py`` (cue head, span extent, source head, content head) and for
the edge ranker of ``edges.py`` (on spans proposed by models cross-fitted on the other half of the
texts), fitting averaged perceptrons with a fixed seed, and writing ``attribution_model.json``. Must not: read a
dev or test split, or change the features (training and extraction share them).

Reproducible: the same split, seed and epochs give the same weights (examples are built in file
order and shuffled with ``random.Random(seed)``), and the written meta says how to get them again:
the data and its hash, the code commit and the command (``train/provenance.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from communique.errors import Code, UsageError
from communique.evaluate.polnear import Attribution, GoldDocument, load_split
from communique.extract.attribution import features as F
from communique.extract.attribution.linear import fit_binary, fit_ranker, save_models
from communique.extract.attribution.relations import Models, edge_options, propose
from communique.model import Offsets
from communique.settings import DEFAULT_SPACY_MODEL, Settings
from communique.train.provenance import command_line, provenance

MODEL_FILE = "attribution_model.json"
ENCODER_MODEL_FILE = "attribution_model_encoder.json"


def tokens_in(doc: Doc, pieces: Sequence[Offsets]) -> list[Token]:
    out = []
    for token in doc:
        if token.is_space:
            continue
        if any(s <= token.idx < e for s, e in pieces):
            out.append(token)
    return out


def root_of(tokens: Sequence[Token]) -> Token | None:
    ids = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in ids or token.head.i == token.i:
            return token
    return None


class Examples:
    """Examples of the four decisions gathered from gold documents."""

    def __init__(self) -> None:
        self.cue: list[tuple[list[str], bool]] = []
        self.extent: list[tuple[list[str], bool]] = []
        self.source: list[tuple[list[list[str]], int]] = []
        self.content: list[tuple[list[list[str]], int]] = []

    def add_document(self, doc: Doc, gold: Iterable[Attribution]) -> None:
        quotations = F.find_quotations(doc.text)
        sentences = [s for s in doc.sents if s.text.strip()]
        cue_heads: dict[int, tuple[Attribution, list[Token]]] = {}
        for attribution in gold:
            tokens = tokens_in(doc, attribution.cue)
            head = root_of(tokens)
            if head is not None:
                cue_heads[head.i] = (attribution, tokens)
        for sentence in sentences:
            for token in F.cue_candidates(sentence):
                self.cue.append((F.cue_features(token, quotations, sentence), token.i in cue_heads))
        for head_i, (attribution, cue_tokens) in cue_heads.items():
            self._add_roles(doc, doc[head_i], attribution, cue_tokens, quotations)

    def _add_roles(
        self, doc: Doc, cue: Token, attribution: Attribution, cue_tokens: list[Token], quotations: F.Quotations
    ) -> None:
        sentence: Span = cue.sent
        source_tokens = tokens_in(doc, attribution.source)
        source_head = root_of(source_tokens) if source_tokens else None
        candidates = [c for c in F.role_candidates(sentence, F.SOURCE_POS) if c.i != cue.i]
        options = [F.source_features(cue, None)] + [F.source_features(cue, c) for c in candidates]
        gold_index = 0
        if source_head is not None:
            positions = [k + 1 for k, c in enumerate(candidates) if c.i == source_head.i]
            gold_index = positions[0] if positions else -1
        if gold_index >= 0:
            self.source.append((options, gold_index))

        content_tokens = tokens_in(doc, attribution.content)
        inside = [t for t in content_tokens if sentence.start <= t.i < sentence.end]
        content_head = root_of(inside) if inside else None
        c_candidates = [
            c for c in F.role_candidates(sentence, None)
            if c.i != cue.i and (source_head is None or c.i != source_head.i)
        ]
        c_options = [
            F.content_features(cue, None, quotations),
            F.content_features(cue, F.NEXT, quotations),
            F.content_features(cue, F.PREV, quotations),
        ]
        c_options += [F.content_features(cue, c, quotations) for c in c_candidates]
        if content_head is not None:
            positions = [k + 3 for k, c in enumerate(c_candidates) if c.i == content_head.i]
            c_gold = positions[0] if positions else -1
        elif content_tokens and content_tokens[0].i >= sentence.end:
            c_gold = 1
        elif content_tokens and content_tokens[-1].i < sentence.start:
            c_gold = 2
        elif not content_tokens:
            c_gold = 0
        else:
            c_gold = -1
        if c_gold >= 0:
            self.content.append((c_options, c_gold))

        blocked_cue = {t.i for t in (source_head, content_head) if t is not None}
        self._add_extent("cue", cue, cue, source_head, {t.i for t in cue_tokens}, blocked_cue)
        if source_head is not None:
            blocked = {cue.i} | ({content_head.i} if content_head is not None else set())
            self._add_extent("source", source_head, cue, None, {t.i for t in source_tokens}, blocked)
        if content_head is not None:
            blocked = {cue.i} | ({source_head.i} if source_head is not None else set())
            gold_content = {t.i for t in content_tokens}
            self._add_extent("content", content_head, cue, source_head, gold_content, blocked)
            if content_head.head.i == cue.i:
                # other objects of the cue that join the content ("urged him | to leave")
                skip = blocked | {content_head.i} | {t.i for t in cue_tokens}
                for sibling in cue.children:
                    if sibling.i in skip or sibling.is_space or sibling.is_punct:
                        continue
                    label = sibling.i in gold_content
                    self.extent.append((F.extent_features("sibling", cue, sibling, cue, source_head), label))
                    if label:
                        self._add_extent("content", sibling, cue, source_head, gold_content, blocked)

    def _add_extent(
        self, role: str, head: Token, anchor: Token, other: Token | None, gold: set[int], blocked: set[int]
    ) -> None:
        """One example per child reachable through accepted (gold) children, as ``grow`` walks."""

        def record(child: Token, feats: list[str]) -> bool:
            label = child.i in gold
            self.extent.append((feats, label))
            return label

        F.walk_extent(role, head, anchor, other, blocked, record)


def _fit_parse_models(docs: Sequence[tuple[Doc, Sequence[Attribution]]], epochs: int, seed: int) -> tuple[Models, Examples]:
    """The four decisions on the parse (cue head, extent, source head, content head)."""
    examples = Examples()
    for doc, gold in docs:
        examples.add_document(doc, gold)
    models = Models(
        cue=fit_binary(examples.cue, epochs, seed),
        extent=fit_binary(examples.extent, epochs, seed),
        source=fit_ranker(examples.source, epochs, seed),
        content=fit_ranker(examples.content, epochs, seed),
    )
    return models, examples


def _gold_edges(doc: Doc, attribution: Attribution, sentence: Span) -> dict[tuple[str, str], int]:
    """First and last word of the gold cue and content inside ``sentence``."""
    edges: dict[tuple[str, str], int] = {}
    for role in ("cue", "content"):
        words = [
            t.i for t in tokens_in(doc, attribution.role(role))
            if sentence.start <= t.i < sentence.end and not t.is_punct
        ]
        if words:
            edges[(role, "start")], edges[(role, "end")] = words[0], words[-1]
    return edges


def edge_examples(docs: Iterable[tuple[Doc, Sequence[Attribution]]], models: Models) -> list[tuple[list[list[str]], int]]:
    """Edge-ranking examples: the spans ``models`` propose around each gold cue head, with the
    gold edge among their candidates (a proposal whose content misses the gold one is skipped:
    no edge can mend a wrong head)."""
    out: list[tuple[list[list[str]], int]] = []
    for doc, gold in docs:
        quotations = F.find_quotations(doc.text)
        sentences = [s for s in doc.sents if s.text.strip()]
        heads = {}
        for attribution in gold:
            head = root_of(tokens_in(doc, attribution.cue))
            if head is not None:
                heads[head.i] = attribution
        for head_i, attribution in heads.items():
            relation = propose(doc, doc[head_i], sentences, models, quotations, set(heads))
            sentence = doc[head_i].sent
            gold_edges = _gold_edges(doc, attribution, sentence)
            gold_content = {t.i for t in tokens_in(doc, attribution.content)}
            for key, candidates in edge_options(relation, sentence, quotations).items():
                if key not in gold_edges or (key[0] == "content" and not gold_content & set(relation.content)):
                    continue
                positions = [position for position, _ in candidates]
                if gold_edges[key] in positions:
                    out.append(([feats for _, feats in candidates], positions.index(gold_edges[key])))
    return out


def fit(
    docs: Iterable[tuple[Doc, Sequence[Attribution]]], epochs: int = 8, seed: int = 13, folds: int = 2
) -> dict[str, Any]:
    """Fit the four parse decisions on every document, and the edge ranker on proposals made
    by models cross-fitted over ``folds`` parts (a text's annotator files stay in one part)."""
    docs = list(docs)
    models, examples = _fit_parse_models(docs, epochs, seed)
    texts = [doc.text for doc, _ in docs]  # Doc.text joins every token: read it once per document
    part_of = {text: k % folds for k, text in enumerate(dict.fromkeys(texts))}
    parts = [part_of[text] for text in texts]
    edge_data: list[tuple[list[list[str]], int]] = []
    for fold in range(folds):
        held_out = [d for d, part in zip(docs, parts, strict=True) if part == fold]
        fold_models, _ = _fit_parse_models([d for d, part in zip(docs, parts, strict=True) if part != fold], epochs, seed)
        edge_data += edge_examples(held_out, fold_models)
    named = {
        "cue": models.cue,
        "extent": models.extent,
        "source": models.source,
        "content": models.content,
        "edges": fit_ranker(edge_data, epochs, seed),
    }
    meta = {
        "documents": len(docs),
        "examples": {name: len(getattr(examples, name)) for name in ("cue", "extent", "source", "content")}
        | {"edges": len(edge_data)},
        "epochs": epochs,
        "seed": seed,
        "folds": folds,
        "trainer": "averaged perceptron (communique.train.attribution)",
    }
    return {"models": named, "meta": meta}


def train(
    train_dir: Path,
    out_dir: Path,
    settings: Settings,
    epochs: int = 8,
    seed: int = 13,
    limit: int | None = None,
    every_annotator: bool = True,
    encoder: bool = False,
    log: Callable[[str], None] = lambda _: None,
    command: str | None = None,
) -> dict[str, Any]:
    """Parse a PolNeAR split, fit the models and write ``out_dir/attribution_model.json``.

    Every annotator file of a text is a training document (``every_annotator``), each text
    parsed once. Returns a summary (documents, examples per decision, features kept, output
    path). Copy the file to ``src/communique/data/attribution/`` to ship it as the default model.

    With ``encoder``, the accurate configuration instead: fine-tune the encoder tagger
    (train/encoder.py), give every document its cross-fitted token scores, fit the same models
    on them, and write ``encoder_top.safetensors`` (shipped in packages/encoder-weights) and
    ``attribution_model_encoder.json``.

    Every file written carries the provenance meta (train/provenance.py); ``command`` is the
    command line to record, by default this process's own when it is the CLI, else the CLI
    command equivalent to this call.
    """
    from communique.nlp import load_pipeline

    gold_docs: list[GoldDocument] = load_split(Path(train_dir), limit=limit, every_annotator=every_annotator)
    if not gold_docs:
        raise UsageError(Code.E404, path=str(train_dir), detail="no annotated texts")
    if command is None:
        command = command_line(_equivalent_command(train_dir, settings, epochs, seed, encoder))
        if limit is not None or not every_annotator:  # options of the Python API only
            command += f"  # from Python, with limit={limit}, every_annotator={every_annotator}"
    # before the hour of training: the commit is the code that trains, and bad data fails early
    origin = provenance([train_dir], command)
    nlp = load_pipeline(settings.spacy_model)
    texts = list(dict.fromkeys(g.text for g in gold_docs))
    parsed = dict(zip(texts, nlp.pipe(texts, batch_size=settings.batch_size), strict=True))
    docs = [(parsed[g.text], g.attributions) for g in gold_docs]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / MODEL_FILE
    if encoder:
        from communique.extract.attribution.encoder import WEIGHTS_RESOURCE, save_weights
        from communique.extract.attribution.features import SCORES_KEY
        from communique.train.encoder import EPOCHS, TRAINER, cross_fit, stamp

        scores, top = cross_fit(docs, seed=seed, log=log)
        for doc, _ in docs:
            doc.user_data[SCORES_KEY] = scores[id(doc)]
        save_weights(top, out_dir / WEIGHTS_RESOURCE)
        stamp(out_dir / WEIGHTS_RESOURCE, origin | {"trainer": TRAINER, "epochs": EPOCHS, "seed": seed})
        path = out_dir / ENCODER_MODEL_FILE
    result = fit(docs, epochs, seed)
    if encoder:
        result["meta"]["encoder"] = "cross-fitted MiniLM token scores (communique.train.encoder)"
    result["meta"] |= origin
    save_models(path, result["models"], result["meta"])
    return {
        **result["meta"],
        "features": {name: len(m.weights) for name, m in result["models"].items()},
        "output": str(path),
    }


def _equivalent_command(train_dir: Path, settings: Settings, epochs: int, seed: int, encoder: bool) -> list[str]:
    """The ``communique train attribution`` command line that trains what this call trains
    (``--out`` left out: where the files go does not change them)."""
    words = ["communique", "train", "attribution", str(train_dir)]
    words += ["--epochs", str(epochs), "--seed", str(seed)]
    words += ["--model", settings.spacy_model] if settings.spacy_model != DEFAULT_SPACY_MODEL else []
    return words + (["--encoder"] if encoder else [])
