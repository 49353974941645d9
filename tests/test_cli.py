import json

from typer.testing import CliRunner

from nlp_service import cli

runner = CliRunner()


def test_analyze_file_as_json(tmp_path, portal_page):
    page = tmp_path / "page.txt"
    page.write_text(portal_page, encoding="utf-8")
    result = runner.invoke(cli.app, ["analyze", str(page), "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["section"]["id"] == "chinh_tri_xa_hoi" and len(body["summary"]["sentences"]) == 3


def test_analyze_stdin_human_output(sport_text):
    result = runner.invoke(cli.app, ["analyze", "-"], input=sport_text)
    assert result.exit_code == 0, result.output
    assert "Thể thao" in result.stdout and "Summary" in result.stdout


def test_analyze_empty_input_is_a_clear_error():
    result = runner.invoke(cli.app, ["analyze", "-"], input="   ")
    assert result.exit_code == 1
    assert "No article text" in result.output and "Traceback" not in result.output


def test_analyze_missing_file_is_a_clear_error(tmp_path):
    result = runner.invoke(cli.app, ["analyze", str(tmp_path / "none.txt")])
    assert result.exit_code == 2 and "cannot read" in result.output


def test_batch_keeps_going_past_bad_lines(tmp_path, sport_text):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    lines = [json.dumps({"id": "a1", "text": sport_text}, ensure_ascii=False), "{not json", json.dumps({"text": 5}),
             "", json.dumps({"id": "a4", "text": "   "}), json.dumps({"id": "a5", "text": sport_text, "title": "Bóng đá"},
                                                                    ensure_ascii=False)]
    source.write_text("\n".join(lines), encoding="utf-8")
    result = runner.invoke(cli.app, ["batch", str(source), str(target)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in out] == [1, 2, 3, 5, 6]
    assert out[0]["id"] == "a1" and out[0]["result"]["section"]["id"] == "the_thao"
    assert "error" in out[1] and "error" in out[2] and "error" in out[3] and out[3]["id"] == "a4"
    assert out[4]["result"]["section"]["id"] == "the_thao"
    assert "line 2" in result.output and "3 failed" in result.output


def test_batch_over_the_limit_is_refused(tmp_path, monkeypatch):
    from nlp_service.settings import Settings

    monkeypatch.setattr(cli, "get_settings", lambda: Settings(batch_max_items=2))
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps({"text": f"Câu số {i}."}) for i in range(3)), encoding="utf-8")
    result = runner.invoke(cli.app, ["batch", str(source), str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2 and "limit" in result.output


def test_serve_help_lists_options():
    result = runner.invoke(cli.app, ["serve", "--help"])
    assert result.exit_code == 0 and "--port" in result.stdout and "--workers" in result.stdout


def test_train_topics_then_serve_it_through_the_settings(tmp_path, monkeypatch):
    from tests.topics.test_train import _corpus, _write

    data = _write(tmp_path / "mine.jsonl", _corpus())
    result = runner.invoke(cli.app, ["train", "topics", "--data", str(data), "--out", str(tmp_path / "model")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "model" / "card.json").exists()
    monkeypatch.setenv("NLP_SERVICE_TOPICS_MODEL", str(tmp_path / "model"))
    from nlp_service.settings import get_settings

    get_settings.cache_clear()
    try:
        out = runner.invoke(cli.app, ["analyze", "-", "--json"],
                            input="Cảnh sát giao thông xử phạt nhiều xe vi phạm nồng độ cồn trên quốc lộ.")
        assert out.exit_code == 0, out.output
        assert [t["id"] for t in json.loads(out.stdout)["topics"]][:1] == ["giao_thong"]
    finally:
        get_settings.cache_clear()


def test_train_topics_on_a_bad_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    result = runner.invoke(cli.app, ["train", "topics", "--data", str(bad), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2 and "not JSON" in result.output and "Traceback" not in result.output


def test_serve_refuses_a_public_address_without_keys(monkeypatch):
    from nlp_service.settings import Settings

    monkeypatch.setattr(cli, "get_settings", lambda: Settings())
    result = runner.invoke(cli.app, ["serve", "--host", "0.0.0.0", "--port", "8765"])
    assert result.exit_code == 2 and "without API keys" in result.output


def test_serve_refuses_malformed_keys_without_printing_them(monkeypatch):
    from nlp_service.settings import Settings

    monkeypatch.setattr(cli, "get_settings", lambda: Settings(api_keys="khoa-rieng-9a8b:superuser"))
    result = runner.invoke(cli.app, ["serve"])
    assert result.exit_code == 2 and "NLP_SERVICE_API_KEYS entry 1" in result.output
    assert "khoa-rieng-9a8b" not in result.output


def test_export_corrections_writes_topic_training_lines(tmp_path, monkeypatch):
    from nlp_service.settings import Settings
    from nlp_service.store import ArticleIn, ArticleStore, LabelCorrection
    from tests.newsroom import KeywordAnalyzer, article

    settings = Settings(data_dir=tmp_path / "data")
    store = ArticleStore.open(settings)
    keywords = KeywordAnalyzer()
    ids = [store.ingest(ArticleIn.model_validate(article(i)), keywords).article.id for i in range(4)]
    store.correct(ids[1], LabelCorrection(topics=["chuyen_doi_so", "cai_cach_hanh_chinh"]), "key:aaaa")
    store.correct(ids[3], LabelCorrection(topics=[]), "key:bbbb")  # "no topic" is an example too
    store.correct(ids[2], LabelCorrection(section="phap_luat"), "key:cccc")  # section only: not a topic example
    store.close()

    monkeypatch.setattr(cli, "get_settings", lambda: settings)
    target = tmp_path / "corrections.jsonl"
    result = runner.invoke(cli.app, ["export-corrections", str(target)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [(line["id"], line["topics"]) for line in lines] == [
        (ids[1], ["cai_cach_hanh_chinh", "chuyen_doi_so"]), (ids[3], [])]
    assert lines[0]["text"] == article(1)["text"] and lines[0]["editor"] == "key:aaaa"
    assert all(isinstance(line["text"], str) and line["text"].strip() for line in lines)
    assert "2 corrected articles" in result.output
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".corrections")] == []


def test_export_corrections_to_an_unwritable_place_is_a_clear_error(tmp_path, monkeypatch):
    from nlp_service.settings import Settings
    from nlp_service.store import ArticleStore

    settings = Settings(data_dir=tmp_path / "data")
    ArticleStore.open(settings).close()
    monkeypatch.setattr(cli, "get_settings", lambda: settings)
    result = runner.invoke(cli.app, ["export-corrections", str(tmp_path / "no" / "such" / "dir" / "out.jsonl")])
    assert result.exit_code == 2 and "cannot export" in result.output and "Traceback" not in result.output


def test_analyze_with_a_character_budget_and_the_unsupervised_method(tmp_path, portal_page):
    page = tmp_path / "page.txt"
    page.write_text(portal_page, encoding="utf-8")
    result = runner.invoke(cli.app, ["analyze", str(page), "--json", "--max-chars", "250", "--method", "unsupervised"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["summary"]
    assert summary["method"] == "unsupervised" and summary["sentences"] and len(summary["text"]) <= 250


def test_two_budgets_are_a_clear_error(tmp_path, sport_text):
    result = runner.invoke(cli.app, ["analyze", "-", "--sentences", "2", "--ratio", "0.5"], input=sport_text)
    assert result.exit_code == 1 and "one summary budget" in result.output and "Traceback" not in result.output
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": sport_text}) + "\n", encoding="utf-8")
    result = runner.invoke(cli.app, ["batch", str(source), str(tmp_path / "out.jsonl"), "--ratio", "0.5",
                                     "--max-chars", "100"])
    assert result.exit_code == 2 and "one summary budget" in result.output


def test_export_corrections_without_a_store_says_where_it_looked_and_makes_none(tmp_path, monkeypatch):
    from nlp_service.settings import Settings

    monkeypatch.setattr(cli, "get_settings", lambda: Settings(data_dir=tmp_path / "elsewhere"))
    result = runner.invoke(cli.app, ["export-corrections", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2 and "no article store" in result.output and "NLP_SERVICE_DATA_DIR" in result.output
    assert not (tmp_path / "elsewhere").exists() and not (tmp_path / "out.jsonl").exists()


def test_train_topics_help_keeps_the_brackets():
    result = runner.invoke(cli.app, ["train", "topics", "--help"], env={"COLUMNS": "200", "TERM": "dumb"})
    assert result.exit_code == 0 and '"topics": [id, ...]' in result.output


def test_serve_with_a_missing_model_directory_exits_at_once_saying_which(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    missing = tmp_path / "section-removed"
    env = {**os.environ, "NLP_SERVICE_SECTION_MODEL": str(missing), "NLP_SERVICE_DATA_DIR": str(tmp_path / "data"),
           "PYTHONPATH": str(Path(cli.__file__).resolve().parent.parent)}
    # A timeout, not a time check: a serve that binds instead would run until killed.
    done = subprocess.run([sys.executable, "-m", "nlp_service.cli", "serve", "--port", "1"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(missing) in lines[0] and "model" in lines[0]


def test_serve_with_a_corrupt_model_exits_naming_it(tmp_path, monkeypatch):
    import shutil

    from nlp_service.settings import SHIPPED_MODELS, Settings

    shutil.copytree(SHIPPED_MODELS / "topics", tmp_path / "topics")
    artifact = tmp_path / "topics" / "model.joblib"
    data = bytearray(artifact.read_bytes())
    data[len(data) // 2] ^= 0xFF
    artifact.write_bytes(bytes(data))
    monkeypatch.setattr(cli, "get_settings", lambda: Settings(topics_model=tmp_path / "topics"))
    result = runner.invoke(cli.app, ["serve", "--port", "1"])
    assert result.exit_code == 2
    assert str(artifact) in result.output and "SHA-256" in result.output
