"""Shared route dependencies: the loaded analyzer, the article store, JSON-only bodies, work off the event loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from fastapi import HTTPException, Request

from nlp_service.api.observability import route_of
from nlp_service.batch_items import BatchResult
from nlp_service.pipeline import Analyzer
from nlp_service.store import ArticleStore, SaveResult

T = TypeVar("T")


def analyzer(request: Request) -> Analyzer:
    return request.app.state.models.get()


def require_json(request: Request) -> None:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json" and not media.endswith("+json"):
        raise HTTPException(415, f"send the body as application/json, not {media or 'no content type'}")


async def off_loop(request: Request, fn: Callable[[float], T]) -> T:
    """Run CPU-bound analysis ``fn(deadline)`` in an analysis worker (admission control: api.admission),
    so /healthz answers meanwhile; count what it analyzed."""
    result = await request.app.state.analysis.run(fn)
    metrics, endpoint = request.app.state.metrics, route_of(request)
    if isinstance(result, BatchResult):
        for item in result.items:
            if item.result is not None:
                metrics.analyzed(endpoint, item.result.meta.characters)
    elif isinstance(result, SaveResult):
        metrics.analyzed(endpoint, len(result.article.text))
    elif hasattr(result, "meta"):
        metrics.analyzed(endpoint, result.meta.characters)
    return result


def store(request: Request) -> ArticleStore:
    return request.app.state.store


async def in_thread(request: Request, fn: Callable[[], T], what: str = "answer") -> T:
    """Run a database call in a store slot (never an analysis worker's), within the statement timeout."""
    return await request.app.state.store_calls.run(fn, what)


REPEATABLE = frozenset({"topic"})  # stats take several topics as topic=a&topic=b


def single_valued_query(request: Request) -> None:
    """Every other query parameter of these routes takes one value; a repeated one is refused, not cut to its
    last. (A list query takes ``topic`` once.)"""
    keys = [key for key, _ in request.query_params.multi_items()]
    repeatable = REPEATABLE if request.url.path.startswith("/v1/stats/") else frozenset()
    repeated = sorted({key for key in keys if keys.count(key) > 1 and key not in repeatable})
    if repeated:
        raise HTTPException(422, f"query parameters given more than once: {', '.join(repeated)}")
