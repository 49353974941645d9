import threading
import time
import unicodedata

import pytest
from fastapi.testclient import TestClient

from nlp_service.api import create_app
from nlp_service.settings import Settings

PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def client(analyzer):
    settings = Settings(max_chars=20_000, max_body_bytes=100_000)
    app = create_app(settings, loader=lambda: analyzer.with_settings(settings))
    with TestClient(app) as c:
        app.state.models.wait(30)
        yield c


def _problem(response, status):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert {"type", "title", "status", "detail"} <= body.keys() and body["status"] == status
    return body


def test_analyze_portal_page(client, portal_page):
    r = client.post("/v1/analyze", json={"text": portal_page, "title": None, "summary_sentences": 2})
    assert r.status_code == 200
    body = r.json()
    assert body["section"]["id"] == "chinh_tri_xa_hoi" and body["section"]["name"] == "Chính trị - Xã hội"
    assert isinstance(body["topics"], list)
    assert len(body["summary"]["sentences"]) == 2
    flat = " ".join(portal_page.split())
    for s in body["summary"]["sentences"]:
        assert " ".join(s["text"].split()) in flat and {"index", "text", "score"} <= s.keys()
    assert body["summary"]["text"].startswith(body["summary"]["sentences"][0]["text"])
    assert {"models", "characters", "sentences", "elapsed_ms"} <= body["meta"].keys()


def test_classify_and_summarize_shapes(client, sport_text):
    c = client.post("/v1/classify", json={"text": sport_text}).json()
    assert c["section"]["id"] == "the_thao" and c["topics"] == [] or isinstance(c["topics"], list)
    assert "summary" not in c
    s = client.post("/v1/summarize", json={"text": sport_text, "sentences": 1}).json()
    assert len(s["sentences"]) == 1 and s["text"] == s["sentences"][0]["text"] and "meta" in s


def test_summary_sentences_are_verbatim_for_nfd_input(client, sport_text):
    nfd = unicodedata.normalize("NFD", sport_text)
    s = client.post("/v1/summarize", json={"text": nfd}).json()
    for sentence in s["sentences"]:
        assert unicodedata.normalize("NFC", sentence["text"]) in unicodedata.normalize("NFC", sport_text)


def test_labels_lists_taxonomy(client):
    body = client.get("/v1/labels").json()
    assert len(body["sections"]) == 10 and len(body["topics"]) == 12
    assert {"id": "cai_cach_hanh_chinh", "name": "Cải cách hành chính"}.items() <= body["topics"][0].items()


def test_health_ready_and_docs(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").status_code == 200
    assert client.get("/docs").status_code == 200
    assert "/v1/analyze" in client.get("/openapi.json").json()["paths"]


@pytest.mark.parametrize(
    "body",
    [{}, {"text": ""}, {"text": "   "}, {"text": 123}, {"text": None}, {"text": ["a"]},
     {"text": "Một câu.", "summary_sentences": 0}, {"text": "Một câu.", "summary_sentences": 10_000},
     {"text": "Một câu.", "summary_sentences": "3"}, {"text": "Một câu.", "summary_sentences": True},
     {"text": "Một câu.", "title": 5}, {"text": "Một câu.", "unknown": 1}],
)
def test_bad_fields_are_422_problems(client, body):
    _problem(client.post("/v1/analyze", json=body), 422)


def test_body_that_is_not_an_object_is_422(client):
    _problem(client.post("/v1/analyze", json=["text"]), 422)


def test_malformed_json_is_400(client):
    _problem(client.post("/v1/analyze", content=b'{"text": "abc"', headers={"content-type": "application/json"}), 400)


def test_invalid_utf8_is_400_or_422(client):
    r = client.post("/v1/analyze", content=b'{"text": "\xff\xfe abc"}', headers={"content-type": "application/json"})
    assert r.status_code in (400, 422)
    _problem(r, r.status_code)


def test_non_json_body_is_415(client):
    _problem(client.post("/v1/analyze", content="text=abc", headers={"content-type": "text/plain"}), 415)
    _problem(client.post("/v1/summarize", data={"text": "abc"}), 415)


def test_text_over_the_limit_is_413(client):
    _problem(client.post("/v1/analyze", json={"text": "a" * 20_001}), 413)


def test_enormous_body_is_refused_before_parsing(client):
    _problem(client.post("/v1/analyze", content=b"x" * 200_000, headers={"content-type": "application/json"}), 413)


def test_unknown_route_and_wrong_method_are_problems(client):
    _problem(client.get("/v1/nothing"), 404)
    _problem(client.get("/v1/analyze"), 405)


def test_readyz_is_503_until_models_load_and_routes_say_so(analyzer):
    gate = threading.Event()

    def slow_loader():
        gate.wait(10)
        return analyzer

    app = create_app(Settings(), loader=slow_loader)
    with TestClient(app) as c:
        _problem(c.get("/readyz"), 503)
        assert c.get("/healthz").status_code == 200
        _problem(c.post("/v1/analyze", json={"text": "Một câu có nội dung."}), 503)
        gate.set()
        app.state.models.wait(10)
        assert c.get("/readyz").status_code == 200


def test_failed_load_is_reported_by_readyz():
    def broken():
        raise RuntimeError("disk gone")

    app = create_app(Settings(), loader=broken)
    with TestClient(app) as c:
        app.state.models.wait(10)
        assert "disk gone" in _problem(c.get("/readyz"), 503)["detail"]


def test_healthz_answers_while_a_long_article_is_analyzed(client):
    text = "\n".join(["Ủy ban nhân dân tỉnh họp bàn giải pháp tháo gỡ khó khăn cho doanh nghiệp và người lao động."] * 150)
    result = {}

    def long_call():
        result["r"] = client.post("/v1/analyze", json={"text": text})

    worker = threading.Thread(target=long_call)
    worker.start()
    time.sleep(0.05)
    health_during = client.get("/healthz")
    still_running = worker.is_alive()
    worker.join(60)
    assert health_during.status_code == 200
    assert result["r"].status_code == 200
    assert still_running, "the long analysis finished too fast to show anything"


def test_classify_returns_topics_with_evidence_and_all_scores_on_request(client, portal_page):
    body = client.post("/v1/classify", json={"text": portal_page, "all_scores": True}).json()
    assert body["topics"][0]["id"] == "cai_cach_hanh_chinh"
    assert {"id", "name", "score", "evidence"} <= body["topics"][0].keys()
    assert len(body["all_scores"]) == 12
    assert body["all_scores"]["cai_cach_hanh_chinh"] == body["topics"][0]["score"]
    plain = client.post("/v1/classify", json={"text": portal_page}).json()
    assert plain["all_scores"] is None and plain["topics"] == body["topics"]


def test_foreign_football_report_gets_no_topic(client):
    from tests.topics.test_model import FOREIGN_FOOTBALL

    body = client.post("/v1/analyze", json={"text": FOREIGN_FOOTBALL}).json()
    assert body["topics"] == [] and body["section"]["id"] == "the_thao"


def test_summarize_defaults_to_the_learned_model_and_three_sentences(client, portal_page):
    body = client.post("/v1/summarize", json={"text": portal_page}).json()
    assert body["method"] == "learned" and body["budget"] == "3 sentences" and len(body["sentences"]) == 3
    assert body["meta"]["models"]["summarizer"].startswith("learned")


def test_summarize_by_ratio_characters_and_unsupervised_method(client, portal_page):
    by_chars = client.post("/v1/summarize", json={"text": portal_page, "max_chars": 250}).json()
    assert by_chars["sentences"] and len(by_chars["text"]) <= 250
    by_ratio = client.post("/v1/summarize", json={"text": portal_page, "ratio": 1.0}).json()
    assert len(by_ratio["sentences"]) > 3 and by_ratio["budget"] == "1 of the sentences"
    v1 = client.post("/v1/summarize", json={"text": portal_page, "method": "unsupervised", "sentences": 2}).json()
    assert v1["method"] == "unsupervised" and len(v1["sentences"]) == 2
    analyzed = client.post("/v1/analyze", json={"text": portal_page, "summary_max_chars": 250,
                                                "summary_method": "unsupervised"}).json()
    assert analyzed["summary"]["method"] == "unsupervised" and len(analyzed["summary"]["text"]) <= 250


@pytest.mark.parametrize("body", [
    {"sentences": 2, "ratio": 0.5}, {"ratio": 0}, {"ratio": 1.5}, {"ratio": "0.5"}, {"max_chars": 0},
    {"max_chars": 100, "sentences": 1}, {"method": "abstractive"}, {"sentences": 0},
])
def test_bad_summary_budgets_and_methods_are_422(client, body):
    _problem(client.post("/v1/summarize", json={"text": "Một câu đủ dài để tóm tắt được.", **body}), 422)


def test_analyze_refuses_two_summary_budgets(client):
    _problem(client.post("/v1/analyze", json={"text": "Một câu.", "summary_sentences": 2, "summary_ratio": 0.5}), 422)


def test_the_sentence_limit_is_the_one_of_the_settings_given_to_create_app(analyzer, portal_page):
    # The global settings allow 20 sentences; this app allows 2, another one 25.
    for limit, asked, status in ((2, 3, 422), (25, 22, 200)):
        settings = Settings(max_chars=20_000, max_summary_sentences=limit)
        app = create_app(settings, loader=lambda s=settings: analyzer.with_settings(s))
        with TestClient(app) as c:
            app.state.models.wait(30)
            for path, field in (("/v1/summarize", "sentences"), ("/v1/analyze", "summary_sentences")):
                r = c.post(path, json={"text": portal_page, field: asked})
                if status == 422:
                    assert f"between 1 and {limit}" in _problem(r, 422)["detail"]
                else:
                    assert r.status_code == 200, r.text
