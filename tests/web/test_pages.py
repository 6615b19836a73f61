"""The dashboard's pages and their JSON twins, through starlette's TestClient."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from communique.store import Database

HOSTILE_URL = "javascript:alert('url')"


def article_id(db, url: str | None = None) -> str:
    """The id of the article with this url (None: the bundled example, which has no url)."""
    with Database(db, read_only=True) as handle:
        where = "url = ?" if url else "url IS NULL"
        rows = handle.connection.execute(f"SELECT id FROM articles WHERE {where}", [url] if url else []).fetchall()
    return rows[0][0]

PAGES = ["/", "/search?q=talks", "/positions?topic=talks", "/network", "/places"]


class Spans(HTMLParser):
    """Every element with data-start/data-end: its attributes, its text and its enclosing ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[dict] = []
        self.found: list[dict] = []

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": "",
                   "ancestors": [e["attrs"].get("id") for e in self.open if e["attrs"].get("id")]}
        self.open.append(element)

    def handle_endtag(self, tag):
        element = self.open.pop()
        if "data-start" in element["attrs"]:
            self.found.append(element)
        if self.open:
            self.open[-1]["text"] += element["text"]

    def handle_data(self, data):
        if self.open:
            self.open[-1]["text"] += data


def _spans(html: str) -> list[dict]:
    parser = Spans()
    parser.feed(html[html.index('<article class="text"'):html.index("</article>") + len("</article>")])
    return parser.found


@pytest.mark.parametrize("path", PAGES)
def test_every_page_and_its_json_twin_answer(client, path):
    page = client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    twin = client.get("/api/summary" if path == "/" else "/api" + path)
    assert twin.status_code == 200 and isinstance(twin.json(), dict)


def test_summary_counts_the_corpus(client, web_db):
    with Database(web_db, read_only=True) as db:
        counts = db.counts()
    summary = client.get("/api/summary").json()
    assert summary["counts"]["articles"] == counts["articles"] == 8
    assert summary["counts"]["statements"] == counts["statements"]
    assert summary["actors"] and summary["claims"]
    assert f'<dd id="count-articles">{counts["articles"]}</dd>' in client.get("/").text


def test_search_pages_and_filters(client):
    everything = client.get("/api/search", params={"size": 3}).json()
    assert everything["total"] > 3 and len(everything["results"]) == 3
    second = client.get("/api/search", params={"size": 3, "offset": 3}).json()
    assert {(r["article"], r["statement"]) for r in second["results"]}.isdisjoint(
        {(r["article"], r["statement"]) for r in everything["results"]})
    found = client.get("/api/search", params={"q": "Istanbul", "actor": "Lukashenko"}).json()
    assert found["total"] >= 1 and all(r["speaker"] == "Alexander Lukashenko" for r in found["results"])
    denied = client.get("/api/search", params={"stance": "deny"}).json()
    assert denied["results"] and all(r["stance"] == "deny" for r in denied["results"])
    assert 'rel="next"' in client.get("/search", params={"size": 3}).text


def test_article_highlights_match_the_stored_offsets(client, web_db):
    key = article_id(web_db)
    with Database(web_db, read_only=True) as db:
        stored = db.get_article(key)
    spans = _spans(client.get(f"/articles/{key}").text)
    text = stored["text"]
    for element in spans:  # every mark holds exactly the characters its offsets name
        start, end = int(element["attrs"]["data-start"]), int(element["attrs"]["data-end"])
        assert element["text"] == text[start:end]
    for index, statement in enumerate(stored["statements"]):  # every role span is drawn, with its role
        for role in ("speaker", "cue", "content"):
            drawn = sorted((int(e["attrs"]["data-start"]), int(e["attrs"]["data-end"])) for e in spans
                           if e["attrs"].get("data-role") == role and e["attrs"].get("data-statement") == str(index))
            for start, end in statement[role]["spans"]:  # cut pieces, if any, join up to the stored span
                pieces = [p for p in drawn if start <= p[0] and p[1] <= end]
                assert pieces and pieces[0][0] == start and pieces[-1][1] == end, (index, role)
    nested = [(i, s["parent"]) for i, s in enumerate(stored["statements"]) if s["parent"] is not None]
    assert nested
    for child, parent in nested:  # a nested statement is drawn inside its parent
        element = next(e for e in spans if e["attrs"].get("id") == f"s-{child}")
        assert f"s-{parent}" in element["ancestors"]
    lukashenko = next(e for e in spans if e["attrs"].get("id") == "s-0")
    assert "Alexander Lukashenko (Q2866)" in lukashenko["attrs"]["title"]


def test_article_panels_and_json_twin(client, web_db):
    key = article_id(web_db)
    page = client.get(f"/articles/{key}").text
    assert 'href="https://www.wikidata.org/wiki/Q2866"' in page and 'href="/actors/Q2866"' in page
    assert 'class="m bp"' in page  # the boilerplate is marked (greyed by the stylesheet)
    data = client.get(f"/api/articles/{key}").json()["article"]
    assert data["id"] == key and data["statements"] and data["record"]["claims"]


def test_actor_page_draws_claims_over_time(client):
    page = client.get("/actors/Q2866").text
    assert '<svg class="chart"' in page and 'class="stance-' in page
    data = client.get("/api/actors/Q2866").json()
    assert data["actor"]["name"] == "Alexander Lukashenko"
    assert data["claims"] and all(c["speaker"]["actor"] == "Q2866" for c in data["claims"])
    assert data["outlets"] and data["network"]


def test_claim_page_links_each_report_to_its_span(client):
    listed = client.get("/api/actors/Q180589").json()["claims"][0]  # the actor lists its claims without reports
    claim = client.get(f"/api/claims/{listed['id']}").json()["claim"]
    page = client.get(f"/claims/{claim['id']}").text
    for report in claim["reports"]:
        assert f'href="/articles/{report["article"]}#s-{report["statement"]}"' in page
    data = client.get(f"/api/claims/{claim['id']}").json()["claim"]
    assert data["id"] == claim["id"]


def test_a_denial_is_listed_under_the_claim_it_answers(client):
    claims = client.get("/api/search", params={"q": "keep fighting", "actor": "Arakhamia"}).json()["results"]
    assert claims
    arakhamia = [c for c in client.get("/api/actors/local:david-arakhamia").json()["claims"]
                 if "keep fighting" in c["content"]][0]
    page = client.get(f"/claims/{arakhamia['id']}").text
    assert "reject by Boris Johnson" in page


def test_hostile_article_is_inert(client, web_db):
    key = article_id(web_db, HOSTILE_URL)
    pages = [client.get(f"/articles/{key}").text, client.get("/search", params={"q": "Putin"}).text,
             client.get("/search", params={"q": "<script>alert(1)</script>"}).text]
    for page in pages:
        assert "<script>alert" not in page and "<img" not in page and "<b onmouseover" not in page
        assert 'href="javascript:' not in page.lower()
    article = pages[0]
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(&#39;text&#39;)&gt;" in article
    assert "<script" not in article.replace('<script src="/static/app.js" defer></script>', "")


def test_security_headers(client):
    headers = client.get("/").headers
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_only_get_and_head(client, method):
    answer = client.request(method, "/")
    assert answer.status_code == 405 and answer.headers["allow"] == "GET, HEAD"
    assert client.request(method, "/api/summary").json()["error"]["status"] == 405
    assert client.head("/").status_code == 200


@pytest.mark.parametrize("path", ["/articles/nope", "/actors/nobody", "/claims/c000", "/nowhere"])
def test_bad_ids_are_404_pages(client, path):
    page = client.get(path)
    assert page.status_code == 404 and "Traceback" not in page.text and "<h1>404 Not Found</h1>" in page.text
    if path != "/nowhere":
        assert client.get("/api" + path).json()["error"]["status"] == 404


@pytest.mark.parametrize("query", [
    {"since": "yesterday"}, {"until": "2024-13"}, {"size": "0"}, {"size": "1000"}, {"offset": "-1"},
    {"offset": "many"}, {"q": "x" * 500},
])
def test_bad_parameters_are_400(client, query):
    page = client.get("/search", params=query)
    assert page.status_code == 400 and "Traceback" not in page.text
    error = client.get("/api/search", params=query).json()["error"]
    assert error["status"] == 400 and error["message"]


def test_token_is_enforced(web_db):
    from starlette.testclient import TestClient

    from communique.web import create_app

    with TestClient(create_app(web_db, token="s3cret")) as anonymous:
        assert anonymous.get("/").status_code == 401
        assert anonymous.get("/api/summary").json()["error"]["status"] == 401
        assert anonymous.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert anonymous.get("/", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        opened = anonymous.get("/search?q=talks&token=s3cret", follow_redirects=False)
        assert opened.status_code == 303 and opened.headers["location"] == "/search?q=talks"
        assert anonymous.get("/search?q=talks").status_code == 200  # the cookie now carries it


def test_actor_page_shows_topics_neighbours_both_ways_and_outlets(client):
    data = client.get("/api/actors/Q2866").json()
    assert data["topics"] and all(t["claims"] >= 1 and t["positions"] for t in data["topics"])
    assert {"kiev", "moscow"} <= {t["topic"] for t in data["topics"]}  # the words he says, not their stems
    page = client.get("/actors/Q2866").text
    assert 'href="/positions?topic=kiev"' in page
    outgoing = page[page.index('id="network-out"'):page.index('id="network-in"')]
    assert any(e["source"] == "Q2866" for e in data["network"]) and 'href="/actors/GOV-RUS"' in outgoing
    who_to_him = [e for e in client.get("/api/actors/GOV-RUS").json()["network"] if e["target"] == "GOV-RUS"]
    assert who_to_him
    page = client.get("/actors/GOV-RUS").text
    incoming = page[page.index('id="network-in"'):]
    assert all(f'href="/actors/{quote(e["source"])}"' in incoming for e in who_to_him)
    assert data["outlets"] and all(o["claims"] >= 1 for o in data["outlets"])
