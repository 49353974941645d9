"""Shared route dependencies: the loaded analyzer, the article store, JSON-only bodies, work off the event loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio
from fastapi import HTTPException, Request

from nlp_service.pipeline import Analyzer
from nlp_service.store import ArticleStore

T = TypeVar("T")


def analyzer(request: Request) -> Analyzer:
    return request.app.state.models.get()


def require_json(request: Request) -> None:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json" and not media.endswith("+json"):
        raise HTTPException(415, f"send the body as application/json, not {media or 'no content type'}")


async def off_loop(request: Request, fn: Callable[[], T]) -> T:
    """Run CPU-bound analysis in a worker thread, so /healthz answers meanwhile."""
    return await anyio.to_thread.run_sync(fn, limiter=request.app.state.limiter)


def store(request: Request) -> ArticleStore:
    return request.app.state.store


async def in_thread(fn: Callable[[], T]) -> T:
    """Run a database call in a worker thread (anyio's default pool, not the analysis limiter)."""
    return await anyio.to_thread.run_sync(fn)
