"""Fine-tune the encoder tagger (extract/attribution/encoder.py) on a PolNeAR training split.

Owns: the tagger's token labels from gold attributions, caching the frozen part's output once
(only the top layers and the head are trained, so every epoch and every fold reuses it), fitting,
and the cross-fitted scores the linear models are trained on. Must not: write the
linear models (train/attribution.py does) or parse text.

Cross-fitting: the linear models learn how far to trust the scores, so the scores they train on
must come from a tagger that did not see that text; each half of the texts is scored by a tagger
fitted on the other half. The shipped tagger is then fitted on every text.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.tokens import Doc

from communique.evaluate.polnear import Attribution
from communique.extract.attribution.encoder import LABELS, EncoderTagger, build_top, piece_tokens, per_token, windows
from communique.nlp.minilm import fit_top
from communique.train.attribution import root_of, tokens_in
from communique.train.provenance import as_safetensors_metadata

# fitting: AdamW, a short warm-up then a linear decay; the head learns faster than the layers
# (nlp/minilm.fit_top). Two epochs: with every layer tuned, one epoch over the whole split
# takes about 17 minutes on 2 cores
EPOCHS = 2
BATCH_WINDOWS = 16
TRAINER = "AdamW fine-tuning of all-MiniLM-L6-v2's six layers and a linear head (communique.train.encoder)"


def token_labels(doc: Doc, attributions: Sequence[Attribution]) -> np.ndarray:
    """Per token: cue head, in a cue, in a source, in a content, first and last content word."""
    labels = np.zeros((len(doc), len(LABELS)), dtype=np.float32)
    for attribution in attributions:
        cue = tokens_in(doc, attribution.cue)
        head = root_of(cue)
        if head is not None:
            labels[head.i, 0] = 1
        for token in cue:
            labels[token.i, 1] = 1
        for token in tokens_in(doc, attribution.source):
            labels[token.i, 2] = 1
        content = [t for t in tokens_in(doc, attribution.content) if not t.is_punct]
        for token in content:
            labels[token.i, 3] = 1
        if content:
            labels[content[0].i, 4] = 1
            labels[content[-1].i, 5] = 1
    return labels


@dataclass
class Encoded:
    """One document as the fine-tuning sees it: its word pieces' owners and labels, and the
    frozen layers' output per window."""

    doc: Doc
    owners: np.ndarray
    lowers: list[Any]
    piece_labels: np.ndarray


def encode(tagger: EncoderTagger, doc: Doc, attributions: Sequence[Attribution]) -> Encoded:
    ids, offsets = tagger.pieces(doc.text)
    owners = piece_tokens(doc, offsets)
    # float16 halves the cache (a training split is about a million word pieces)
    lowers = [lower.half() for lower in tagger.lower(ids)] if ids else []
    return Encoded(doc, owners, lowers, token_labels(doc, attributions)[owners])


def fine_tune(
    tagger: EncoderTagger, items: Sequence[Encoded], epochs: int, seed: int, log: Callable[[str], None] = lambda _: None
) -> Any:
    """A fresh top (layers and head) fitted on ``items``."""
    torch = tagger.torch
    torch.manual_seed(seed)
    top = build_top(tagger.pretrained_top, torch)
    windows_all = [(k, w) for k, item in enumerate(items) for w in range(len(item.lowers))]

    def loss_of(group: list[tuple[int, int]]) -> Any:
        lower, mask, gold, weight = _batch(items, group, torch)
        logits = top(lower, mask)
        per_piece = torch.nn.functional.binary_cross_entropy_with_logits(logits, gold, reduction="none").sum(-1)
        return (per_piece * weight).sum() / weight.sum()

    return fit_top(top, windows_all, BATCH_WINDOWS, epochs, seed, loss_of, torch, log, "encoder")


def _batch(items: Sequence[Encoded], group: Sequence[tuple[int, int]], torch: Any) -> tuple[Any, Any, Any, Any]:
    """Padded windows: lower-layer output, attention mask, gold labels, and the loss weight
    (the word pieces themselves, not CLS, SEP or padding)."""
    length = max(items[k].lowers[w].shape[0] for k, w in group)
    lower = torch.zeros(len(group), length, items[group[0][0]].lowers[0].shape[1])
    mask = torch.zeros(len(group), length, dtype=torch.long)
    gold = torch.zeros(len(group), length, len(LABELS))
    weight = torch.zeros(len(group), length)
    for row, (k, w) in enumerate(group):
        item, size = items[k], items[k].lowers[w].shape[0]
        start = windows(len(item.owners))[w]
        lower[row, :size] = item.lowers[w].float()
        mask[row, :size] = 1
        gold[row, 1 : size - 1] = torch.from_numpy(item.piece_labels[start : start + size - 2])
        weight[row, 1 : size - 1] = 1.0
    return lower, mask, gold, weight


def scores_with(tagger: EncoderTagger, top: Any, item: Encoded) -> np.ndarray:
    """Per-token scores of one encoded document under a fitted ``top``."""
    if not item.lowers:
        return np.zeros((len(item.doc), len(LABELS)), np.float16)
    lowers = [lower.float() for lower in item.lowers]
    return per_token(item.doc, tagger.piece_scores(lowers, len(item.owners), top), item.owners)


def cross_fit(
    docs: Sequence[tuple[Doc, Sequence[Attribution]]],
    epochs: int = EPOCHS,
    seed: int = 13,
    log: Callable[[str], None] = lambda _: None,
) -> tuple[dict[int, np.ndarray], Any]:
    """Out-of-fold scores per document (keyed by ``id(doc)``) and the top fitted on every
    document. A text annotated more than once is labelled by its first file."""
    tagger = EncoderTagger(weights=None)
    first: dict[int, tuple[Doc, Sequence[Attribution]]] = {}
    for doc, attributions in docs:
        first.setdefault(id(doc), (doc, attributions))
    started = time.time()
    items = [encode(tagger, doc, attributions) for doc, attributions in first.values()]
    pieces = sum(len(item.owners) for item in items)
    log(f"encoder: {len(items)} texts, {pieces} word pieces encoded in {time.time() - started:.0f} s")
    out: dict[int, np.ndarray] = {}
    for fold in (0, 1):
        top = fine_tune(tagger, [item for k, item in enumerate(items) if k % 2 != fold], epochs, seed, log)
        for k, item in enumerate(items):
            if k % 2 == fold:
                out[id(item.doc)] = scores_with(tagger, top, item)
    return out, fine_tune(tagger, items, epochs, seed, log)


def stamp(path: Any, meta: dict[str, Any]) -> None:
    """Write ``meta`` (provenance and how the tagger was fitted) into the header of the
    safetensors file ``path``; the tensors are rewritten bit for bit."""
    from safetensors.numpy import load_file, save_file

    save_file(load_file(str(path)), str(path), metadata=as_safetensors_metadata(meta))
