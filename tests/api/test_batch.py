"""POST /v1/analyze/batch: each item its result or its own problem, at most a setting's number of items."""

import pytest
from fastapi.testclient import TestClient

from nlp_service.api import create_app
from nlp_service.settings import Settings

ONE = "Sáng 12/3, UBND huyện tổ chức hội nghị tổng kết công tác cải cách hành chính và chuyển đổi số năm 2023."
TWO = "Đội tuyển bóng đá Việt Nam thắng 2-1 trong trận chung kết, tiền đạo ghi bàn ở phút 85."


@pytest.fixture(scope="module")
def client(analyzer, tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("batch"), analyze_batch_max_items=4, max_chars=2_000)
    app = create_app(settings, loader=lambda: analyzer.with_settings(settings))
    with TestClient(app) as c:
        app.state.models.wait(60)
        yield c


def test_each_item_gets_its_result_or_its_own_problem(client, analyzer):
    r = client.post("/v1/analyze/batch", json={"items": [
        {"id": "a1", "text": ONE}, {"id": 7, "text": "   "}, {"text": 5}, {"id": "b2", "text": TWO, "title": "Chung kết"},
    ], "summary_sentences": 1})
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["analyzed"], body["failed"]) == (2, 2)
    first, blank, wrong, last = body["items"]
    assert [i["index"] for i in body["items"]] == [0, 1, 2, 3]
    assert first["id"] == "a1" and first["problem"] is None
    assert first["result"] == analyzer.analyze(ONE, None, 1).model_dump(mode="json") | {"meta": first["result"]["meta"]}
    assert blank["id"] == 7 and blank["result"] is None and blank["problem"]["status"] == 422
    assert wrong["problem"]["status"] == 422 and "text" in wrong["problem"]["detail"]
    assert last["id"] == "b2" and last["result"]["section"]["id"] == "the_thao"


def test_an_item_over_the_length_limit_is_its_own_413(client):
    r = client.post("/v1/analyze/batch", json={"items": [{"text": "Chữ " * 600}, {"text": ONE}]})
    items = r.json()["items"]
    assert r.status_code == 200 and items[0]["problem"]["status"] == 413 and items[1]["result"] is not None


@pytest.mark.parametrize("body", [{"items": []}, {"items": [{"text": ONE}] * 5}, {"items": "nope"},
                                  {"items": [{"text": ONE}], "summary_sentences": 2, "summary_ratio": 0.5}])
def test_a_bad_batch_as_a_whole_is_one_422(client, body):
    r = client.post("/v1/analyze/batch", json=body)
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")


def test_the_limit_is_named_in_the_problem(client):
    r = client.post("/v1/analyze/batch", json={"items": [{"text": ONE}] * 5})
    assert "NLP_SERVICE_ANALYZE_BATCH_MAX_ITEMS" in r.json()["detail"]
