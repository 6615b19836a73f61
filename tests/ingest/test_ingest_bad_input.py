"""Every kind of bad input becomes one Failure naming the item and the cause; the batch goes on."""

from __future__ import annotations

import gzip
import json
import os

import pytest
from ingest_samples import ENGLISH, page, write_warc

from communique.ingest import read_items
from communique.model import Article, Failure
from communique.settings import Settings


def failure_of(items, source=None) -> Failure:
    failures = [item for item in items if isinstance(item, Failure)]
    assert len(failures) == 1, items
    failure = failures[0]
    if source is not None:
        assert failure.source == source
    # one line that names the item and carries the code
    assert failure.reason.startswith(f"[{failure.code}] ")  # the source is not repeated in it
    assert "\n" not in failure.reason
    assert failure.status == "failed"
    return failure


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "zz-good.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    return path


def test_missing_path(read, good, tmp_path):
    missing = tmp_path / "nope.txt"
    items = read(missing, good)
    assert failure_of(items, str(missing)).code == "E001"
    assert isinstance(items[-1], Article)  # the batch went on


def test_empty_file(read, good, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    items = read(empty, good)
    assert failure_of(items, str(empty)).code == "E002"
    assert isinstance(items[-1], Article)


def test_whitespace_only_file(read, tmp_path):
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n \t\n", encoding="utf-8")
    assert failure_of(read(blank), str(blank)).code == "E012"


def test_binary_file_with_nul_bytes(read, good, tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    items = read(binary, good)
    failure = failure_of(items, str(binary))
    assert failure.code == "E003" and "NUL byte" in failure.reason
    assert isinstance(items[-1], Article)


def test_gzip_data_under_a_text_name_is_binary(read, tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(gzip.compress(ENGLISH.encode()))
    failure = failure_of(read(path))
    assert failure.code == "E003" and ".gz" in failure.reason


def test_invalid_utf8(read, good, tmp_path):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Ministers met at the Café in Vienna on Monday.".encode("latin-1"))
    items = read(latin, good)
    failure = failure_of(items, str(latin))
    assert failure.code == "E004" and "0xe9" in failure.reason
    assert isinstance(items[-1], Article)


def test_fifty_megabyte_file_is_refused_before_reading(read, good, tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: all NUL bytes, so reading it would give E003
    items = read(huge, good)
    failure = failure_of(items, str(huge))
    assert failure.code == "E005"
    assert "52428800 bytes" in failure.reason and "10000000" in failure.reason
    assert isinstance(items[-1], Article)


def test_size_limit_is_configurable(read, good):
    assert failure_of(read(good, max_bytes=50)).code == "E005"
    assert isinstance(read(good, max_bytes=10_000)[0], Article)


def test_truncated_gzip(read, good, tmp_path):
    cut = tmp_path / "cut.txt.gz"
    cut.write_bytes(gzip.compress((ENGLISH * 20).encode())[:-30])
    items = read(cut, good)
    assert failure_of(items, str(cut)).code == "E006"
    assert isinstance(items[-1], Article)


def test_corrupt_gzip(read, tmp_path):
    bad = tmp_path / "bad.txt.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00garbage that is not deflate data at all")
    assert failure_of(read(bad)).code == "E006"


def test_gzip_bomb_is_stopped_at_the_limit(read, tmp_path):
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 200_000))
    assert failure_of(read(bomb, max_bytes=100_000)).code == "E017"


def test_truncated_jsonl_gz_keeps_the_lines_before_the_cut(read, tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    lines = "".join(json.dumps({"text": f"{ENGLISH} Item {n}."}) + "\n" for n in range(200))
    path.write_bytes(gzip.compress(lines.encode())[:-200])
    items = read(path)
    articles = [item for item in items if isinstance(item, Article)]
    assert len(articles) > 100
    assert failure_of(items, str(path)).code == "E006"
    assert items[-1].code == "E006"


def test_jsonl_line_over_the_size_limit_fails_alone(read, tmp_path):
    path = tmp_path / "feed.jsonl"
    long_line = json.dumps({"text": ENGLISH * 100})
    short_line = json.dumps({"text": ENGLISH})
    path.write_text(long_line + "\n" + short_line + "\n", encoding="utf-8")
    items = read(path, max_bytes=5_000)
    assert failure_of(items, f"{path}:1").code == "E005"
    assert isinstance(items[1], Article) and items[1].source == f"{path}:2"


def test_jsonl_invalid_utf8_line_fails_alone(read, tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"text": "caf\xe9 talks"}\n' + json.dumps({"text": ENGLISH}).encode() + b"\n")
    items = read(path)
    assert failure_of(items, f"{path}:1").code == "E004"
    assert isinstance(items[1], Article)


def test_jsonl_empty_text(read, tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": "   "}) + "\n", encoding="utf-8")
    assert failure_of(read(path), f"{path}:1").code == "E012"


def test_empty_jsonl_file(read, tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"")
    assert failure_of(read(path), str(path)).code == "E002"


def test_html_without_main_text(read, good, tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing here</title></head><body></body></html>", encoding="utf-8")
    items = read(path, good)
    assert failure_of(items, str(path)).code == "E009"
    assert isinstance(items[-1], Article)


def test_malformed_html_with_binary_junk(read, tmp_path):
    path = tmp_path / "junk.html"
    path.write_bytes(b"<html><body>\x00\x01\x02\x03</body></html>")
    assert failure_of(read(path)).code == "E003"


def test_article_over_the_character_limit(read, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(ENGLISH * 20, encoding="utf-8")
    failure = failure_of(read(path, max_chars=1000))
    assert failure.code == "E016" and "1000-character" in failure.reason


def test_malformed_warc_record(read, good, tmp_path):
    path = write_warc(
        tmp_path / "crawl.warc",
        [{"uri": "https://x.example/a", "body": page(f"<p>{ENGLISH}</p>").encode()}],
        gzip=False,
    )
    with open(path, "ab") as handle:
        handle.write(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: not-a-number\r\n\r\nbroken")
    items = read(path, good)
    assert isinstance(items[0], Article) and items[0].source == f"{path}#1"
    failure = failure_of(items, f"{path}#2")
    assert failure.code == "E010"
    assert isinstance(items[-1], Article) and items[-1].source == str(good)


def test_file_that_is_not_a_warc(read, tmp_path):
    path = tmp_path / "fake.warc"
    path.write_text("this is not a web archive at all\n", encoding="utf-8")
    assert failure_of(read(path)).code == "E010"


def test_truncated_warc_gz(read, tmp_path):
    bodies = [page(f"<p>{ENGLISH} Story {n}.</p>").encode() for n in range(3)]
    path = write_warc(tmp_path / "crawl.warc.gz", [{"uri": f"https://x.example/{n}", "body": b} for n, b in enumerate(bodies)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 40])
    items = read(path)
    assert sum(isinstance(item, Article) for item in items) == 2
    assert failure_of(items).code in {"E006", "E010"}


def test_warc_without_html_responses(read, tmp_path):
    path = write_warc(
        tmp_path / "images.warc.gz",
        [{"uri": "https://x.example/logo.png", "body": b"\x89PNG fake", "content_type": "image/png"}],
    )
    assert failure_of(read(path), str(path)).code == "E011"


def test_warc_record_over_the_size_limit(read, tmp_path):
    big = page("<p>" + ENGLISH * 50 + "</p>").encode()
    small = page(f"<p>{ENGLISH}</p>").encode()
    path = write_warc(tmp_path / "crawl.warc.gz", [{"uri": "https://x.example/big", "body": big}, {"uri": "https://x.example/small", "body": small}])
    items = read(path, max_bytes=3_000)
    assert failure_of(items, f"{path}#1").code == "E005"
    assert isinstance(items[1], Article) and items[1].source == f"{path}#2"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(read, good, tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(ENGLISH, encoding="utf-8")
    locked.chmod(0)
    items = read(locked, good)
    assert failure_of(items, str(locked)).code == "E015"


def test_not_a_regular_file(read, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert failure_of(read(fifo), str(fifo)).code == "E015"


def test_unexpected_reader_error_is_recorded_and_the_batch_goes_on(monkeypatch, good, tmp_path):
    from communique.ingest import files

    def explode(text):
        raise RuntimeError("boom")

    monkeypatch.setattr(files, "looks_like_html", explode)
    odd = tmp_path / "odd.dat"
    odd.write_text(ENGLISH, encoding="utf-8")
    items = list(read_items([odd, good], Settings()))
    failure = failure_of(items, str(odd))
    assert failure.code == "E018" and "RuntimeError: boom" in failure.reason
    assert isinstance(items[-1], Article)


def test_a_whole_bad_batch_yields_one_item_per_input(tmp_path, good):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01")
    (tmp_path / "bad.jsonl").write_text("{oops}\n", encoding="utf-8")
    items = list(read_items([tmp_path, tmp_path / "missing"], Settings()))
    assert [(os.path.basename(item.source), getattr(item, "code", "ok")) for item in items] == [
        ("bad.jsonl:1", "E007"),
        ("binary.txt", "E003"),
        ("empty.txt", "E002"),
        ("zz-good.txt", "ok"),
        ("missing", "E001"),
    ]


def test_absurdly_nested_json_line_is_malformed(read, tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("[" * 100_000 + "\n" + json.dumps({"text": ENGLISH}) + "\n", encoding="utf-8")
    items = read(path)
    failure = failure_of(items, f"{path}:1")
    assert failure.code == "E007" and "nested" in failure.reason
    assert isinstance(items[1], Article)


def test_a_failures_row_names_its_source_once(tmp_path):
    """The failures table has the source in its own column; the reason does not repeat it."""
    from communique.pipeline import ingest_paths
    from communique.settings import Settings
    from communique.store import Database

    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    db_path = tmp_path / "f.duckdb"
    ingest_paths([empty], db_path, Settings())
    with Database(db_path, read_only=True) as db:
        [(source, reason)] = db.connection.execute("SELECT source, reason FROM failures").fetchall()
    assert source == str(empty) and str(empty) not in reason and reason.startswith("[E002]")
