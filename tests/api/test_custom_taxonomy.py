"""A taxonomy trained from a 40-line file with names, served end to end: `nlp-service train topics`, then
NLP_SERVICE_TOPICS_MODEL → /v1/labels, ingest, list filter, PATCH, stats, the review queue and the editor page."""

from __future__ import annotations

import httpx
import pytest
from typer.testing import CliRunner

from nlp_service.cli import app as cli
from nlp_service.api import create_app
from nlp_service.pipeline import Analyzer
from nlp_service.settings import Settings
from nlp_service.topics.model import TopicModel
from tests.topics.custom_taxonomy import NAMES, write_training_file
from tests.ui.browser import chromium, live_server

EDITOR = "bientap-custom-4e8a"
AS_EDITOR = {"Authorization": f"Bearer {EDITOR}"}
TRAFFIC = ("Sáng nay, cảnh sát giao thông huyện phối hợp công an xã xử phạt 27 trường hợp vi phạm nồng độ cồn "
           "khi điều khiển xe máy trên quốc lộ 14. Tai nạn giao thông trên địa bàn giảm rõ rệt.")


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("custom")
    result = CliRunner().invoke(cli, ["train", "topics", "--data", str(write_training_file(folder / "my.jsonl")),
                                      "--out", str(folder / "my-topics")])
    assert result.exit_code == 0, result.output
    return folder / "my-topics", result.output


@pytest.fixture(scope="module")
def site(trained, analyzer, tmp_path_factory):
    settings = Settings(topics_model=trained[0], data_dir=tmp_path_factory.mktemp("custom-store"),
                        api_keys=f"{EDITOR}:editor")
    # The shipped section model and summarizer, already loaded, beside the custom topics model loaded from its
    # directory (tests/test_cli.py loads a custom model through Analyzer.load and the settings).
    custom = Analyzer(analyzer.section, TopicModel.from_dir(trained[0]), settings, analyzer.summarizers)
    app = create_app(settings, loader=lambda: custom)
    with live_server(app, timeout=120) as url, httpx.Client(base_url=url, headers=AS_EDITOR, timeout=60) as client:
        yield url, client


def test_training_prints_held_out_scores_per_topic_with_names(trained):
    _, output = trained
    assert "held-out scores" in output
    for topic, (name, _) in NAMES.items():
        row = next(line for line in output.splitlines() if line.startswith(topic + " "))
        assert name in row and len(row.split()) >= 6


def test_labels_ingest_filter_patch_and_stats_follow_the_custom_model(site):
    url, client = site
    labels = client.get("/v1/labels").json()
    assert {t["id"]: t["name"] for t in labels["topics"]} == {t: n for t, (n, _) in NAMES.items()}
    assert all(t["threshold"] is not None and t["description"] for t in labels["topics"])

    saved = client.post("/v1/articles", json={"text": TRAFFIC, "published_at": "2024-05-06T09:00:00+07:00",
                                              "source": "huyen.gov.vn"})
    assert saved.status_code == 201, saved.text
    article = saved.json()
    assert [t["id"] for t in article["topics"]] == ["giao_thong"] and article["topics"][0]["name"] == "Giao thông"
    assert article["models"]["topics"].startswith(client.get("/readyz").json()["models"]["topics"])

    listed = client.get("/v1/articles", params={"topic": "giao_thong"}).json()["items"]
    assert [a["id"] for a in listed] == [article["id"]]
    shipped = client.get("/v1/articles", params={"topic": "cai_cach_hanh_chinh"})
    assert shipped.status_code == 422 and "unknown topic" in shipped.json()["detail"]

    patched = client.patch(f"/v1/articles/{article['id']}/labels", json={"topics": ["giao_thong", "le_hoi"]})
    assert patched.status_code == 200, patched.text
    assert {t["id"]: t["name"] for t in patched.json()["topics"]} == {"giao_thong": "Giao thông", "le_hoi": "Lễ hội"}
    assert client.patch(f"/v1/articles/{article['id']}/labels", json={"topics": ["y_te"]}).status_code == 422

    stats = client.get("/v1/stats/topics", params={"interval": "month", "topic": "le_hoi"}).json()
    assert stats["totals"] == {"le_hoi": 1}
    csv = client.get("/v1/stats/topics", params={"interval": "month", "format": "csv"}).text.splitlines()
    assert csv == ["start,giao_thong,le_hoi", "2024-05-01T00:00:00+07:00,1,1"]


def test_two_trainings_on_one_day_get_different_versions(trained, tmp_path):
    lines = write_training_file(tmp_path / "other.jsonl").read_text(encoding="utf-8").splitlines()
    (tmp_path / "other.jsonl").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # one document fewer
    result = CliRunner().invoke(cli, ["train", "topics", "--data", str(tmp_path / "other.jsonl"),
                                      "--out", str(tmp_path / "other")])
    assert result.exit_code == 0, result.output
    import json

    first = json.loads((trained[0] / "card.json").read_text(encoding="utf-8"))["version"]
    second = json.loads((tmp_path / "other" / "card.json").read_text(encoding="utf-8"))["version"]
    assert first != second and first[:10] == second[:10]


def test_editor_page_shows_and_saves_the_custom_topics(site):
    url, client = site
    article_id = client.post("/v1/articles", json={"text": TRAFFIC.replace("27", "31")}).json()["id"]
    with chromium() as browser:
        page = browser.new_page()
        page.goto(url + "/ui/")
        page.fill("#api-key", EDITOR)
        page.click("#auth button")
        page.goto(url + f"/ui/?article={article_id}")
        page.wait_for_selector("#topics li")
        names = page.eval_on_selector_all("#topics li label", "els => els.map(e => e.textContent)")
        assert sorted(n.split(". ", 1)[-1] for n in names) == sorted(n for n, _ in NAMES.values())
        assert page.is_checked("#topic-giao_thong")
        page.check("#topic-truong_hoc")
        page.click("#save")
        page.wait_for_selector("#history tr td")
    stored = client.get(f"/v1/articles/{article_id}").json()
    assert {t["id"] for t in stored["topics"]} == {"giao_thong", "truong_hoc"}
