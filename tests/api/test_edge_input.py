"""Edge input to the store over HTTP, on SQLite and PostgreSQL: each was a 500 (and on PostgreSQL an error
log that dumped the SQL parameters, article text included)."""

from __future__ import annotations

import base64
import logging

import pytest
from fastapi.testclient import TestClient

from nlp_service.api import create_app
from nlp_service.settings import Settings
from tests.newsroom import KeywordAnalyzer, article

EDITOR = "bientap-bien-5d2a9c"
AS_EDITOR = {"Authorization": f"Bearer {EDITOR}"}
HUGE = 2**63


@pytest.fixture
def api(database_url, tmp_path):
    settings = Settings(database_url=database_url, data_dir=tmp_path, api_keys=f"{EDITOR}:editor")
    app = create_app(settings, loader=KeywordAnalyzer)
    with TestClient(app, raise_server_exceptions=False) as client:
        app.state.models.wait(10)
        yield client


def status(response, expected):
    assert response.status_code in expected, response.text[:300]
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")


def test_ids_past_64_bits_are_422(api):
    for request in (api.get(f"/v1/articles/{HUGE}", headers=AS_EDITOR),
                    api.delete(f"/v1/articles/{HUGE}", headers=AS_EDITOR),
                    api.patch(f"/v1/articles/{HUGE}/labels", json={"section": "the_thao"}, headers=AS_EDITOR),
                    api.get(f"/v1/articles/{HUGE}/corrections", headers=AS_EDITOR)):
        status(request, {422})
    cursor = base64.urlsafe_b64encode(b'{"s":"2024-01-01T00:00:00","i":' + str(HUGE).encode() + b"}").decode()
    status(api.get("/v1/articles", params={"cursor": cursor}, headers=AS_EDITOR), {422})


def test_a_cursor_of_nested_brackets_is_422(api):
    cursor = base64.urlsafe_b64encode(b"[" * 5_000 + b"]" * 5_000).decode()
    status(api.get("/v1/articles", params={"cursor": cursor[:190]}, headers=AS_EDITOR), {422})
    status(api.get("/v1/articles", params={"cursor": cursor}, headers=AS_EDITOR), {422})


@pytest.mark.parametrize("params", [{"since": "0001-01-01"}, {"until": "9999-12-31T23:59:59-12:00"}, {"since": "0"}])
@pytest.mark.parametrize("path", ["/v1/articles", "/v1/stats/topics", "/v1/stats/sections"])
def test_extreme_dates_are_422(api, path, params):
    status(api.get(path, params=params, headers=AS_EDITOR), {422})


def test_nul_and_lone_surrogates_are_dropped_from_text_and_refused_in_filters(api, caplog):
    body = article(1) | {"title": "Hội\u0000 nghị \ud800", "text": article(1)["text"] + " \u0000\udfff"}
    with caplog.at_level(logging.DEBUG):
        created = api.post("/v1/articles", content=_json(body),
                           headers=AS_EDITOR | {"content-type": "application/json"})
        status(created, {201})
        assert "\u0000" not in created.json()["text"] and created.json()["title"] == "Hội nghị "
        for params in ({"q": "hội\u0000"}, {"source": "a\u0000b"}):
            status(api.get("/v1/articles", params=params, headers=AS_EDITOR), {422})
        status(api.get("/v1/stats/topics", params={"source": "a\u0000"}, headers=AS_EDITOR), {422})
        status(api.post("/v1/articles", content=_json(article(2) | {"external_id": "x\u0000"}),
                        headers=AS_EDITOR | {"content-type": "application/json"}), {422})
    assert article(1)["text"][:40] not in caplog.text


def _json(body: dict) -> bytes:
    import json

    return json.dumps(body, ensure_ascii=True).encode()


def test_one_misdated_article_does_not_break_the_default_stats(api):
    for i, when in enumerate(("1900-01-02T08:00:00+07:00", "2199-06-01T08:00:00+07:00", "2024-03-04T08:00:00+07:00",
                              "2024-05-06T08:00:00+07:00")):
        status(api.post("/v1/articles", json=article(i) | {"published_at": when}, headers=AS_EDITOR), {201})
    for path in ("/v1/stats/topics", "/v1/stats/sections"):
        weekly = api.get(path, headers=AS_EDITOR)
        status(weekly, {200})
        stats = weekly.json()
        assert 0 < len(stats["buckets"]) <= Settings().stats_max_buckets
        assert stats["since"] > "1900-12-31" and stats["until"] < "2199-01-01"
    sections = api.get("/v1/stats/sections", headers=AS_EDITOR).json()
    assert sum(sections["totals"].values()) == 2  # the two articles of 2024; the bounds are in the answer
