"""The worker processes of ``--workers N``: order kept, and a worker that dies costs one article."""

from __future__ import annotations

import pytest
from worker_tasks import die_on_poison, pass_through, prepare_nothing

from communique.model import Article, Failure
from communique.pipeline import _analyze_in_processes
from communique.settings import Settings

pytestmark = pytest.mark.slow

TWO = Settings(workers=2, batch_size=2)


def _items(count: int, poison: set[int] = frozenset()) -> list[Article | Failure]:
    items: list[Article | Failure] = [
        Article(text=f"Article {n}. {'POISON' if n in poison else 'Fine'}.", source=f"a{n}.txt") for n in range(count)
    ]
    items.insert(3, Failure(source="bad.jsonl:2", reason="malformed JSON line", code="E007"))
    return items


def test_results_come_back_in_input_order_across_many_tasks():
    items = _items(23)
    assert [item.source for item in _analyze_in_processes(items, TWO, pass_through, prepare_nothing)] == [i.source for i in items]


def test_a_worker_that_dies_costs_only_the_article_it_was_on():
    items = _items(12, poison={7})
    results = list(_analyze_in_processes(items, TWO, die_on_poison, prepare_nothing))
    assert [item.source for item in results] == [i.source for i in items]
    failed = [r for r in results if isinstance(r, Failure) and r.code == "E128"]
    assert [f.source for f in failed] == ["a7.txt"]
    assert "stopped" in failed[0].reason
    assert sum(isinstance(r, Article) for r in results) == 11
