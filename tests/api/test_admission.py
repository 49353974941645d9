"""Admission control: a full queue is a 503 with Retry-After at once, a deadline stops the work, and a stuck
store never takes an analysis worker."""

from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

from nlp_service.api import create_app
from nlp_service.errors import DeadlineExceeded
from nlp_service.settings import Settings
from tests.newsroom import KeywordAnalyzer

TEXT = "Ủy ban nhân dân huyện họp bàn kế hoạch cải cách hành chính năm nay với các xã."


class GatedAnalyzer(KeywordAnalyzer):
    """Holds every analysis until the test opens the gate."""

    def __init__(self):
        super().__init__()
        self.gate = threading.Event()
        self.entered = threading.Semaphore(0)

    def analyze(self, text, title=None, summary_sentences=3, *_, **__):
        self.entered.release()
        self.gate.wait(20)
        return super().analyze(text, title, summary_sentences)


def _app(tmp_path, models, **limits):
    settings = Settings(data_dir=tmp_path, workers=1, **limits)
    return create_app(settings, loader=lambda: models)


def test_beyond_the_queue_the_answer_is_503_with_retry_after_at_once(tmp_path):
    models = GatedAnalyzer()
    app = _app(tmp_path, models, analysis_queue=1, retry_after=3, queue_timeout=20)
    with TestClient(app, base_url="http://127.0.0.1") as client:  # keys off: the store answers loopback
        app.state.models.wait(10)
        answers = []
        posts = [threading.Thread(target=lambda: answers.append(client.post("/v1/articles", json={"text": TEXT})))
                 for _ in range(2)]  # one runs, one waits
        for post in posts:
            post.start()
        assert models.entered.acquire(timeout=10)
        deadline = time.monotonic() + 10
        while app.state.analysis.admitted < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        started = time.monotonic()
        refused = client.post("/v1/analyze", json={"text": TEXT})
        assert time.monotonic() - started < 2
        assert refused.status_code == 503 and refused.headers["retry-after"] == "3"
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert client.get("/healthz").status_code == 200
        models.gate.set()
        for post in posts:
            post.join(20)
        assert sorted(a.status_code for a in answers) == [201, 201]


def test_a_full_queue_refuses_analysis_before_reading_the_request_and_the_connection_goes_on(tmp_path):
    models = GatedAnalyzer()
    app = _app(tmp_path, models, analysis_queue=0, retry_after=4, queue_timeout=20)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        app.state.models.wait(10)
        running = threading.Thread(target=lambda: client.post("/v1/analyze", json={"text": TEXT}))
        running.start()
        assert models.entered.acquire(timeout=10)
        # An invalid body would be a 422 once parsed; while full it is never parsed, so the answer is the 503.
        for path in ("/v1/analyze", "/v1/classify", "/v1/summarize", "/v1/analyze/batch"):
            refused = client.post(path, json={"not": "a request"})
            assert refused.status_code == 503, (path, refused.text)
            assert refused.headers["retry-after"] == "4"
            assert refused.json()["title"] == "Service overloaded"
        assert client.post("/v1/articles", json={"text": TEXT}).status_code == 503  # after its key check
        assert client.get("/healthz").status_code == 200
        models.gate.set()
        running.join(20)
        assert client.post("/v1/analyze", json={"not": "a request"}).status_code == 422  # room again: parsed


def test_a_request_past_its_deadline_stops_at_the_next_stage(analyzer, tmp_path):
    with pytest.raises(DeadlineExceeded):
        analyzer.analyze(TEXT, deadline=time.monotonic() - 1)
    settings = Settings(data_dir=tmp_path, request_timeout=0.001)
    app = create_app(settings, loader=lambda: analyzer.with_settings(settings))
    with TestClient(app) as client:
        app.state.models.wait(30)
        response = client.post("/v1/analyze", json={"text": TEXT * 20})
    assert response.status_code in (503, 504), response.text
    assert response.headers["content-type"].startswith("application/problem+json")


def test_a_stuck_store_answers_503_in_time_and_analysis_goes_on(analyzer, tmp_path):
    app = _app(tmp_path, analyzer, db_statement_timeout=0.5, store_threads=2)
    release = threading.Event()
    with TestClient(app, base_url="http://127.0.0.1") as client:  # keys off: the store answers loopback
        app.state.models.wait(10)
        app.state.store.list = lambda query: release.wait(20)  # a frozen database
        try:
            for _ in range(3):  # more stuck calls than store slots, and than analysis workers
                started = time.monotonic()
                stuck = client.get("/v1/articles")
                assert stuck.status_code == 503 and "retry-after" in stuck.headers
                assert time.monotonic() - started < 3
            assert client.post("/v1/analyze", json={"text": TEXT}).status_code == 200  # the one worker is free
        finally:
            release.set()
