"""One walk through the dashboard in a real browser: Debian's headless chromium driven by
Playwright, against uvicorn on a free loopback port. Skips when chromium is not installed
(``.ci/run`` installs it). With ``COMMUNIQUE_SCREENSHOTS=docs/img`` it also writes the README's
screenshots of the article and actor pages there (by default into the test's temporary folder).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from communique.store import Database

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
HOSTILE_URL = "javascript:alert('url')"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed (apt-get install chromium)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _serving(app) -> Iterator[str]:
    """uvicorn serving ``app`` on a free loopback port, in a thread, for as long as the block runs."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def base_url(web_db):
    from communique.web import create_app

    with _serving(create_app(web_db)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("COMMUNIQUE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_click_through_home_search_article_actor_claim(browser, base_url, web_db, tmp_path):
    shots = _shots(tmp_path)
    page = browser.new_page(viewport={"width": 1024, "height": 640})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(base_url + "/")
    assert page.locator("#count-articles").inner_text() == "8"
    page.fill("header input[name=q]", "Istanbul")
    page.click("header button[type=submit]")
    page.wait_for_url("**/search?q=Istanbul")
    page.click("ol.results a[href^='/articles/']:has-text('Belarusian president')")

    # the article: every highlighted piece holds exactly the stored characters
    page.wait_for_selector("article.text")
    key = page.url.split("/articles/")[1].split("#")[0]
    with Database(web_db, read_only=True) as db:
        text = db.get_article(key)["text"]
    marks = page.eval_on_selector_all(
        "article.text [data-start]", "els => els.map(e => [+e.dataset.start, +e.dataset.end, e.textContent])")
    assert marks and all(text[start:end] == shown for start, end, shown in marks)
    page.click("#s-0 .m.sp")  # selecting a statement marks it in the side panel (the small script)
    assert "selected" in (page.get_attribute("#panel-s-0", "class") or "")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / "article.png"))

    page.click("#panel-s-0 a[href='/actors/Q2866']")
    page.wait_for_url("**/actors/Q2866")
    assert page.locator("svg.chart circle").count() >= 1
    page.screenshot(path=str(shots / "actor.png"))

    page.click("table.claims a[href^='/claims/']")
    page.wait_for_url("**/claims/*")
    assert page.locator("table.reports a[href*='#s-']").count() >= 1
    assert not dialogs


def test_hostile_article_runs_nothing_in_the_browser(browser, base_url, web_db):
    with Database(web_db, read_only=True) as db:
        key = db.connection.execute("SELECT id FROM articles WHERE url = ?", [HOSTILE_URL]).fetchall()[0][0]
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{base_url}/articles/{key}")
    page.wait_for_load_state("load")
    assert "<script>alert('title')</script>" in page.inner_text("#article-title")
    assert page.locator("img, [onerror], [onmouseover], main script, a[href^='javascript' i]").count() == 0
    page.hover("article.text")
    assert not dialogs


def test_the_token_is_enforced_and_writes_are_refused_in_the_browser(browser, web_db):
    from communique.web import create_app

    with _serving(create_app(web_db, token="s3cret")) as url:
        page = browser.new_page()
        assert page.goto(url + "/").status == 401 and "needs its token" in page.inner_text("main")
        opened = page.goto(url + "/search?q=talks&token=s3cret")  # the printed one-time URL
        assert opened.status == 200 and page.url == url + "/search?q=talks"
        assert "token" not in page.url and page.locator("ol.results li").count() >= 1
        assert page.goto(url + "/actors/Q2866").status == 200  # the cookie carries it from now on
        cookie = next(c for c in page.context.cookies() if c["name"] == "communique_token")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        statuses = page.evaluate("""Promise.all(['POST', 'PUT', 'DELETE'].map(
            m => fetch('/api/summary', {method: m}).then(r => r.status)))""")
        assert statuses == [405, 405, 405]


def test_network_and_places_are_drawn(browser, base_url, tmp_path):
    shots = _shots(tmp_path)
    page = browser.new_page(viewport={"width": 1024, "height": 760})
    page.goto(base_url + "/network")
    assert page.locator("svg.network line.edge").count() == page.locator("table tr").count() - 1
    page.screenshot(path=str(shots / "network.png"))
    page.click("svg.network a[href='/actors/Q2866']")
    page.wait_for_url("**/actors/Q2866")
    page.goto(base_url + "/places")
    assert page.locator("svg.map circle.place").count() >= 2
    page.screenshot(path=str(shots / "places.png"))
    # the last circle is drawn on top (the least mentioned): nothing covers it, as a small
    # place inside a big country covers that country's centre
    page.locator("svg.map a").last.click()
    page.wait_for_url("**/places?geonameid=*")
    assert page.locator("a[href*='#p-']").count() >= 1
