"""The pages as the server sends them, without a browser: one shell around each page's <main>, the open page
marked in the navigation, the page's own script, and the headers that keep it from loading anything off-host."""

from __future__ import annotations

import lxml.html
import pytest
from fastapi.testclient import TestClient

from nlp_service.api import create_app
from nlp_service.settings import Settings
from nlp_service.ui.routes import CSP, PAGES


@pytest.fixture(scope="module")
def client(analyzer, tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("ui-routes"))
    with TestClient(create_app(settings, loader=lambda: analyzer.with_settings(settings))) as c:
        yield c


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_page_is_the_shell_around_its_own_main(client, name):
    path, title, label = PAGES[name]
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == CSP and r.headers["x-content-type-options"] == "nosniff"
    root = lxml.html.document_fromstring(r.text)
    assert root.findtext(".//title") == f"{title} — nlp_service"
    current = root.xpath('//nav/a[@aria-current="page"]')
    assert [a.text for a in current] == [label] and current[0].get("href") == path
    assert [a.get("href") for a in root.xpath("//nav/a")] == [p for p, _, _ in PAGES.values()] + ["/docs"]
    assert [s.get("src") for s in root.xpath("//script")] == ["/ui/static/common.js", f"/ui/static/{name}.js"]
    assert len(root.xpath("//main")) == 1 and len(root.xpath('//form[@id="auth"]')) == 1
    assert "$" not in r.text  # every placeholder of the shell filled


def test_the_two_pages_differ_only_inside_main_title_nav_and_script(client):
    editor, dashboard = (lxml.html.document_fromstring(client.get(PAGES[n][0]).text) for n in ("editor", "dashboard"))
    assert editor.xpath("//main//*[@id='text']") and not dashboard.xpath("//main//*[@id='text']")
    assert dashboard.xpath("//main//*[@id='filters']") and not editor.xpath("//main//*[@id='filters']")
