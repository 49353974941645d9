"""Analyses in worker processes: a pool of warm :class:`~nlp_service.pipeline.Analyzer` copies behind the
same calls, so CPU-bound work never holds the GIL of the process that serves HTTP.

Each process loads the models once, in the pool's initializer (spawned, never forked: the server process has
threads, and a fork would copy their locks mid-use). A call is sent as (method, arguments) and its result or
its library error comes back pickled (:meth:`nlp_service.errors.NlpServiceError.__reduce__`). ``deadline``
is a ``time.monotonic()`` instant, the same clock in every process of the machine.

A process that dies (out of memory, killed) breaks the whole pool: that call, and any others in flight, raise
:class:`AnalysisProcessLost` (503), and the pool is replaced at once, its processes loading the models
again in the background while later calls wait for them.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from nlp_service.errors import AnalysisProcessLost
from nlp_service.settings import Settings

log = logging.getLogger("nlp_service")
_analyzer = None  # the worker process's own Analyzer, set by start_worker
_failure: Exception | None = None  # why it could not load, raised by every call (an initializer that raised
# would only break the pool, and the reason would be lost to the parent)


def start_worker(settings: Settings, model_dir: str | Path | None = None, nice: int = 0) -> None:
    """A pool initializer: load this worker process's Analyzer once (the ``model_dir`` models, else the
    configured ones) and end the process with its parent. Serving and ``nlp-service batch --jobs`` share it."""
    global _analyzer, _failure
    from nlp_service.pipeline import Analyzer

    threading.Thread(target=_exit_with_parent, name="parent-watch", daemon=True).start()
    if nice and hasattr(os, "nice"):  # POSIX only
        os.nice(nice)
    try:
        _analyzer = Analyzer.load(model_dir, settings)
    except Exception as exc:  # noqa: BLE001 - raised again, with its reason, by the first call
        _failure = exc


def _exit_with_parent() -> None:
    """End this process when the server's ends, however it ended: a killed server leaves no orphans holding
    their models' memory."""
    multiprocessing.connection.wait([multiprocessing.parent_process().sentinel])
    os._exit(0)


def worker_analyzer():
    """The Analyzer that :func:`start_worker` loaded in this process (or why it could not load)."""
    if _failure is not None:
        raise _failure
    return _analyzer


def _call(method: str, args: tuple, kwargs: dict) -> Any:
    return getattr(worker_analyzer(), method)(*args, **kwargs)


def _hello() -> tuple[int, dict[str, str]]:
    return os.getpid(), worker_analyzer().versions


class AnalyzerProcesses:
    """``processes`` worker processes, each with the models of ``settings``; ``analyze``, ``analyze_many``,
    ``classify`` and ``summarize`` take the Analyzer's arguments and block the calling thread until done."""

    def __init__(self, settings: Settings, processes: int):
        self.settings = settings
        self.processes = processes
        self._lock = threading.Lock()
        self._pool = self._new_pool()
        self.versions = self._warm(self._pool)

    @classmethod
    def start(cls, settings: Settings, processes: int) -> AnalyzerProcesses:
        """Start the processes and return once every one has loaded its models (or raise why one could not)."""
        return cls(settings, processes)

    def _new_pool(self) -> ProcessPoolExecutor:
        # Niced: the server's event loop first, analyses with the CPU time it leaves.
        spawn = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.processes, mp_context=spawn, initializer=start_worker,
                                   initargs=(self.settings, None, self.settings.analysis_nice))

    def _warm(self, pool: ProcessPoolExecutor) -> dict[str, str]:
        """Make the pool start all its processes now, not at the first requests, and wait for their models.
        The pool starts a process for each call that finds none idle, so ``processes`` calls start them all."""
        hellos = [pool.submit(_hello) for _ in range(self.processes)]
        return [future.result() for future in hellos][0][1]

    def _run(self, method: str, *args: Any, **kwargs: Any) -> Any:
        pool = self._pool
        try:
            future = pool.submit(_call, method, args, kwargs)
        except BrokenProcessPool:  # a process died between calls, not in this one's work: run it on a new pool
            pool = self._replace(pool)
            future = pool.submit(_call, method, args, kwargs)
        try:
            return future.result()
        except BrokenProcessPool:
            self._replace(pool)
            raise AnalysisProcessLost("an analysis process stopped while it worked (out of memory or killed); "
                                      "it is being restarted; retry shortly") from None

    def _replace(self, broken: ProcessPoolExecutor) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is broken:  # else another call replaced it first
                log.warning("an analysis process stopped; starting %d new ones", self.processes)
                self._pool = self._new_pool()
                for _ in range(self.processes):  # start loading now, in the background
                    self._pool.submit(_hello)
                broken.shutdown(wait=False, cancel_futures=True)
            return self._pool

    def analyze(self, *args: Any, **kwargs: Any):
        return self._run("analyze", *args, **kwargs)

    def analyze_many(self, *args: Any, **kwargs: Any):
        return self._run("analyze_many", *args, **kwargs)

    def classify(self, *args: Any, **kwargs: Any):
        return self._run("classify", *args, **kwargs)

    def summarize(self, *args: Any, **kwargs: Any):
        return self._run("summarize", *args, **kwargs)

    def pids(self) -> list[int]:
        """The worker processes' ids (for tests and operators)."""
        return sorted(self._pool._processes)  # noqa: SLF001 - the executor keeps no public list

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
