"""One request cannot stall the server: every page size is bounded (a larger one is a 400 naming
the bound), and a query running past the time limit is interrupted (503, the one error shape)."""

from __future__ import annotations

import pytest

from communique.query import browse

BOUNDED = [("/search", "size"), ("/actors/Q2866", "limit"), ("/positions?topic=talks", "limit"),
           ("/network", "limit"), ("/places", "limit"), ("/", "top")]


@pytest.mark.parametrize("path, name", BOUNDED)
def test_a_huge_page_is_refused_naming_the_bound(client, path, name):
    joiner = "&" if "?" in path else "?"
    api = ("/api/summary" if path == "/" else "/api" + path) + f"{joiner}{name}=1000000000"
    error = client.get(api).json()["error"]
    assert error["status"] == 400 and name in error["message"] and str(browse.MAX_PAGE if name != "top" else 100) in error["message"]
    assert client.get(path + f"{joiner}{name}=1000000000").status_code == 400
    assert client.get(api.replace("1000000000", "5")).status_code == 200  # a bounded one answers


def test_the_largest_page_is_bounded_in_the_query_layer_too(web_db):
    from communique.errors import UsageError
    from communique.store import Database

    with Database(web_db, read_only=True) as db, pytest.raises(UsageError):
        browse.search(db, "talks", size=browse.MAX_PAGE + 1)


def test_a_query_past_the_time_limit_is_interrupted(web_db, monkeypatch):
    from starlette.testclient import TestClient

    from communique.web import create_app

    def endless(db, *args, **kwargs):  # a query that would run for minutes
        db.connection.execute("SELECT count(*) FROM range(100000000000) a(x) WHERE x % 7 = 3").fetchall()

    monkeypatch.setattr(browse, "summary", endless)
    with TestClient(create_app(web_db, query_timeout=0.3)) as client:
        answer = client.get("/api/summary")
        assert answer.status_code == 503 and "longer than the server allows" in answer.json()["error"]["message"]
        assert client.get("/").status_code == 503 and "Traceback" not in client.get("/").text
        assert client.get("/api/search", params={"q": "talks"}).status_code == 200  # the next request is fine
