"""The pages in a real browser (Debian's Chromium through Playwright): the editor and the dashboard.

Set NLP_SERVICE_UI_SCREENSHOTS=docs to write the README's screenshots (docs/editor.png, docs/dashboard.png).
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from nlp_service.api import create_app
from nlp_service.settings import Settings
from nlp_service.store import ArticleIn
from tests.ui.browser import chromium, live_server
from tests.newsroom import KeywordAnalyzer, feed

EDITOR, READER = "bientap-ui-5c1d2e", "docgia-ui-9a7b3f"
SEEDED = 40  # one article every 11 hours from Monday 1 January 2024: three weeks


@pytest.fixture(scope="module")
def site(analyzer, tmp_path_factory):
    """The app with the shipped models, API keys, and a store seeded with the newsroom feed."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("ui-store"), api_keys=f"{EDITOR}:editor,{READER}:reader",
                        max_chars=50_000)
    app = create_app(settings, loader=lambda: analyzer.with_settings(settings))
    with live_server(app) as url:
        keywords = KeywordAnalyzer()
        for body in feed(SEEDED):
            app.state.store.ingest(ArticleIn(**body), keywords)
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, errors  # no script error on any page


def shots(tmp_path) -> Path:
    return Path(os.environ.get("NLP_SERVICE_UI_SCREENSHOTS") or tmp_path)


def api(url: str, key: str = EDITOR) -> httpx.Client:
    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=30)


def use_key(page, key: str) -> None:
    page.fill("#api-key", key)
    page.click("#auth button")
    page.wait_for_function("() => document.body.dataset.role === 'editor' || document.body.dataset.role === 'reader'")


def test_pasted_portal_page_shows_topics_with_evidence_highlighted(site, page, portal_html, tmp_path):
    page.goto(site + "/")  # the root redirects to the editor
    assert page.url.endswith("/ui/")
    use_key(page, EDITOR)
    page.fill("#input", portal_html)
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#topics li.assigned")
    assigned = page.eval_on_selector_all("#topics li.assigned", "els => els.map(e => e.dataset.topic)")
    assert "cai_cach_hanh_chinh" in assigned
    marks = page.eval_on_selector_all("#text mark.ev", "els => els.map(e => [e.textContent, e.dataset.topics])")
    assert marks, "no evidence highlighted"
    # Overlapping evidence of two topics cuts a phrase into pieces; joined, a topic's pieces hold its phrase.
    pieces = "".join(text for text, topics in marks if "cai_cach_hanh_chinh" in topics.split()).lower()
    assert "cải cách hành chính" in pieces
    summary = page.eval_on_selector_all("#text .sum", "els => els.map(e => e.textContent).join(' ')")
    assert len(summary) > 40
    text = page.inner_text("#text")
    assert "Trang chủ" not in text and "_gaq" not in text  # the page furniture is gone from what is shown
    page.hover("#topics li[data-topic='cai_cach_hanh_chinh']")
    assert page.locator("#text mark.ev.hot").count() >= 1
    page.screenshot(path=str(shots(tmp_path) / "editor.png"), full_page=True)


def test_correcting_a_topic_is_saved_and_the_api_returns_it(site, page, portal_html):
    page.goto(site + "/ui/")
    use_key(page, EDITOR)
    page.fill("#title", "Đắk Mil phát động thi đua cải cách hành chính")
    page.fill("#input", portal_html)
    page.click("#analyze")
    page.wait_for_selector("#topics li.assigned")
    ticked = page.eval_on_selector_all("#topics input:checked", "els => els.map(e => e.value)")
    dropped = "thi_dua_khen_thuong" if "thi_dua_khen_thuong" in ticked else ticked[-1]
    page.uncheck(f"#topic-{dropped}")
    page.check("#topic-xay_dung_dang")
    page.keyboard.press("Control+s")
    page.wait_for_selector("#history tr td")
    ref = page.inner_text("#article-ref")
    article_id = int(ref.rsplit(" ", 1)[-1])
    with api(site) as client:
        stored = client.get(f"/v1/articles/{article_id}").json()
        corrections = client.get(f"/v1/articles/{article_id}/corrections").json()
    topics = {t["id"] for t in stored["topics"]}
    assert "xay_dung_dang" in topics and dropped not in topics
    assert all(t["by_editor"] for t in stored["topics"])
    assert len(corrections) == 1 and set(corrections[0]["topics"]) == topics
    assert corrections[0]["editor"].startswith("key:")
    assert page.locator("#history tr").count() == 1


def test_reader_key_sees_a_read_only_editor(site, page):
    page.goto(site + "/ui/?article=1")
    use_key(page, READER)
    page.goto(site + "/ui/?article=1")  # the key is kept for the tab
    page.wait_for_selector("#topics li")
    assert page.locator("#save").is_hidden()
    assert page.locator("#readonly-note").is_visible()
    assert page.locator("#topics input").first.is_disabled()


def test_review_queue_walks_with_the_keyboard(site, page):
    page.goto(site + "/ui/")
    use_key(page, EDITOR)
    page.wait_for_selector("#queue li[role=option]")
    with api(site) as client:
        queue = client.get("/v1/review", params={"limit": 30}).json()["items"]
    margins = [abs(item["margin"]) for item in queue]
    assert margins == sorted(margins)
    page.focus("#queue")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.getElementById('article-ref').textContent.includes('{queue[1]['id']}')")


def _bars(page) -> dict[str, list[tuple[str, int]]]:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('#chart g.bucket')].map(g =>
        [g.dataset.start, [...g.querySelectorAll('rect.bar')].map(r => [r.dataset.topic, Number(r.dataset.count)])]))""")


def test_dashboard_draws_a_bar_group_per_bucket_and_filters(site, page, tmp_path):
    page.goto(site + "/ui/dashboard")
    use_key(page, READER)
    page.fill("#since", "2024-01-01")
    page.fill("#until", "2024-01-22")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("#chart g.bucket")
    with api(site, READER) as client:
        stats = client.get("/v1/stats/topics", params={"since": "2024-01-01", "until": "2024-01-22",
                                                       "interval": "week"}).json()
    bars = _bars(page)
    assert list(bars) == [b["start"] for b in stats["buckets"]] and len(bars) == 3
    for bucket in stats["buckets"]:
        drawn = {t: n for t, n in bars[bucket["start"]] if n}
        assert drawn == bucket["counts"]
    totals = dict(page.eval_on_selector_all("#totals tr", "els => els.map(e => [e.dataset.topic, Number(e.cells[1].textContent)])"))
    assert {t: n for t, n in totals.items() if n} == stats["totals"]
    page.screenshot(path=str(shots(tmp_path) / "dashboard.png"), full_page=True)

    # Filter: one topic, by day; each bucket then has one bar, and the counts follow the API's.
    for box in page.query_selector_all("#topic-filter input"):
        box.uncheck()
    page.check("#topic-filter input[value=cai_cach_hanh_chinh]")
    page.select_option("#interval", "day")
    page.click("#filters button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('#chart g.bucket').length === 21")
    bars = _bars(page)
    assert all(len(group) == 1 and group[0][0] == "cai_cach_hanh_chinh" for group in bars.values())
    with api(site, READER) as client:
        daily = client.get("/v1/stats/topics", params={"since": "2024-01-01", "until": "2024-01-22", "interval": "day",
                                                       "topic": "cai_cach_hanh_chinh"}).json()
    assert [group[0][1] for group in bars.values()] == [b["counts"].get("cai_cach_hanh_chinh", 0)
                                                         for b in daily["buckets"]]

    # A click on a bar lists that bucket's articles of that topic.
    start, (topic, n) = next((s, g[0]) for s, g in bars.items() if g[0][1])
    page.click(f"#chart rect.bar[data-start='{start}']")
    page.wait_for_selector("#articles tr")
    assert page.locator("#articles tr").count() == n

    # The CSV download is the same series.
    with page.expect_download() as download:
        page.click("#csv")
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "start,cai_cach_hanh_chinh" and len(lines) == 22
    assert [int(line.split(",")[1]) for line in lines[1:]] == [group[0][1] for group in bars.values()]


def test_api_docs_load_offline_from_vendored_assets(site, page):
    """Swagger UI and Redoc render from the vendored bundles; Redoc's one reference to another host (its
    sidebar logo) is blocked by the page's Content-Security-Policy, so nothing leaves the machine."""
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(request.url))
    page.goto(site + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    page.goto(site + "/redoc")
    page.wait_for_selector(".api-content h2", timeout=20_000)
    assert any(u.endswith("swagger-ui-bundle.js") for u in loaded) and any(u.endswith("redoc.standalone.js") for u in loaded)
    assert all(u.startswith((site, "blob:", "data:")) for u in loaded), [u for u in loaded if not u.startswith(site)]
