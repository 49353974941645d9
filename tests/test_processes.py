"""Analyses in worker processes: the same answers as in-process, errors whole, a dead process replaced."""

from __future__ import annotations

import os
import signal
import time

import pytest

from nlp_service.errors import AnalysisProcessLost, DeadlineExceeded, ModelIntegrityError, TextTooLong
from nlp_service.processes import AnalyzerProcesses
from nlp_service.settings import Settings

from tests.conftest import SPORT_TEXT

LIMITS = {"max_chars": 20_000}


@pytest.fixture(scope="module")
def processes():
    pool = AnalyzerProcesses.start(Settings(**LIMITS), 1)
    yield pool
    pool.close()


def _timeless(result):
    """A result without its elapsed time, the one field two runs may not share."""
    if isinstance(result, list):
        return [_timeless(item) for item in result]
    if not hasattr(result, "meta"):
        return repr(result)  # an item's error
    return result.model_dump(exclude={"meta": {"elapsed_ms"}})


def test_answers_are_those_of_the_analyzer_in_this_process(processes, analyzer, portal_page):
    local = analyzer.with_settings(Settings(**LIMITS))
    assert processes.versions == local.versions
    analyzed = processes.analyze(portal_page, None, 2, True)
    assert _timeless(analyzed) == _timeless(local.analyze(portal_page, None, 2, True))
    assert _timeless(processes.classify(SPORT_TEXT, "Bóng đá")) == _timeless(local.classify(SPORT_TEXT, "Bóng đá"))
    assert _timeless(processes.summarize(portal_page, None, 1)) == _timeless(local.summarize(portal_page, None, 1))
    items = [SPORT_TEXT, (portal_page, "Cải cách hành chính"), ""]
    many = processes.analyze_many(items, 1)
    assert _timeless(many) == _timeless(local.analyze_many(items, 1))
    assert many[0].topics is not None and many[1].summary.sentences and type(many[2]).__name__ == "EmptyText"


def test_library_errors_come_back_with_their_attributes(processes):
    with pytest.raises(TextTooLong) as caught:
        processes.analyze("Có. " * 6_000)
    assert (caught.value.length, caught.value.limit, caught.value.status) == (23_999, 20_000, 413)  # stripped
    # The deadline is a monotonic instant of this process; the worker reads the same clock.
    with pytest.raises(DeadlineExceeded):
        processes.analyze(SPORT_TEXT, deadline=time.monotonic() - 1)


def test_the_work_runs_in_another_process(processes):
    assert processes.pids() and os.getpid() not in processes.pids()


def test_a_process_killed_between_calls_is_replaced_and_the_next_call_answers():
    pool = AnalyzerProcesses.start(Settings(), 1)
    try:
        (first,) = pool.pids()
        os.kill(first, signal.SIGKILL)
        time.sleep(0.5)  # the executor notices the death on its own thread
        assert pool.classify(SPORT_TEXT).section.id == "the_thao"
        assert first not in pool.pids()
    finally:
        pool.close()


class _DiesWhenUnpickled:
    """An argument that ends the worker process as it unpickles the call: a death in the middle of this very
    call, as an out-of-memory kill would be, without racing a timer."""

    def __reduce__(self):
        return os._exit, (3,)


def test_a_process_that_dies_in_a_call_is_a_503_for_that_call_and_the_pool_recovers():
    pool = AnalyzerProcesses.start(Settings(), 1)
    try:
        (first,) = pool.pids()
        with pytest.raises(AnalysisProcessLost) as caught:
            pool.analyze(SPORT_TEXT, _DiesWhenUnpickled())
        assert caught.value.status == 503
        assert pool.classify(SPORT_TEXT).section.id == "the_thao"
        assert first not in pool.pids()
    finally:
        pool.close()


def test_models_that_cannot_load_stop_the_start_with_their_reason(tmp_path):
    with pytest.raises(ModelIntegrityError, match="card"):
        AnalyzerProcesses.start(Settings(section_model=tmp_path), 1)


def test_the_service_analyzes_in_its_worker_processes_and_stops_them_on_shutdown(tmp_path):
    from fastapi.testclient import TestClient

    from nlp_service.api.app import create_app

    app = create_app(Settings(data_dir=tmp_path, workers=1))  # analysis_processes is the default
    with TestClient(app) as client:
        app.state.models.wait(60)
        assert client.get("/readyz").status_code == 200
        answer = client.post("/v1/analyze", json={"text": SPORT_TEXT})
        assert answer.status_code == 200 and answer.json()["section"]["id"] == "the_thao"
        too_long = client.post("/v1/analyze", json={"text": "Có. " * 30_000})
        assert too_long.status_code == 413 and too_long.headers["content-type"] == "application/problem+json"
        pool = app.state.models.get()
        (pid,) = pool.pids()
        assert pid != os.getpid()
    with pytest.raises(ProcessLookupError):  # gone with the service
        os.kill(pid, 0)


PARENT = """
from nlp_service.processes import AnalyzerProcesses
from nlp_service.settings import Settings

if __name__ == "__main__":
    pool = AnalyzerProcesses.start(Settings(), 1)
    print(*pool.pids(), flush=True)
    input()  # until killed
"""


def test_the_analysis_processes_end_when_the_server_is_killed(tmp_path):
    import subprocess
    import sys

    script = tmp_path / "parent.py"
    script.write_text(PARENT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    try:
        (child,) = map(int, parent.stdout.readline().split())
        os.kill(child, 0)  # running
        parent.kill()
        parent.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(child, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            os.kill(child, signal.SIGKILL)
            pytest.fail("the analysis process outlived its killed parent")
    finally:
        parent.kill()
