"""The averaged-perceptron bookkeeping both linear models share."""

from __future__ import annotations

from communique.extract.attribution.linear import LinearModel
from communique.extract.perceptron import Averager


def test_a_weight_is_averaged_over_the_steps_it_held_each_value():
    averager = Averager()
    weight = 0.0
    averager.tick()  # step 1: the weight becomes 1
    averager.settle("w", weight)
    weight = 1.0
    averager.tick()  # step 2: unchanged
    averager.tick()  # step 3: back to 0
    averager.settle("w", weight)
    weight = 0.0
    averager.tick()  # step 4
    # the weight in force at each step (before that step's change): 0, 1, 1, 0
    assert averager.average("w", weight) == 0.5
    assert averager.average("never-touched", 0.0) == 0.0


def test_the_linear_model_averages_and_prunes_its_weights():
    model = LinearModel()
    for _ in range(3):
        model.tick()
        model.update(["kept", "kept", "tiny"], 1.0 if _ == 0 else 0.0)
    model.tick()
    model.update(["tiny"], -1.0)
    model.average(prune=0.5)
    # in force at steps 1-4: "kept" 0, 2, 2, 2; "tiny" 0, 1, 1, 1 (0 only after step 4's change)
    assert model.weights == {"kept": 1.5, "tiny": 0.75}
