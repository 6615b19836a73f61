"""A WARC file cannot exhaust memory or hold the batch: gzip bombs, endless lines, endless headers.

Each input is generated here, small on disk, with a small ``max_bytes`` so the tests stay fast.
"""

from __future__ import annotations

import gzip

from ingest_samples import ENGLISH, page, write_warc

from communique.model import Article, Failure


def _failures(items):
    return [item for item in items if isinstance(item, Failure)]


def test_a_gzip_bomb_of_zeros_fails_by_name_and_the_batch_goes_on(read, tmp_path):
    bomb = tmp_path / "bomb.warc.gz"
    with gzip.open(bomb, "wb") as stream:  # 50 MB of zeros in some 50 kB
        for _ in range(50):
            stream.write(bytes(1_000_000))
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    items = read(bomb, good, max_bytes=1_000_000)
    [failure] = _failures(items)
    assert failure.source == str(bomb) and failure.code == "E021"
    assert isinstance(items[-1], Article) and items[-1].source == str(good)


def test_a_gzip_bomb_of_well_formed_records_is_stopped_by_its_decompressed_size(read, tmp_path):
    # lines and headers are fine here: only the ratio of decompressed to stored size gives it away
    filler = b"0123456789abcdef\n" * 1_200_000  # 20 MB that compress over 100 times
    path = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            {"uri": "https://x.example/a", "body": page(f"<p>{ENGLISH}</p>").encode()},
            {"uri": "https://x.example/log.txt", "body": filler, "content_type": "text/plain"},
            {"uri": "https://x.example/b", "body": page(f"<p>{ENGLISH}</p>").encode()},
        ],
    )
    assert path.stat().st_size * 100 < len(filler)
    items = read(path, max_bytes=100_000)
    assert isinstance(items[0], Article) and items[0].source == f"{path}#1"
    [failure] = _failures(items)
    assert failure.source == str(path) and failure.code == "E020"
    assert "gzip bomb" in failure.reason


def test_a_plain_warc_without_line_breaks_fails_at_the_limit(read, tmp_path):
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"WARC/1.0" + b"x" * 3_000_000)
    [failure] = _failures(read(path, max_bytes=100_000))
    assert failure.source == str(path) and failure.code == "E021"
    assert "100000 bytes" in failure.reason


def test_record_headers_over_the_limit_end_the_file(read, tmp_path):
    path = write_warc(tmp_path / "crawl.warc", [{"uri": "https://x.example/a", "body": page(f"<p>{ENGLISH}</p>").encode()}], gzip=False)
    with open(path, "ab") as stream:  # a record whose headers never end
        stream.write(b"WARC/1.0\r\nWARC-Type: response\r\n" + b"X-Padding: 0\r\n" * 100_000)
    items = read(path, max_bytes=100_000)
    assert isinstance(items[0], Article)
    [failure] = _failures(items)
    assert failure.source == str(path) and failure.code == "E022"


def test_a_page_over_the_limit_inside_a_gzip_member_is_that_record_s_failure(read, tmp_path):
    # the Content-Length check refuses it before a byte of it is read (E005); the crawl goes on
    big = page("<p>" + ENGLISH * 200 + "</p>").encode()
    path = write_warc(
        tmp_path / "crawl.warc.gz",
        [{"uri": "https://x.example/big", "body": big}, {"uri": "https://x.example/a", "body": page(f"<p>{ENGLISH}</p>").encode()}],
    )
    items = read(path, max_bytes=20_000)
    assert [item.code for item in _failures(items)] == ["E005"]
    assert isinstance(items[1], Article) and items[1].source == f"{path}#2"
