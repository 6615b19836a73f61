"""Partitions, shards and the worker's faults, without Dask: plain functions on small inputs."""

from __future__ import annotations

import time

import pytest
from scale_samples import CORPUS, INPUTS

from communique.errors import UsageError
from communique.ingest import read_items
from communique.model import Article, Failure
from communique.scale import worker
from communique.scale.deadline import TimeLimit, deadline
from communique.scale.load import load_partition
from communique.scale.partitions import plan, read_partition
from communique.scale.shards import read_shards
from communique.settings import Settings
from communique.store import Database


def _key(item: Article | Failure) -> tuple:
    return (item.source, item.to_dict())


def test_partitions_read_exactly_the_items_of_one_process():
    # every split: one line per range, ranges of several lines, the whole file in one
    expected = [_key(item) for item in read_items(INPUTS, Settings())]
    for size in (1, 2, 3, 100):
        settings = Settings(partition_items=size)
        partitions, failures = plan(INPUTS, settings)
        assert not failures
        got = [_key(item) for partition in partitions for item in read_partition(partition, settings)]
        assert got == expected, size


def test_json_lines_ranges_cut_at_line_breaks_and_number_lines_as_the_whole_file(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_bytes(b"".join(b'{"text": "Officials said talks number %d would resume."}\n' % n for n in range(1, 11)))
    partitions, _ = plan([path], Settings(partition_items=4))
    assert [(p.start, p.first_line) for p in partitions][:1] == [(0, 1)]
    assert [p.first_line for p in partitions] == [1, 5, 9]
    assert partitions[-1].end == path.stat().st_size
    sources = [item.source for p in partitions for item in read_partition(p, Settings())]
    assert sources == [f"{path}:{n}" for n in range(1, 11)]


def test_a_changed_file_or_other_settings_make_another_partition(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The minister said talks would resume.", encoding="utf-8")
    first = plan([path], Settings())[0][0].key
    assert plan([path], Settings(workers=4))[0][0].key == first  # the number of workers does not matter
    assert plan([path], Settings(published="2024-01-01"))[0][0].key != first
    path.write_text("The minister said talks had failed.", encoding="utf-8")
    assert plan([path], Settings())[0][0].key != first


def test_standard_input_cannot_be_split():
    with pytest.raises(UsageError) as caught:
        plan(["-"], Settings())
    assert caught.value.code.name == "E121"


def test_a_deadline_stops_python_code_and_leaves_nothing_pending():
    started = time.monotonic()
    with pytest.raises(TimeLimit), deadline(0.2):
        while time.monotonic() - started < 30:
            pass
    assert time.monotonic() - started < 30
    with deadline(5):
        pass  # ends long before its limit: nothing goes off afterwards
    time.sleep(0.05)


@pytest.fixture
def poisoned(monkeypatch):
    """Worker analysers whose extractors crash on 'POISON' and loop forever on 'SLOW'."""
    monkeypatch.setattr(worker, "_ANALYZERS", {})
    real = worker.Analyzer.extract

    def extract(self, doc, article):
        if "POISON" in article.text:
            raise RuntimeError("boom")
        while "SLOW" in article.text:
            pass
        return real(self, doc, article)

    monkeypatch.setattr(worker.Analyzer, "extract", extract)


def test_a_poison_article_and_a_slow_one_become_failures_and_the_partition_goes_on(tmp_path, poisoned):
    path = tmp_path / "news.jsonl"
    path.write_text(
        '{"text": "The POISON minister said talks would resume."}\n'
        '{"text": "The SLOW minister said talks would resume."}\n'
        '{"text": "The minister said talks would resume on Monday."}\n',
        encoding="utf-8",
    )
    settings = Settings(article_time_limit=0.5, corpus_record=False)
    [partition], _ = plan([path], settings)
    manifest = worker.analyze_partition(partition, settings, str(tmp_path / "shards"))
    assert manifest["items"] == 3 and manifest["rows"]["articles"] == 1
    failures = read_shards(tmp_path / "shards", partition.key)["failures"].to_pylist()
    by_source = {row["source"]: (row["code"], row["reason"]) for row in failures}
    assert by_source[f"{path}:1"] == ("E102", "[E102] analysis failed (RuntimeError: boom)")
    assert by_source[f"{path}:2"][0] == "E122" and "0.5-second time limit" in by_source[f"{path}:2"][1]


def test_loading_the_same_shards_twice_adds_nothing(tmp_path):
    settings = Settings(partition_items=3)
    partitions, _ = plan([CORPUS / "news.jsonl"], settings)
    root = tmp_path / "shards"
    for partition in partitions:
        worker.analyze_partition(partition, settings, str(root))
    db_path = tmp_path / "news.duckdb"
    for attempt in range(2):
        with Database(db_path) as db:
            loaded = [load_partition(db, read_shards(root, p.key)) for p in partitions]
            counts = db.counts()
        stored = sum(len(one.stored) for one in loaded)
        assert stored == (6 if attempt == 0 else 0)
        assert counts["articles"] == 6 and counts["failures"] == 2  # the bad line and a date warning
