"""The store over HTTP: /v1/articles and /v1/stats, API keys, problem+json; SQLite and PostgreSQL."""

import logging
import unicodedata

import pytest
from fastapi.testclient import TestClient

from nlp_service.api import create_app
from nlp_service.api.auth import fingerprint
from nlp_service.settings import Settings
from tests.newsroom import KeywordAnalyzer, article, feed

PROBLEM = "application/problem+json"
EDITOR, READER = "bientap-2f9c1e7a44", "docgia-81b4d0c3e5"
KEYS = f"{EDITOR}:editor,{READER}:reader"
AS_EDITOR = {"Authorization": f"Bearer {EDITOR}"}
AS_READER = {"Authorization": f"Bearer {READER}"}


@pytest.fixture
def api(database_url, tmp_path):
    """The app with API keys over a fresh database, analyzing with the cheap keyword analyzer."""
    settings = Settings(database_url=database_url, data_dir=tmp_path, api_keys=KEYS, max_chars=5_000,
                        list_max_limit=100)
    keywords = KeywordAnalyzer()
    app = create_app(settings, loader=lambda: keywords)
    with TestClient(app) as client:
        app.state.models.wait(10)
        yield client


def problem(response, status):
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and {"type", "title", "detail"} <= body.keys()
    return body


def pages(client, params: dict, headers=AS_READER) -> list[dict]:
    items, cursor = [], None
    while True:
        r = client.get("/v1/articles", params=params | ({"cursor": cursor} if cursor else {}), headers=headers)
        assert r.status_code == 200, r.text
        items.extend(r.json()["items"])
        cursor = r.json()["next_cursor"]
        if cursor is None:
            return items


def test_done_when_ingest_repost_list_by_topic_stats_and_correct(api):
    """The issue's acceptance run: 200 articles in, 20 again, lists agree with stats, a correction sticks."""
    ids = {}
    for body in feed(200, undated_every=25):
        r = api.post("/v1/articles", json=body, headers=AS_EDITOR)
        assert r.status_code == 201, r.text
        assert r.headers["location"] == f"/v1/articles/{r.json()['id']}"
        ids[body["external_id"]] = r.json()["id"]
    assert len(set(ids.values())) == 200

    for body in feed(200)[::10]:  # 20 articles re-sent with an update line
        body = body | {"text": body["text"] + " Bài viết được cập nhật lúc 17 giờ."}
        r = api.post("/v1/articles", json=body, headers=AS_EDITOR)
        assert r.status_code == 200, r.text
        assert r.json()["id"] == ids[body["external_id"]] and r.json()["text"].endswith("cập nhật lúc 17 giờ.")

    everything = pages(api, {"limit": 64})
    assert len(everything) == 200 and {a["external_id"] for a in everything} == set(ids)
    order = [(a["published_at"] or a["created_at"], a["id"]) for a in everything]
    assert order == sorted(order, reverse=True)

    stats = api.get("/v1/stats/topics", params={"interval": "week"}, headers=AS_READER).json()
    totals = stats["totals"]
    assert len(totals) >= 8
    assert {t: sum(b["counts"].get(t, 0) for b in stats["buckets"]) for t in totals} == totals
    for topic, n in totals.items():
        items = pages(api, {"topic": topic, "limit": 37})
        assert len(items) == n, topic
        assert all(topic in [t["id"] for t in a["topics"]] for a in items)
    quarter = api.get("/v1/stats/topics", headers=AS_READER,
                      params={"interval": "week", "since": "2024-01-01", "until": "2024-04-01"}).json()
    assert len(quarter["buckets"]) == 13 and quarter["buckets"][0]["start"] == "2024-01-01T00:00:00+07:00"
    assert sum(quarter["totals"].values()) < sum(totals.values())  # the undated ones fall on today
    sections = api.get("/v1/stats/sections", params={"interval": "month"}, headers=AS_READER).json()
    assert sum(sections["totals"].values()) == 200

    drug_story = ids["bai-00003"]
    before = api.get(f"/v1/articles/{drug_story}", headers=AS_READER).json()
    assert "phong_chong_tham_nhung" not in [t["id"] for t in before["topics"]]
    r = api.patch(f"/v1/articles/{drug_story}/labels", headers=AS_EDITOR,
                  json={"topics": ["an_ninh_trat_tu", "phong_chong_tham_nhung"]})
    assert r.status_code == 200, r.text
    after = api.get(f"/v1/articles/{drug_story}", headers=AS_READER).json()
    assert sorted(t["id"] for t in after["topics"]) == ["an_ninh_trat_tu", "phong_chong_tham_nhung"]
    assert all(t["by_editor"] for t in after["topics"]) and after == r.json()
    history = api.get(f"/v1/articles/{drug_story}/corrections", headers=AS_READER).json()
    assert len(history) == 1 and history[0]["editor"] == fingerprint(EDITOR)
    assert [t["id"] for t in history[0]["previous_topics"]] == [t["id"] for t in before["topics"]]
    corrected = api.get("/v1/stats/topics", params={"interval": "week"}, headers=AS_READER).json()["totals"]
    assert corrected["phong_chong_tham_nhung"] == totals["phong_chong_tham_nhung"] + 1
    assert drug_story in [a["id"] for a in pages(api, {"topic": "phong_chong_tham_nhung"})]

    assert api.delete(f"/v1/articles/{drug_story}", headers=AS_EDITOR).status_code == 204
    problem(api.get(f"/v1/articles/{drug_story}", headers=AS_READER), 404)
    assert len(pages(api, {"limit": 100})) == 199


ENDPOINTS = [
    ("POST", "/v1/articles", article(0), "editor"),
    ("GET", "/v1/articles", None, "reader"),
    ("GET", "/v1/articles/1", None, "reader"),
    ("GET", "/v1/articles/1/corrections", None, "reader"),
    ("PATCH", "/v1/articles/1/labels", {"topics": ["y_te"]}, "editor"),
    ("GET", "/v1/stats/topics", None, "reader"),
    ("GET", "/v1/stats/sections", None, "reader"),
    ("DELETE", "/v1/articles/1", None, "editor"),
]


def test_no_key_is_401_and_a_reader_key_on_a_write_is_403(api, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = "khoa-sai-5d1e9a"
    for method, path, body, needs in ENDPOINTS:
        for headers in ({}, {"Authorization": f"Bearer {wrong}"}, {"Authorization": f"Basic {EDITOR}"},
                        {"Authorization": "Bearer "}):
            r = api.request(method, path, json=body, headers=headers)
            assert problem(r, 401) and r.headers["www-authenticate"].startswith("Bearer"), (method, path, headers)
            assert wrong not in r.text and EDITOR not in r.text
        r = api.request(method, path, json=body, headers=AS_READER)
        if needs == "editor":
            problem(r, 403)
        else:
            assert r.status_code == 200 or r.status_code == 404, (method, path, r.text)
        assert api.request(method, path, json=body, headers=AS_EDITOR).status_code in (200, 201, 204), (method, path)
    assert all(key not in caplog.text for key in (EDITOR, READER, wrong))


def test_without_keys_the_store_answers_only_on_loopback(tmp_path):
    app = create_app(Settings(data_dir=tmp_path), loader=KeywordAnalyzer)
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        app.state.models.wait(10)
        created = local.post("/v1/articles", json=article(7))
        assert created.status_code == 201, created.text
        article_id = created.json()["id"]
        assert local.patch(f"/v1/articles/{article_id}/labels", json={"section": "kinh_doanh"}).status_code == 200
        assert local.get(f"/v1/articles/{article_id}/corrections").json()[0]["editor"] == "loopback"
    with TestClient(app, base_url="http://nlp.example.vn") as remote:
        assert "loopback" in problem(remote.get("/v1/articles"), 403)["detail"]
        problem(remote.post("/v1/articles", json=article(8)), 403)


@pytest.mark.parametrize("body,status", [
    ({}, 422), ({"text": ""}, 422), ({"text": "   "}, 422), ({"text": 5}, 422), ({"text": None}, 422),
    ({"text": "Một câu.", "published_at": 1710000000}, 422), ({"text": "Một câu.", "published_at": "hôm qua"}, 422),
    ({"text": "Một câu.", "published_at": "1800-01-01T00:00:00"}, 422), ({"text": "Một câu.", "tags": []}, 422),
    ({"text": "Một câu.", "external_id": ""}, 422), ({"text": "Một câu.", "external_id": "x" * 256}, 422),
    ({"text": "Một câu.", "source": 7}, 422), ({"text": "a" * 5_001}, 413)])
def test_bad_articles_are_problems_and_store_nothing(api, body, status):
    problem(api.post("/v1/articles", json=body, headers=AS_EDITOR), status)
    assert pages(api, {}) == []


def test_malformed_and_non_json_bodies(api):
    as_json, as_text = AS_EDITOR | {"content-type": "application/json"}, AS_EDITOR | {"content-type": "text/plain"}
    problem(api.post("/v1/articles", content=b'{"text": "abc"', headers=as_json), 400)
    problem(api.post("/v1/articles", content="text=abc", headers=as_text), 415)
    problem(api.patch("/v1/articles/1/labels", content="topics=y_te", headers=as_text), 415)


def test_bad_queries_and_labels_are_422_and_missing_articles_404(api):
    article_id = api.post("/v1/articles", json=article(1), headers=AS_EDITOR).json()["id"]
    for params in ({"topic": "khong_co"}, {"section": "thoi_su"}, {"limit": 0}, {"limit": 101}, {"limit": "nhiều"},
                   {"cursor": "abc"}, {"since": "2024-02-01", "until": "2024-01-01"}, {"since": "hôm qua"},
                   {"unknown": "1"}, {"q": "x" * 201}):
        problem(api.get("/v1/articles", params=params, headers=AS_READER), 422)
    for params in ({"interval": "year"}, {"since": "2000-01-01", "until": "2024-01-01", "interval": "day"}):
        problem(api.get("/v1/stats/topics", params=params, headers=AS_READER), 422)
    for body in ({}, {"topics": ["y_te", "khong_co"]}, {"section": "thoi_su"}, {"topics": "y_te"},
                 {"topics": [1]}, {"labels": []}):
        problem(api.patch(f"/v1/articles/{article_id}/labels", json=body, headers=AS_EDITOR), 422)
    assert api.get(f"/v1/articles/{article_id}/corrections", headers=AS_READER).json() == []
    problem(api.get("/v1/articles/abc", headers=AS_READER), 422)
    for method, path, body in (("GET", "/v1/articles/999999", None), ("DELETE", "/v1/articles/999999", None),
                               ("PATCH", "/v1/articles/999999/labels", {"topics": []}),
                               ("GET", "/v1/articles/999999/corrections", None)):
        problem(api.request(method, path, json=body, headers=AS_EDITOR), 404)


def test_end_to_end_with_the_real_analyzer(database_url, tmp_path, analyzer, portal_page, sport_text):
    settings = Settings(database_url=database_url, data_dir=tmp_path, api_keys=KEYS)
    app = create_app(settings, loader=lambda: analyzer.with_settings(settings))
    with TestClient(app) as client:
        app.state.models.wait(60)
        r = client.post("/v1/articles", headers=AS_EDITOR, json={
            "external_id": "dakmil-2024-03-12", "url": "https://dakmil.daknong.gov.vn/tin-tuc/cchc.html",
            "text": portal_page, "source": "dakmil.daknong.gov.vn", "published_at": "2024-03-12T08:45:00+07:00"})
        assert r.status_code == 201, r.text
        portal = r.json()
        assert portal["section"]["id"] == "chinh_tri_xa_hoi" and 0 < portal["section"]["score"] <= 1
        assert len(portal["summary"]["sentences"]) == settings.store_summary_sentences
        flat = " ".join(unicodedata.normalize("NFC", portal_page).split())
        assert all(" ".join(s["text"].split()) in flat for s in portal["summary"]["sentences"])
        # kept as its article: the page's menus, counters and related headlines gone, its headline the title
        assert "section" in portal["models"] and portal["text"] != portal_page
        assert portal["title"] == "Huyện Đắk Mil phát động phong trào thi đua đẩy mạnh cải cách hành chính năm 2024"
        assert "Sáng ngày 11/3, Ủy ban nhân dân huyện Đắk Mil" in portal["text"]
        for furniture in ("Số lượt người xem", "TIN MỚI HƠN", "Tổng lượt truy cập", "Trang chủ", "Bản quyền thuộc"):
            assert furniture not in portal["text"], furniture
        assert all(s["text"] in portal["text"] for s in portal["summary"]["sentences"])
        sport = client.post("/v1/articles", json={"text": sport_text, "title": "Việt Nam vô địch"}, headers=AS_EDITOR)
        assert sport.status_code == 201 and sport.json()["section"]["id"] == "the_thao"

        assert client.get(f"/v1/articles/{portal['id']}", headers=AS_READER).json() == portal
        assert [a["id"] for a in pages(client, {"q": "đắk mil"})] == [portal["id"]]
        assert pages(client, {"q": "tổng lượt truy cập"}) == []  # q= searches the article, not the page around it
        sections = client.get("/v1/stats/sections", params={"interval": "month"}, headers=AS_READER).json()
        assert sections["totals"] == {"chinh_tri_xa_hoi": 1, "the_thao": 1}
        fixed = client.patch(f"/v1/articles/{portal['id']}/labels", headers=AS_EDITOR,
                             json={"topics": ["cai_cach_hanh_chinh", "thi_dua_khen_thuong"]}).json()
        assert [t["id"] for t in fixed["topics"]][:2] in (["cai_cach_hanh_chinh", "thi_dua_khen_thuong"],
                                                          ["thi_dua_khen_thuong", "cai_cach_hanh_chinh"])
        again = client.post("/v1/articles", headers=AS_EDITOR,
                            json={"external_id": "dakmil-2024-03-12", "text": portal_page})
        assert again.status_code == 200 and again.json()["topics"] == fixed["topics"]
