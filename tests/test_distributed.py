"""Batches on a Dask cluster: two worker processes on loopback write what one process writes."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from nlp_service import cli
from tests.test_batch import lines_of, records

distributed = pytest.importorskip("distributed")
runner = CliRunner()


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as local:
        yield local


def test_a_batch_on_the_cluster_equals_the_single_process_run(tmp_path, cluster):
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines_of(50)) + "\n", encoding="utf-8")
    here, there = tmp_path / "here.jsonl", tmp_path / "there.jsonl"
    assert runner.invoke(cli.app, ["batch", str(source), str(here)]).exit_code == 0
    result = runner.invoke(cli.app, ["batch", str(source), str(there), "--dask", cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    assert records(here) == records(there)  # line for line, every field but elapsed_ms


def test_analyze_bag_maps_json_lines_to_records(cluster):
    import dask.bag as db

    from nlp_service.distributed import analyze_bag

    lines = lines_of(12)
    with distributed.Client(cluster.scheduler_address):
        out = analyze_bag(db.from_sequence(lines, npartitions=1), sentences=2).compute()
    # Line 4 is not JSON, line 6 is blank (no record), line 8 has an empty text.
    assert [r.get("id") for r in out] == ["bai-0", "bai-1", "bai-2", None, "bai-4", "bai-6", "trong", "bai-8",
                                           "bai-9", "bai-10", "bai-11"]
    assert "error" in out[3] and "error" in out[6]
    assert all(len(r["result"]["summary"]["sentences"]) <= 2 for r in out if "result" in r)
