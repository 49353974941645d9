"""Admission control: a bounded queue in front of the analysis workers, deadlines, and store calls apart.

Analyses are CPU-bound; ``NLP_SERVICE_WORKERS`` of them run at once, each from a thread that hands it to an
analysis process (:mod:`nlp_service.processes`) or, with ``NLP_SERVICE_ANALYSIS_PROCESSES=false``, runs it.
At most ``NLP_SERVICE_ANALYSIS_QUEUE`` more requests may wait for one; a request beyond that is refused at once
with a 503 and ``Retry-After`` (:class:`Overloaded`), so latency stays bounded instead of growing with the
number of clients. A request that found no free worker within ``NLP_SERVICE_QUEUE_TIMEOUT`` is refused the same
way (so what an accepted request waits is bounded on a slow or busy machine too); one whose work overruns its
deadline (``NLP_SERVICE_REQUEST_TIMEOUT``, counted from its arrival) stops at the next stage boundary of the
:class:`~nlp_service.Analyzer` (:class:`DeadlineExceeded`, 504).

Store calls run in their own ``NLP_SERVICE_STORE_THREADS`` slots, never in the analysis workers', and each
answers within ``NLP_SERVICE_DB_STATEMENT_TIMEOUT``: a call that has not returned by then is abandoned (its
thread finishes or fails on its own; its slot stays taken until then, so a frozen database holds at most
that many threads) and the client gets a 503.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send

from nlp_service.api import problems
from nlp_service.errors import Overloaded, StoreUnavailable

T = TypeVar("T")


class AnalysisSlots:
    def __init__(self, workers: int, queue: int, timeout: float, queue_timeout: float | None = None):
        self._workers = anyio.CapacityLimiter(workers)
        self._threads = anyio.CapacityLimiter(workers)  # never waited on: a worker token is held first
        self.capacity = workers + queue
        self.timeout = timeout
        self.queue_timeout = min(timeout, queue_timeout or timeout)
        self.admitted = 0  # running or waiting; touched only on the event loop

    def refusal(self) -> Overloaded | None:
        """The 503 a request arriving now gets, or None while there is room."""
        if self.admitted < self.capacity:
            return None
        return Overloaded(f"all analysis workers are busy and {self.capacity - self._workers.total_tokens:.0f} "
                          "requests are waiting (NLP_SERVICE_ANALYSIS_QUEUE); retry after a moment")

    async def run(self, work: Callable[[float], T]) -> T:
        """``work(deadline)`` in a worker thread, ``deadline`` a ``time.monotonic()`` instant."""
        if refused := self.refusal():
            raise refused
        self.admitted += 1
        try:
            deadline = time.monotonic() + self.timeout
            with anyio.move_on_after(self.queue_timeout) as waiting:
                await self._workers.acquire()
            if waiting.cancelled_caught:
                raise Overloaded(f"no analysis worker came free within {self.queue_timeout:g} s "
                                 "(NLP_SERVICE_QUEUE_TIMEOUT); retry after a moment")
            try:
                return await anyio.to_thread.run_sync(work, deadline, limiter=self._threads)
            finally:
                self._workers.release()
        finally:
            self.admitted -= 1


class RefuseWhenFull:
    """Pure ASGI middleware: while the analysis queue is full, a POST to one of ``paths`` is refused before its
    body is parsed or validated. Under overload most requests are refusals; each then costs the event loop
    draining a body and writing one small problem, not a JSON parse, so /healthz and the accepted requests keep
    their share of it. (The route's own check in :meth:`AnalysisSlots.run` still holds for the rest.)"""

    def __init__(self, app: ASGIApp, slots: AnalysisSlots, paths: frozenset[str], retry_after: int):
        self.app = app
        self.slots = slots
        self.paths = paths
        self.headers = {"Retry-After": str(retry_after)}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        refused = None
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] in self.paths:
            refused = self.slots.refusal()
        if refused is None:
            await self.app(scope, receive, send)
            return
        while True:  # read the rest of the body (under the body limit) so the connection can carry the next request
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body"):
                break
        response = problems.problem(refused.status, str(refused), refused.title, self.headers)
        await response(scope, receive, send)


class StoreSlots:
    def __init__(self, slots: int, timeout: float):
        self._free = threading.Semaphore(slots)
        self.slots = slots
        self.timeout = timeout

    async def run(self, call: Callable[[], T], what: str = "answer") -> T:
        if not self._free.acquire(blocking=False):
            raise StoreUnavailable(f"the article store could not {what}: all {self.slots} store calls are still "
                                   "waiting for the database (NLP_SERVICE_STORE_THREADS); retry shortly")
        lock, state = threading.Lock(), {"started": False, "dropped": False}

        def guarded() -> T | None:
            with lock:
                if state["dropped"]:
                    return None
                state["started"] = True
            try:
                return call()
            finally:
                self._free.release()

        try:
            with anyio.fail_after(self.timeout):
                return await anyio.to_thread.run_sync(guarded, abandon_on_cancel=True)
        except TimeoutError:
            raise StoreUnavailable(f"the article store could not {what} within {self.timeout:g} s "
                                   "(NLP_SERVICE_DB_STATEMENT_TIMEOUT); nothing is acknowledged; retry") from None
        finally:
            with lock:
                if not state["started"]:
                    state["dropped"] = True
                    self._free.release()
