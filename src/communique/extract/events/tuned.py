"""The fine-tuned part of the accurate event typer: MiniLM's top layers tuned on PLV_train and a
linear head over the event mention.

Owns: the tuned top (copies of all-MiniLM-L6-v2's top ``TOP_LAYERS`` layers and a linear head
over the mean of the sentence's word pieces joined with the mean of the trigger's, as the frozen
vector of ``encoder.py`` is pooled), its log-probabilities for one mention, and reading it from
``event_top.safetensors`` of the ``communique-encoder-weights`` distribution (float16, the
classes and the provenance in its header). Must not: run the frozen layers (``encoder.py``'s
``SentenceEncoder`` does, once per sentence, and hands over their output).

Fitting (``fine_tune_top``, for ``train events --encoder`` and the cross-validation of
``eval events --accurate``): AdamW (``nlp/minilm.fit_top``: 5e-5 for the layers, 1e-3 for
the head, a short warm-up then a linear decay), batches of 16 mentions, cross-entropy weighted by
inverse class frequency (PLV's rare classes are where the errors are), seeded: the same data and
seed give the same top.

Why only the top: the layers below stay as the package ships them, so one forward of the frozen
MiniLM per sentence gives both the frozen vector and the tuned top's input (the output of the
layer below the top); the top then costs ``TOP_LAYERS`` more layers, and what ships is those
layers and the head (a few MB) instead of a 90 MB model.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from communique.errors import ENCODER_EXTRA_INSTALL, Code, ModelLoadError
from communique.nlp.minilm import fit_top, frozen_minilm, require_minilm, run_layers

TOP_LAYERS = 2
HIDDEN = 384
WEIGHTS_RESOURCE = "event_top.safetensors"
# 8 passes over the rows: in 5-fold CV on PLV_train the top alone scores 78.4 macro-F1 with 8,
# 73.1 with 4 (docs/design.md, Events)
EPOCHS = 8
BATCH = 16


def build_event_top(pretrained: Any, classes: int, torch: Any) -> Any:
    """The trainable part: copies of the ``pretrained`` layers and a linear head over the
    mention's pooled vector (dropout 0.1 before it while training)."""

    class EventTop(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = torch.nn.ModuleList([copy.deepcopy(layer) for layer in pretrained])
            self.head = torch.nn.Linear(2 * HIDDEN, classes)
            self.dropout = torch.nn.Dropout(0.1)

        def forward(self, lower: Any, mask: Any, trigger: Any) -> Any:
            """Logits per mention from the frozen layers' output ``lower`` (batch, pieces, 384),
            the padding ``mask`` and the ``trigger``'s word pieces (both batch, pieces; CLS and
            SEP are in ``mask``, left out of ``trigger``)."""
            hidden = run_layers(self.layers, lower, mask, torch)
            words = mask.float().clone()
            words[:, 0] = 0.0  # CLS
            words[torch.arange(len(words)), mask.sum(1) - 1] = 0.0  # SEP
            sentence = (hidden * words[..., None]).sum(1) / words.sum(1, keepdim=True).clamp(min=1.0)
            own = (hidden * trigger[..., None]).sum(1) / trigger.sum(1, keepdim=True).clamp(min=1.0)
            return self.head(self.dropout(torch.cat([sentence, own], dim=-1)))

    return EventTop()


class TunedTop:
    """The fitted top and its classes (in the order of the head's outputs)."""

    def __init__(self, top: Any, classes: list[str], torch: Any, meta: dict[str, Any] | None = None) -> None:
        self.top = top.eval()
        self.classes = list(classes)
        self.torch = torch
        self.meta = meta or {}

    def log_probs(self, lower: Any, trigger: np.ndarray) -> dict[str, float]:
        """Log-probability per class of one mention: ``lower`` is the frozen layers' output for its
        sentence (pieces, 384, CLS and SEP included), ``trigger`` marks the trigger's pieces."""
        torch = self.torch
        with torch.no_grad():
            mask = torch.ones(1, lower.shape[0], dtype=torch.long)
            logits = self.top(lower.float()[None], mask, torch.from_numpy(trigger.astype(np.float32))[None])
            values = torch.log_softmax(logits, dim=-1)[0].numpy()
        return {label: float(v) for label, v in zip(self.classes, values, strict=True)}

    def state(self) -> dict[str, Any]:
        """The weights as shipped, in float16 (half the size)."""
        return {k: v.detach().half().contiguous() for k, v in self.top.state_dict().items()}


def fine_tune_top(
    lowers: Sequence[Any], insides: Sequence[np.ndarray], labels: Sequence[str], classes: Sequence[str],
    epochs: int = EPOCHS, seed: int = 13, log: Callable[[str], None] = lambda _: None,
    row_weight: Sequence[float] | None = None,
) -> TunedTop:
    """A fresh top fitted on the mentions: ``lowers`` (the frozen layers' output of each one's
    sentence), ``insides`` (its trigger's word pieces), ``labels`` (its gold class);
    ``row_weight`` scales each mention's loss (the class weights balance the weighted counts)."""
    torch, _tokenizer, model = frozen_minilm(Code.E809)
    torch.manual_seed(seed)
    top = build_event_top(model.encoder.layer[-TOP_LAYERS:], len(classes), torch)
    gold = torch.tensor([list(classes).index(label) for label in labels])
    rows = torch.ones(len(labels)) if row_weight is None else torch.tensor(list(row_weight), dtype=torch.float32)
    counts = torch.zeros(len(classes)).index_add_(0, gold, rows).clamp(min=1.0)
    class_weight = rows.sum() / (len(classes) * counts)

    def loss_of(group: list[int]) -> Any:
        logits = top(*_batch(lowers, insides, group, torch))
        per_row = torch.nn.functional.cross_entropy(logits, gold[group], reduction="none")
        # the mean weighted by class and row, as cross_entropy(weight=...) weighs by class alone
        scale = class_weight[gold[group]] * rows[group]
        return (scale * per_row).sum() / scale.sum()

    fit_top(top, list(range(len(labels))), BATCH, epochs, seed, loss_of, torch, log, "event top")
    return TunedTop(top, list(classes), torch)


def _batch(lowers: Sequence[Any], insides: Sequence[np.ndarray], group: Sequence[int], torch: Any) -> tuple[Any, Any, Any]:
    """Padded mentions: the frozen layers' output, the attention mask, the trigger's pieces."""
    length = max(lowers[k].shape[0] for k in group)
    lower = torch.zeros(len(group), length, lowers[group[0]].shape[1])
    mask = torch.zeros(len(group), length, dtype=torch.long)
    trigger = torch.zeros(len(group), length)
    for row, k in enumerate(group):
        size = lowers[k].shape[0]
        lower[row, :size] = lowers[k].float()
        mask[row, :size] = 1
        trigger[row, :size] = torch.from_numpy(insides[k].astype(np.float32))
    return lower, mask, trigger


def from_state(state: dict[str, Any], classes: list[str], meta: dict[str, Any] | None = None) -> TunedTop:
    """A tuned top from its weights, over the shared frozen MiniLM's top layers; E802 when the
    weights are not of this shape (another model's file)."""
    torch, _tokenizer, model = frozen_minilm(Code.E809)
    top = build_event_top(model.encoder.layer[-TOP_LAYERS:], len(classes), torch)
    try:
        top.load_state_dict({k: v.float() for k, v in state.items()})
    except RuntimeError as exc:
        raise ModelLoadError(Code.E802, path=WEIGHTS_RESOURCE, detail=str(exc).splitlines()[0][:80]) from exc
    return TunedTop(top, classes, torch, meta)


@lru_cache(maxsize=1)
def load_tuned() -> TunedTop:
    """The shipped tuned top (loaded once per process); E809 when the weights package is missing."""
    require_minilm(Code.E809, "safetensors")
    from safetensors import SafetensorError, safe_open

    try:
        from communique_encoder_weights import event_weights_file
    except ImportError as exc:
        raise ModelLoadError(Code.E809, detail=f"the encoder weights package ({ENCODER_EXTRA_INSTALL})") from exc
    path = event_weights_file()
    try:
        with safe_open(str(path), framework="pt") as handle:
            meta = dict(handle.metadata() or {})
            state = {key: handle.get_tensor(key) for key in handle.keys()}  # noqa: SIM118 - not a dict
        classes = json.loads(meta["classes"])
    except (OSError, SafetensorError, KeyError, ValueError) as exc:
        raise ModelLoadError(Code.E802, path=WEIGHTS_RESOURCE, detail=str(exc)[:80]) from exc
    return from_state(state, classes, meta)
