"""A sparse linear model over string features: the learned part of attribution.

Owns: scoring feature lists with named weights, averaged-perceptron updates, and the JSON form
the trained weights are shipped in. Must not: know what the features mean (features.py does) or
touch spaCy. Plain Python, so the default install needs no numeric library beyond the standard one
and an article costs a few dictionary look-ups per token.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from itertools import repeat
from pathlib import Path
from typing import Any

from communique.extract.perceptron import Averager


class LinearModel:
    """Weights per feature string. ``score`` is the sum of the weights of the features present."""

    def __init__(self, weights: dict[str, float] | None = None) -> None:
        self.weights: dict[str, float] = dict(weights or {})
        self._averager = Averager()  # used only while training

    def score(self, features: Iterable[str]) -> float:
        # map over dict.get runs in C: scoring is most of the extractor's time
        return sum(map(self.weights.get, features, repeat(0.0)))

    def probability(self, features: Iterable[str]) -> float:
        """A squashed score for ``Statement.confidence`` (monotone, not calibrated)."""
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.score(features)))))

    # training ---------------------------------------------------------------------------
    def tick(self) -> None:
        self._averager.tick()

    def update(self, features: Iterable[str], delta: float) -> None:
        for feature in features:
            current = self.weights.get(feature, 0.0)
            self._averager.settle(feature, current)
            self.weights[feature] = current + delta

    def average(self, prune: float = 1e-3) -> None:
        """Replace weights by their average over all steps (the averaged perceptron)."""
        averaged = {}
        for feature, current in self.weights.items():
            value = self._averager.average(feature, current)
            if abs(value) >= prune:
                averaged[feature] = round(value, 4)
        self.weights = averaged

    def to_dict(self) -> dict[str, Any]:
        return {"weights": self.weights}


def fit_binary(examples: Sequence[tuple[list[str], bool]], epochs: int, seed: int) -> LinearModel:
    """Averaged perceptron for yes/no decisions (bias feature ``"bias"`` added by the caller)."""
    import random

    model = LinearModel()
    order = list(range(len(examples)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            features, label = examples[i]
            model.tick()
            if (model.score(features) > 0) != label:
                model.update(features, 1.0 if label else -1.0)
    model.average()
    return model


def fit_ranker(
    examples: Sequence[tuple[list[list[str]], int]], epochs: int, seed: int
) -> LinearModel:
    """Structured perceptron choosing one candidate of several (``gold`` is its index)."""
    import random

    model = LinearModel()
    order = list(range(len(examples)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            candidates, gold = examples[i]
            model.tick()
            scores = [model.score(c) for c in candidates]
            best = max(range(len(scores)), key=lambda k: (scores[k], -k))
            if best != gold:
                model.update(candidates[gold], 1.0)
                model.update(candidates[best], -1.0)
    model.average()
    return model


def save_models(path: Path, models: dict[str, LinearModel], meta: dict[str, Any]) -> None:
    """Write the named models and a description of how they were trained, as one JSON file."""
    payload = {"meta": meta, "models": {name: m.weights for name, m in models.items()}}
    path.write_text(json.dumps(payload, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def load_models(text: str) -> tuple[dict[str, LinearModel], dict[str, Any]]:
    payload = json.loads(text)
    models = {name: LinearModel(w) for name, w in payload["models"].items()}
    return models, payload.get("meta", {})
