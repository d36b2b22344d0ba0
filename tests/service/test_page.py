"""The web page in a real browser: Chromium driven by Playwright against the app served by
uvicorn over a database of the sample articles (and one article full of markup)."""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("LAGEBILD_CHROMIUM") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (install Debian's chromium or set LAGEBILD_CHROMIUM "
                "to a Chromium binary)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright is not installed (pip install playwright)")
uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed")

from playwright.sync_api import expect, sync_playwright  # noqa: E402

import lagebild  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--no-proxy-server"]
SAMPLES = Path(lagebild.__file__).parent / "samples"
PAGE_SIZE = 50
VIEWPORT = {"width": 1400, "height": 1000}

XSS_ID = "xss-test-1"
XSS_TEXT = ("Russia accused Ukraine of shelling the city of Belgorod on Monday. "
            '<script>window.__xss = 1</script><img src="x" onerror="window.__xss = 2"> '
            "The Ukrainian government rejected the accusation.")
XSS_TITLE = '<img src=x onerror="window.__xss = 3">Markup in a title'


def _no_proxy():
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get_json(url: str):
    with _no_proxy().open(url, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    from lagebild.schema import Article
    from lagebild.service.watch import Watch, add_watch
    from lagebild.sources import read_inputs
    from lagebild.store import Store, ingest

    path = tmp_path_factory.mktemp("page") / "page.duckdb"
    inputs = [str(SAMPLES / "news.jsonl")]
    if (SAMPLES / "stories.jsonl").exists():
        inputs.append(str(SAMPLES / "stories.jsonl"))
    xss = Article(id=XSS_ID, text=XSS_TEXT, lang="en", published=date(2024, 4, 2),
                  title=XSS_TITLE, source="<b>Test wire</b>", url="javascript:window.__xss = 4")
    with Store(path) as store:
        add_watch(store.con, Watch("russia", ["RUS"], [], []))
        ingest(store, read_inputs(inputs))
        report = ingest(store, [xss])
        assert report.events, "the markup article gave no event"
    return path


@pytest.fixture(scope="module")
def server(db):
    from lagebild.service.app import create_app

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            get_json(f"{base}/health")
            break
        except OSError:
            if time.monotonic() > deadline or not thread.is_alive():
                srv.should_exit = True
                raise RuntimeError("the test server did not start") from None
            time.sleep(0.05)
    yield base
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def all_events(server) -> list[dict]:
    return get_json(f"{server}/events?limit=1000")["events"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Problems:
    """What went wrong in a page: console errors, script errors, failed or refused
    requests, and requests that would leave the app."""

    def __init__(self, page, base: str) -> None:
        self.items: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.items.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.items.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.items.append(f"failed: {r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.items.append(
            f"HTTP {r.status}: {r.url}"))

        def outside(route):
            self.items.append(f"outside request: {route.request.url}")
            route.abort()

        page.route(lambda url: not (url.startswith(base) or url.startswith("data:")), outside)


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    pg.problems = Problems(pg, server)
    yield pg
    context.close()


def load(page, base: str, query: str = "") -> None:
    page.goto(f"{base}/{query}")
    page.wait_for_selector("body[data-state=ready]")


def open_row(page, event_id: str) -> None:
    page.locator(f"#events tbody tr[data-event-id='{event_id}']").click()
    panel = page.locator("#event-panel")
    expect(panel).to_have_attribute("data-event-id", event_id)
    expect(panel).to_have_attribute("data-state", "ready")


def test_page_loads_with_charts_and_rows(page, server):
    load(page, server)
    total = get_json(f"{server}/events?limit=1")["total"]
    assert total > 0
    rows = page.locator("#events tbody tr")
    expect(rows).to_have_count(min(total, PAGE_SIZE))
    expect(page.locator("#events-count")).to_have_attribute("data-total", str(total))
    assert page.locator("#timeline svg rect.bar").count() > 0
    assert page.locator("#timeline-legend .type-chip").count() > 0
    assert page.locator("#network svg .node").count() > 0
    assert page.locator("#network svg .edge").count() > 0
    assert page.locator("#network svg .node text").count() > 0
    alerts = get_json(f"{server}/alerts?limit=12")
    expect(page.locator("#alerts li")).to_have_count(len(alerts))
    expect(page.locator("#health")).to_contain_text("events")
    expect(page.locator("#error")).to_be_hidden()
    if total > PAGE_SIZE:
        page.click("#next")
        expect(rows).to_have_count(min(total - PAGE_SIZE, PAGE_SIZE))
        assert "page=2" in page.url
    assert page.problems.items == []


def test_type_filter_leaves_rows_of_that_type(page, server, all_events):
    chosen = Counter(e["type"] for e in all_events).most_common(1)[0][0]
    expected = get_json(f"{server}/events?type={chosen}&limit=1")["total"]
    load(page, server)
    page.select_option("#filter-type", chosen)
    page.click("#apply")
    expect(page).to_have_url(re.compile(rf"[?&]type={chosen}(&|$)"))
    rows = page.locator("#events tbody tr")
    expect(rows).to_have_count(min(expected, PAGE_SIZE))
    expect(page.locator("#events-count")).to_have_attribute("data-total", str(expected))
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.type)")) == {chosen}
    assert set(page.locator("#events tbody td:nth-child(2)").all_text_contents()) == {chosen}
    page.wait_for_selector("body[data-state=ready]")
    bars = page.locator("#timeline svg rect.bar")
    assert set(bars.evaluate_all("bs => bs.map(b => b.dataset.type)")) == {chosen}
    # the view is in the URL: a reload shows the same
    page.reload()
    page.wait_for_selector("body[data-state=ready]")
    assert page.input_value("#filter-type") == chosen
    expect(rows).to_have_count(min(expected, PAGE_SIZE))
    page.click("#reset")
    expect(page.locator("#events-count")).to_have_attribute("data-total", str(len(all_events)))
    assert "type=" not in page.url
    assert page.problems.items == []


def test_row_opens_panel_with_marked_evidence(page, server):
    load(page, server)
    first = page.locator("#events tbody tr").first
    event_id = first.get_attribute("data-event-id")
    open_row(page, event_id)
    event = get_json(f"{server}/events/{urllib.parse.quote(event_id)}")
    article = event["article"]
    assert page.locator("#article-text").text_content() == article["text"]
    if article["title"]:
        assert page.locator("#article-title").text_content() == article["title"]
    mark = page.locator("#event-panel mark.evidence")
    expect(mark).to_have_count(1)
    assert mark.text_content() == event["evidence"]["text"]
    assert page.locator("#event-panel .evidence-sentence").text_content() == \
        event["evidence"]["sentence"]
    expect(page.locator("#panel-heading")).to_contain_text(event["type"])
    expect(first).to_have_class(re.compile(r"\bselected\b"))
    assert f"event={event_id}" in page.url
    page.keyboard.press("Escape")
    expect(page.locator("#event-panel")).to_be_hidden()
    assert "event=" not in page.url
    assert page.problems.items == []


def test_markup_in_an_article_is_shown_as_text(page, server, all_events):
    ours = [e for e in all_events if e["doc_id"] == XSS_ID]
    assert ours
    load(page, server, "?text=" + urllib.parse.quote("window.__xss"))
    rows = page.locator("#events tbody tr")
    expect(rows).to_have_count(sum("window.__xss" in e["evidence"]["sentence"] for e in ours))
    open_row(page, rows.first.get_attribute("data-event-id"))
    text = page.locator("#article-text")
    assert text.text_content() == XSS_TEXT
    expect(text).to_contain_text('<script>window.__xss = 1</script><img src="x"')
    assert page.locator("#article-title").text_content() == XSS_TITLE
    assert page.locator("#event-panel script, #event-panel img, #events img").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    expect(page.locator("#event-panel mark.evidence")).to_have_count(1)
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.problems.items == []


def test_denial_link_opens_the_denied_claim(page, server, all_events):
    denial = next((e for e in all_events if e["denies"]), None)
    if denial is None:
        pytest.skip("no event in the fixture denies another")
    claim = denial["denies"][0]
    load(page, server, f"?event={urllib.parse.quote(denial['event_id'])}")
    panel = page.locator("#event-panel")
    expect(panel).to_have_attribute("data-state", "ready")
    expect(page.locator("#denies a.denial-link")).to_have_count(len(denial["denies"]))
    page.locator(f"#denies a.denial-link[data-event='{claim}']").click()
    expect(panel).to_have_attribute("data-event-id", claim)
    expect(panel).to_have_attribute("data-state", "ready")
    back = page.locator(f"#denied-by a.denial-link[data-event='{denial['event_id']}']")
    expect(back).to_have_count(1)
    claimed = get_json(f"{server}/events/{urllib.parse.quote(claim)}")
    assert page.locator("#event-panel mark.evidence").text_content() == \
        claimed["evidence"]["text"]
    back.click()
    expect(panel).to_have_attribute("data-event-id", denial["event_id"])
    assert page.problems.items == []


def test_network_node_sets_the_actor_filter(page, server):
    load(page, server)
    node = page.locator("#network svg .node").first
    wanted = node.get_attribute("data-country") or node.get_attribute("data-id")
    node.locator("circle").click()
    expect(page.locator("#filter-actor")).to_have_value(wanted)
    expect(page).to_have_url(re.compile(r"[?&]actor="))
    expected = get_json(f"{server}/events?actor={urllib.parse.quote(wanted)}&limit=1")["total"]
    expect(page.locator("#events-count")).to_have_attribute("data-total", str(expected))
    assert page.problems.items == []


def test_api_errors_show_in_the_error_line(page, server):
    load(page, server, "?since=not-a-date")
    error = page.locator("#error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("not a date")
    expect(page.locator("#events tbody tr")).to_have_count(0)


def test_screenshot(page, server, all_events, tmp_path):
    out = Path(os.environ.get("LAGEBILD_SCREENSHOT") or tmp_path / "lagebild.png")
    out.parent.mkdir(parents=True, exist_ok=True)
    load(page, server)
    # an event near the top of the table (which then needs no scrolling), well reported
    top = [r.get_attribute("data-event-id") for r in page.locator("#events tbody tr").all()][:12]
    candidates = [e for e in all_events if e["event_id"] in top and e["doc_id"] != XSS_ID]
    best = max(candidates, key=lambda e: (e["num_sources"] or 0, len(e["denies"]),
                                          len(e["denied_by"])))
    open_row(page, best["event_id"])
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(300)  # denial summaries are fetched after the panel opens
    page.screenshot(path=str(out), full_page=True)
    assert out.stat().st_size > 10_000
    assert page.problems.items == []
