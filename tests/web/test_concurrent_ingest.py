"""The dashboard keeps answering while an ingest in another process writes to the same file:
every answer is a 200 showing a committed state (the counts only grow, each article whole), and
once the ingest is done the dashboard shows all of it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from communique.store import Database


RECORD = Path(__file__).parents[1] / "record" / "fixtures" / "articles.jsonl"
INGEST = """
import sys
from communique.pipeline import ingest_paths
from communique.settings import Settings
summary = ingest_paths([sys.argv[2]], sys.argv[1], Settings(batch_size=2, published="2024-08-20"))
sys.exit(0 if summary.ok else 1)
"""


def _new_articles(folder, count: int):
    """``count`` articles not in the dashboard's database yet (the record fixture, reworded)."""
    lines = RECORD.read_text(encoding="utf-8").splitlines()
    path = folder / "more.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            item = json.loads(lines[n % len(lines)])
            item["url"] = f"https://example.com/more-{n}"
            item["text"] = f"Update {n}. " + item["text"]
            out.write(json.dumps(item) + "\n")
    return path


def test_pages_answer_with_the_last_committed_state_while_an_ingest_writes(web_db, tmp_path):
    from starlette.testclient import TestClient

    from communique.web import create_app

    db = tmp_path / "live.duckdb"
    shutil.copyfile(web_db, db)
    with Database(db, read_only=True) as handle:
        before = handle.counts()["articles"]
        article_id = handle.connection.execute("SELECT id FROM articles LIMIT 1").fetchall()[0][0]
    added = 6
    writer = subprocess.Popen([sys.executable, "-c", INGEST, str(db), str(_new_articles(tmp_path, added))],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    seen = []
    with TestClient(create_app(db, hold=1.0, lock_wait=60)) as client:
        while writer.poll() is None or not seen:
            summary = client.get("/api/summary")
            assert summary.status_code == 200, summary.text
            counts = summary.json()["counts"]
            seen.append(counts["articles"])
            assert client.get(f"/api/articles/{article_id}").status_code == 200
            found = client.get("/api/search", params={"q": "Johnson"})
            assert found.status_code == 200
            for hit in found.json()["results"][:3]:  # whatever the index lists is stored whole
                assert client.get(f"/api/articles/{hit['article']}").status_code == 200
            time.sleep(0.1)
        output = writer.communicate(timeout=600)[0].decode()
        assert writer.returncode == 0, output
        final = client.get("/api/summary").json()["counts"]["articles"]
    assert seen == sorted(seen) and seen[0] >= before  # never a step back, never a partial state
    assert final == before + added
