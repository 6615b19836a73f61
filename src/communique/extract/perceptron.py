"""Averaged-perceptron bookkeeping shared by the project's linear models.

Owns: keeping, for every weight, its sum over all training steps, settled lazily (a weight's sum
is brought up to date only when the weight changes or is read), so that the averaged weights
cost nothing per step for the weights a step leaves alone. Must not: score, predict or know what
a key means; the attribution models key weights by feature string, the event-type classifier
by (feature, class).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable


class Averager:
    """The running sums behind averaged weights; call ``tick`` once per training example."""

    def __init__(self) -> None:
        self.step = 0
        self._totals: dict[Hashable, float] = defaultdict(float)
        self._stamps: dict[Hashable, int] = defaultdict(int)

    def tick(self) -> None:
        self.step += 1

    def settle(self, key: Hashable, current: float) -> None:
        """Add ``current`` (the weight's value since it last changed) for the steps since then;
        call it just before the weight changes."""
        self._totals[key] += (self.step - self._stamps[key]) * current
        self._stamps[key] = self.step

    def average(self, key: Hashable, current: float) -> float:
        """The weight's average over every step so far (``current``: its value now)."""
        self.settle(key, current)
        return self._totals[key] / max(1, self.step)
