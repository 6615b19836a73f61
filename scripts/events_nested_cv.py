"""Nested cross-validation of the accurate event typer's recipe on PLV_train (issue #18).

What it measures: the 5 outer folds of ``communique eval events PLV_train.tsv --accurate`` (the
same seeded split); in each, the perceptron, the head and the tuned top are fitted on the outer
training part (plus, with ``--ngec``, the NGEC synthetic training stories, never PLV test rows),
and the blend weights (the tuned top's and the perceptron's) are chosen on a 2-fold inner split of
that training part, whose models are refitted on inner halves. So no choice is made on the rows
it is scored on. It also prints the upper bounds (every grid weight scored on the outer folds).

Caches (``--cache``, default /tmp/communique-events-cv): the parsed mentions' frozen MiniLM
output, and each fitted component's held-out scores, keyed by the recipe, so reruns and other
recipes reuse them. Slow: each recipe fine-tunes 15 tops (5 outer, 10 inner).

    OMP_NUM_THREADS=2 nice -n 5 python scripts/events_nested_cv.py --epochs 8 [--ngec ../shared/eval/events/ngec_synthetic]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from itertools import product
from pathlib import Path

import numpy as np
import torch

from communique.evaluate.events import _folds, _scores, parse_plv, plv_mentions
from communique.evaluate.events_ngec import ngec_mentions
from communique.extract.events.classifier import fit
from communique.extract.events.encoder import NGEC_TOP_CAP, NGEC_WEIGHT, Mentions, fit_head, mention_inputs
from communique.extract.events.lexicon import load_lexicon
from communique.extract.events.tuned import fine_tune_top
from communique.settings import Settings

TUNED_GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0)
PERCEPTRON_GRID = (0.0, 0.033, 0.066, 0.1, 0.2)


def log(message: str) -> None:
    print(time.strftime("%H:%M:%S"), message, file=sys.stderr, flush=True)


def mentions(name: str, make, cache: Path) -> dict:
    """Examples, frozen vectors, layer-4 output and trigger pieces, computed once."""
    path = cache / f"{name}.pt"
    if path.is_file():
        return torch.load(path, weights_only=False)
    started = time.time()
    examples, triggers = make()
    vectors, lowers, insides = mention_inputs(triggers)
    data = {"examples": examples, "vectors": vectors, "lowers": lowers, "insides": insides}
    torch.save(data, path)
    log(f"{name}: {len(examples)} mentions read in {time.time() - started:.0f} s")
    return data


def components(plv: dict, extra: dict | None, train: list[int], test: list[int], args, cache: Path, classes: list[str]):
    """Held-out scores (perceptron, head, tuned top) of ``test`` rows from models fitted on
    ``train`` rows plus, for the components named in ``args.ngec_in``, the extra (NGEC) rows as
    ``encoder.fit_accurate`` uses them (loss weight NGEC_WEIGHT, the top at most NGEC_TOP_CAP a
    class); each cached by what it depends on, so a recipe that changes one component reuses the others."""
    use = args.ngec_in.split(",") if extra is not None else []

    def key(name: str) -> Path:
        recipe = [NGEC_WEIGHT, args.top_cap if name == "top" else 0] if name in use else []
        words = [name, args.seed, *([args.epochs] if name == "top" else []), recipe, sorted(train), sorted(test)]
        return cache / f"{name}-{hashlib.sha1(json.dumps(words).encode()).hexdigest()[:16]}.npy"

    # the first version of this script cached the three together, for recipes without extra rows
    first = json.dumps([args.epochs, args.seed, 0, "", 0, sorted(train), sorted(test)])
    combined = cache / f"scores-{hashlib.sha1(first.encode()).hexdigest()[:16]}.npz"
    if combined.is_file():
        saved = np.load(combined)
        for name, short in (("perceptron", "p"), ("head", "h"), ("top", "t")):
            if not key(name).is_file() and name not in use:
                np.save(key(name), saved[short])
    if all(key(name).is_file() for name in ("perceptron", "head", "top")):
        return tuple(np.load(key(name)) for name in ("perceptron", "head", "top"))
    started = time.time()
    own = Mentions(plv["examples"], plv["vectors"], plv["lowers"], plv["insides"]).rows(train)
    more = Mentions(extra["examples"], extra["vectors"], extra["lowers"], extra["insides"], NGEC_WEIGHT) if extra else None

    def parts(name: str, cap: int = 0) -> list[Mentions]:
        if name not in use:
            return [own]
        return [own, more.first_per_class(cap) if cap else more]

    out = {}
    if not key("perceptron").is_file():
        perceptron = fit([e for part in parts("perceptron") for e in part.examples], seed=args.seed)
        out["perceptron"] = np.array([[perceptron.scores(plv["examples"][i][0]).get(c, 0.0) for c in classes] for i in test])
    if not key("head").is_file():
        chosen = parts("head")
        head = fit_head([e for part in chosen for e in part.examples], np.concatenate([part.vectors for part in chosen]),
                        seed=args.seed, row_weight=[part.weight for part in chosen for _e in part.examples])
        assert head.classes == classes
        out["head"] = np.array([[head.scores(plv["examples"][i][0], plv["vectors"][i])[c] for c in classes] for i in test])
    if not key("top").is_file():
        chosen = parts("top", args.top_cap)
        top = fine_tune_top(
            [x for part in chosen for x in part.lowers], [x for part in chosen for x in part.insides],
            [label for part in chosen for _f, label in part.examples], classes, epochs=args.epochs, seed=args.seed,
            row_weight=[part.weight for part in chosen for _e in part.examples],
        )
        out["top"] = np.array([[top.log_probs(plv["lowers"][i], plv["insides"][i])[c] for c in classes] for i in test])
    for name, scores in out.items():
        np.save(key(name), scores)
    log(f"fitted {sorted(out)} on {len(train)} rows, scored {len(test)}: {time.time() - started:.0f} s")
    return tuple(np.load(key(name)) for name in ("perceptron", "head", "top"))


def macro_f1(gold: list[str], scores: np.ndarray, classes: list[str]) -> tuple[float, float]:
    predicted = [classes[k] for k in scores.argmax(1)]
    accuracy, f1, _table = _scores(gold, predicted)
    return accuracy, f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plv", default="../shared/eval/events/plv/PLV_train.tsv")
    parser.add_argument("--ngec", default=None, help="the NGEC synthetic folder: its training stories join each fit")
    parser.add_argument("--ngec-in", default="head", help="which components train on NGEC rows (head, top, perceptron)")
    parser.add_argument("--top-cap", type=int, default=NGEC_TOP_CAP or 40,
                        help="with top in --ngec-in: at most this many NGEC rows per class for the top")
    parser.add_argument("--weights-from", default=None,
                        help="a nested run's JSON: use its per-fold inner choices instead of refitting inner halves")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", default="/tmp/communique-events-cv")
    parser.add_argument("--no-inner", action="store_true", help="outer folds only (upper bounds)")
    parser.add_argument("--threads", type=int, default=2, help="torch threads (1 where the cores are busy)")
    parser.add_argument("--cache-only", action="store_true", help="read the mentions into the cache and stop")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    settings = Settings()
    lexicon = load_lexicon()

    def read_plv():
        rows, docs = parse_plv(Path(args.plv), settings)
        return plv_mentions(docs, rows, lexicon)

    plv = mentions("plv", read_plv, cache)
    extra = None
    if args.ngec:
        extra = mentions("ngec", lambda: ngec_mentions(Path(args.ngec), settings, lexicon), cache)
        log(f"extra rows: {len(extra['examples'])}")
    if args.cache_only:
        return
    gold = [label for _f, label in plv["examples"]]
    classes = sorted(set(gold))
    size = len(gold)
    outer = {}  # fold -> (rows, p, h, t) held-out scores
    previous = json.loads(Path(args.weights_from).read_text()) if args.weights_from else None
    chosen = {}
    for k, held in enumerate(_folds(size, args.folds, args.seed)):
        test = sorted(held)
        train = [i for i in range(size) if i not in held]
        p, h, t = components(plv, extra, train, test, args, cache, classes)
        outer[k] = (test, p, h, t)
        if previous is not None:
            chosen[k] = tuple(previous["nested_choices"][str(k)])
            continue
        if args.no_inner:
            continue
        order = list(train)
        random.Random(args.seed + k).shuffle(order)
        halves = [sorted(order[0::2]), sorted(order[1::2])]
        inner_rows, inner_scores = [], []
        for half in (0, 1):
            ip, ih, it = components(plv, extra, halves[1 - half], halves[half], args, cache, classes)
            inner_rows += halves[half]
            inner_scores.append((ip, ih, it))
        ip, ih, it = (np.concatenate([s[j] for s in inner_scores]) for j in range(3))
        inner_gold = [gold[i] for i in inner_rows]
        best = max(
            product(TUNED_GRID, PERCEPTRON_GRID),
            key=lambda w: (macro_f1(inner_gold, ih + w[0] * it + w[1] * ip, classes)[1], -abs(w[0] - 0.3)),
        )
        chosen[k] = best
        log(f"fold {k}: inner choice tuned {best[0]}, perceptron {best[1]}")
    report = {"recipe": vars(args), "rows": size, "extra_rows": len(extra["examples"]) if extra else 0,
              "ngec_weight": NGEC_WEIGHT}
    rows_all = [i for k in outer for i in outer[k][0]]
    gold_all = [gold[i] for i in rows_all]
    stack = {j: np.concatenate([outer[k][j + 1] for k in outer]) for j in range(3)}
    p, h, t = stack[0], stack[1], stack[2]
    report["head_alone"] = macro_f1(gold_all, h, classes)
    report["top_alone"] = macro_f1(gold_all, t, classes)
    report["perceptron_alone"] = macro_f1(gold_all, p, classes)
    report["fixed"] = {f"{wt}/{wp}": macro_f1(gold_all, h + wt * t + wp * p, classes)
                       for wt, wp in product(TUNED_GRID, PERCEPTRON_GRID)}
    report["upper_bound"] = max(report["fixed"].items(), key=lambda kv: kv[1][1])
    if chosen:
        nested = np.concatenate([outer[k][2] + chosen[k][0] * outer[k][3] + chosen[k][1] * outer[k][1] for k in outer])
        report["nested"] = macro_f1(gold_all, nested, classes)
        report["nested_choices"] = chosen
    print(json.dumps(report, indent=1, default=str))


if __name__ == "__main__":
    main()
