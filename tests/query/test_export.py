"""Export as JSON Lines, CSV and Parquet, to a file or a stream, read back and compared."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pyarrow.parquet as pq
import pytest

from communique.errors import Code, UsageError
from communique.query import FORMATS, TABLES, export, query


def test_jsonl_file_holds_the_same_rows_as_query(db, tmp_path):
    out = tmp_path / "statements.jsonl"
    assert export(db, out, "jsonl", "statements") == 4
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == query(db, "statements")


def test_jsonl_to_a_stream_with_filters(db):
    stream = io.StringIO()
    assert export(db, stream, "jsonl", "statements", actor="lukashenko", limit=1) == 1
    (row,) = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert row["speaker_text"] == "The president"
    assert row["content_spans"] == [[row["content_start"], row["content_end"]]]


def test_none_means_standard_output(db, capsys):
    assert export(db, None, "jsonl", "articles") == 3
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["title"] for line in lines] == [
        "Lukashenko warns Kyiv", "Zelensky answers", "Undated wire",
    ]


def test_csv_reads_back_with_a_header_and_json_lists(db, tmp_path):
    out = tmp_path / "events.csv"
    assert export(db, out, "csv", "events") == 2
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["type"] for r in rows] == ["THREATEN", "ASSAULT"]
    assert rows[0]["source_name"] == "Alexander Lukashenko"
    expected = query(db, "events")
    assert json.loads(rows[1]["trigger_spans"]) == expected[1]["trigger_spans"]
    assert rows[0]["mode"] == ""  # None is an empty field
    assert int(rows[1]["source_start"]) == expected[1]["source_start"]


def test_csv_keeps_commas_quotes_and_newlines_in_article_text(db):
    stream = io.StringIO()
    export(db, stream, "csv", "articles", text="warned")
    (row,) = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert row["text"] == query(db, "articles", text="warned")[0]["text"]
    assert row["published"] == "2024-08-18"


def test_parquet_reads_back_with_native_types(db, tmp_path):
    out = tmp_path / "statements.parquet"
    assert export(db, out, "parquet", "statements") == 4
    table = pq.read_table(out)
    assert table.num_rows == 4
    rows = table.to_pylist()
    expected = query(db, "statements")
    assert [r["content_text"] for r in rows] == [r["content_text"] for r in expected]
    assert rows[0]["published"] == dt.date(2024, 8, 18)
    assert rows[-1]["published"] is None
    assert rows[0]["speaker_spans"] == expected[0]["speaker_spans"]


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "plover"])  # plover: events only
def test_every_table_exports_in_every_format(db, tmp_path, table, fmt):
    out = tmp_path / f"{table}.{fmt}"
    written = export(db, out, fmt, table)
    assert written == len(query(db, table))
    if fmt == "parquet":
        assert pq.read_table(out).num_rows == written
    elif fmt == "csv":
        with out.open(encoding="utf-8", newline="") as f:
            assert len(list(csv.DictReader(f))) == written
    else:
        assert len(out.read_text(encoding="utf-8").splitlines()) == written


def test_an_empty_result_still_writes_a_readable_file(db, tmp_path):
    out = tmp_path / "none.parquet"
    assert export(db, out, "parquet", "places") == 0
    assert pq.read_table(out).num_rows == 0
    assert "lat" in pq.read_table(out).column_names
    stream = io.StringIO()
    assert export(db, stream, "csv", "places") == 0
    assert stream.getvalue().startswith("article_id,index,text,start,end,name,geonameid,lat,lon")


def test_bad_exports_are_usage_errors(db, tmp_path):
    with pytest.raises(UsageError) as info:
        export(db, tmp_path / "x.xml", "xml", "statements")
    assert info.value.code is Code.E301 and "jsonl, csv, parquet" in info.value.reason
    with pytest.raises(UsageError) as info:
        export(db, tmp_path / "x.jsonl", "jsonl", "speakers")
    assert info.value.code is Code.E302
    for out in (None, io.StringIO()):
        with pytest.raises(UsageError) as info:
            export(db, out, "parquet", "statements")
        assert info.value.code is Code.E303
    assert not (tmp_path / "x.xml").exists() and not (tmp_path / "x.jsonl").exists()
