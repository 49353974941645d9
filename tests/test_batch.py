"""Batches: worker processes and resumed runs write what one process writes, in input order."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from nlp_service import cli
from nlp_service.batch import BatchOptions, analyze_chunk, done_keys, numbered
from tests.newsroom import STORIES

runner = CliRunner()


def lines_of(count: int) -> list[str]:
    """``count`` JSONL lines of our stories, with a bad line, a blank one and an empty text among them."""
    lines = [json.dumps({"id": f"bai-{i}", "title": s.title, "text": s.text.format(n=i)}, ensure_ascii=False)
             for i, s in enumerate(STORIES * (count // len(STORIES) + 1))][:count]
    lines[3] = "{not json"
    lines[5] = ""
    lines[7] = json.dumps({"id": "trong", "text": "   "})
    return lines


def records(path) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "result" in record:
            record["result"]["meta"].pop("elapsed_ms")  # the one field that differs between runs
        out.append(record)
    return out


def test_two_worker_processes_write_what_one_process_writes(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines_of(40)) + "\n", encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first = runner.invoke(cli.app, ["batch", str(source), str(one)])
    second = runner.invoke(cli.app, ["batch", str(source), str(two), "--jobs", "2"])
    assert first.exit_code == 0 and second.exit_code == 0, second.output
    assert records(one) == records(two)
    assert [r["line"] for r in records(two)] == [n for n in range(1, 41) if n != 6]
    assert "line 4:" in second.output and "37 analyzed, 2 failed" in second.output


def test_resume_skips_what_is_written_and_mends_a_cut_last_line(tmp_path, analyzer):
    lines = lines_of(24)
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = analyze_chunk(analyzer, list(numbered(lines)), BatchOptions())
    # A run that stopped after ten records, in the middle of writing the eleventh.
    target.write_text("".join(o.json + "\n" for o in whole[:10]) + whole[10].json[:25], encoding="utf-8")
    result = runner.invoke(cli.app, ["batch", str(source), str(target), "--resume"])
    assert result.exit_code == 0, result.output
    assert "10 already in" in result.output
    expected = tmp_path / "expected.jsonl"
    expected.write_text("".join(o.json + "\n" for o in whole), encoding="utf-8")
    assert records(target) == records(expected)


def test_done_keys_name_records_by_id_else_line(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text('{"line": 1, "id": "a", "result": {}}\n{"line": 2, "error": "x"}\n{"line": 3, "id"', "utf-8")
    assert done_keys(target) == {("id", '"a"'), ("line", 2)}
    assert target.read_text("utf-8").endswith('"error": "x"}\n')
    assert done_keys(tmp_path / "missing.jsonl") == set()
