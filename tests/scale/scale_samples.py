"""The scale tests' small corpus, and every row of a database, for comparing engines."""

from __future__ import annotations

from pathlib import Path

import duckdb
HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CORPUS = HERE / "fixtures" / "corpus"
EXAMPLE = REPO / "examples" / "lukashenko-istanbul-talks.txt"
# a folder of two texts and a JSON Lines file (a bad line, a blank line, a repeated line, a date
# that only warns), the reference article, and a path that does not exist
INPUTS = [str(CORPUS), str(EXAMPLE), str(HERE / "fixtures" / "missing.txt")]


def all_rows(db_path: Path) -> dict[str, list[tuple]]:
    """Every row of every table and view, sorted, without the columns that hold the time of
    writing (``ingested_at``, ``recorded_at``): what must not depend on how it was ingested."""
    conn = duckdb.connect(str(db_path), read_only=True)
    try:
        tables = [row[0] for row in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        out = {}
        for table in sorted(tables):
            columns = [
                row[0]
                for row in conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                    "AND data_type NOT LIKE 'TIMESTAMP%' ORDER BY ordinal_position",
                    [table],
                ).fetchall()
            ]
            listed = ", ".join(f'"{c}"' for c in columns)
            out[table] = sorted(conn.execute(f"SELECT {listed} FROM {table}").fetchall(), key=repr)
        return out
    finally:
        conn.close()


def assert_stored_like_one_process(summary: object, db_path: Path, reference: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """The checks every engine's ingest of INPUTS must pass: the same counts and failures as one
    process, and every table's rows equal to ``reference`` (one process's); returns the rows."""
    assert summary.ingested == 9 and summary.already_present == 1  # type: ignore[attr-defined]
    assert sorted(f.code for f in summary.failed) == ["E001", "E007"]  # type: ignore[attr-defined]
    rows = all_rows(db_path)
    assert rows.keys() == reference.keys()
    for table, expected in reference.items():
        assert rows[table] == expected, table
    assert rows["statements"] and rows["events"] and rows["actors"]  # the comparison compared something
    return rows
