"""What operators see: /metrics (parsed with prometheus-client's own parser), request ids, JSON log lines,
CORS, `nlp-service --version`, and a real `nlp-service serve` whose log carries the client's request id."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import time

import httpx
import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from nlp_service.api import create_app
from nlp_service.api.observability import JsonFormatter, RequestIdFilter
from nlp_service.settings import Settings
from tests.ui.browser import free_port

TEXT = ("Sáng 12/3, UBND huyện Krông Pắc tổ chức hội nghị triển khai cải cách hành chính năm 2024. "
        "Bộ phận một cửa của huyện đã tiếp nhận hơn 3.000 hồ sơ, giải quyết đúng hạn 98%. "
        "Chủ tịch UBND huyện yêu cầu các phòng, ban tiếp tục đơn giản hóa thủ tục hành chính.")


@pytest.fixture(scope="module")
def client(analyzer, tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("obs"), cors_origins="https://cms.example.vn, https://toa-soan.vn",
                        analyze_batch_max_items=3)
    app = create_app(settings, loader=lambda: analyzer.with_settings(settings))
    with TestClient(app) as c:
        app.state.models.wait(60)
        yield c


def families(client) -> dict:
    r = client.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    return {f.name: f for f in text_string_to_metric_families(r.text)}


def sample(family, **labels) -> float:
    return sum(s.value for s in family.samples if all(s.labels.get(k) == v for k, v in labels.items())
               and s.name == family.name + "_total")


def test_metrics_count_requests_documents_characters_and_models(client, analyzer):
    before = families(client)
    docs0 = sample(before["nlp_service_documents_analyzed"], endpoint="/v1/analyze") \
        if "nlp_service_documents_analyzed" in before else 0
    for _ in range(2):
        assert client.post("/v1/analyze", json={"text": TEXT}).status_code == 200
    assert client.post("/v1/analyze", json={"text": "   "}).status_code == 422
    after = families(client)
    requests = after["nlp_service_requests"]
    assert sample(requests, route="/v1/analyze", status="200", method="POST") >= 2
    assert sample(requests, route="/v1/analyze", status="422") >= 1
    assert sample(after["nlp_service_documents_analyzed"], endpoint="/v1/analyze") - docs0 == 2
    assert sample(after["nlp_service_characters_analyzed"], endpoint="/v1/analyze") >= 2 * len(TEXT)
    latency = after["nlp_service_request_duration_seconds"]
    counts = [s for s in latency.samples if s.name.endswith("_count") and s.labels["route"] == "/v1/analyze"]
    assert counts and counts[0].value >= 3
    info = next(s for s in after["nlp_service_models_info"].samples)
    assert info.labels == analyzer.versions
    assert "nlp_service_analysis_queue_depth" in after and "nlp_service_store_errors" in after


def test_unmatched_paths_share_one_route_label(client):
    for n in range(3):
        client.get(f"/no-such-page-{n}")
    requests = families(client)["nlp_service_requests"]
    routes = {s.labels["route"] for s in requests.samples}
    assert "unmatched" in routes and not any(r.startswith("/no-such-page") for r in routes)


def test_request_id_is_honoured_or_made(client):
    r = client.get("/healthz", headers={"X-Request-ID": "cms-2024.03.12:0042"})
    assert r.headers["x-request-id"] == "cms-2024.03.12:0042"
    made = client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"}).headers["x-request-id"]
    assert made != "bad id\twith spaces" and len(made) == 32
    assert client.get("/healthz").headers["x-request-id"] != client.get("/healthz").headers["x-request-id"]
    # Refused requests carry one too.
    assert client.post("/v1/analyze", content="{", headers={"content-type": "application/json",
                                                             "X-Request-ID": "r-1"}).headers["x-request-id"] == "r-1"


def test_access_log_is_one_json_line_with_the_request_id(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("nlp_service.access")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        client.get("/v1/labels?secret=do-not-log", headers={"X-Request-ID": "dashboard-7"})
    finally:
        logger.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert len(lines) == 1
    line = lines[0]
    assert line["request_id"] == "dashboard-7" and line["status"] == 200 and line["route"] == "/v1/labels"
    assert line["method"] == "GET" and line["duration_ms"] >= 0 and "do-not-log" not in json.dumps(line)


def test_cors_allows_only_the_configured_origins(client):
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,authorization"}
    ok = client.options("/v1/analyze", headers={"Origin": "https://toa-soan.vn"} | preflight)
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == "https://toa-soan.vn"
    assert "authorization" in ok.headers["access-control-allow-headers"].lower()
    other = client.options("/v1/analyze", headers={"Origin": "https://evil.example"} | preflight)
    assert other.status_code == 400 and "access-control-allow-origin" not in other.headers
    simple = client.get("/healthz", headers={"Origin": "https://cms.example.vn"})
    assert simple.headers["access-control-allow-origin"] == "https://cms.example.vn"
    assert "x-request-id" in simple.headers["access-control-expose-headers"].lower()


def test_no_cors_headers_without_the_setting(analyzer, tmp_path):
    app = create_app(Settings(data_dir=tmp_path), loader=lambda: analyzer)
    with TestClient(app) as c:
        r = c.get("/healthz", headers={"Origin": "https://cms.example.vn"})
    assert "access-control-allow-origin" not in r.headers


def test_version_option():
    out = subprocess.run([sys.executable, "-m", "nlp_service.cli", "--version"], capture_output=True, text=True,
                         check=True)
    from nlp_service import __version__

    assert out.stdout.strip() == f"nlp-service {__version__}"


def test_serve_logs_json_lines_with_the_clients_request_id(tmp_path):
    port = free_port()
    env = os.environ | {"NLP_SERVICE_DATA_DIR": str(tmp_path), "NLP_SERVICE_PORT": str(port)}
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "nlp_service.cli", "serve"], stderr=log, stdout=log, env=env)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.5)
        r = httpx.post(f"http://127.0.0.1:{port}/v1/classify", json={"text": TEXT},
                       headers={"X-Request-ID": "newsroom-batch-17"}, timeout=60)
        assert r.status_code == 200 and r.headers["x-request-id"] == "newsroom-batch-17"
    finally:
        server.terminate()
        server.wait(30)
    lines = [json.loads(line) for line in (tmp_path / "serve.log").read_text(encoding="utf-8").splitlines()
             if line.startswith("{")]
    mine = [line for line in lines if line.get("request_id") == "newsroom-batch-17"]
    assert len(mine) == 1 and mine[0]["route"] == "/v1/classify" and mine[0]["status"] == 200
    assert any(line["message"].startswith("models loaded") for line in lines)
    assert all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
