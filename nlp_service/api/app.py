"""Application factory: routes, problem+json handlers, background model loading, the article store."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI, Request

from nlp_service import __version__
from nlp_service.pipeline import Analyzer
from nlp_service.api import problems
from nlp_service.api.auth import ApiKeys
from nlp_service.api.routes import analyze, articles, classify, health, labels, stats, summarize
from nlp_service.api.state import ModelHolder
from nlp_service.settings import Settings, get_settings
from nlp_service.store import ArticleStore

# JSON escapes and markup can make a body several times longer than its text.
BODY_FACTOR = 8


def create_app(settings: Settings | None = None, loader: Callable[[], Analyzer] | None = None) -> FastAPI:
    settings = settings or get_settings()
    holder = ModelHolder(loader or (lambda: Analyzer.load(settings=settings)))
    api_keys = ApiKeys(settings.api_keys.get_secret_value() if settings.api_keys else None)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        holder.start()
        # Connect and migrate before serving; a store that cannot open stops the start-up with its reason.
        store = await anyio.to_thread.run_sync(lambda: ArticleStore.open(settings))
        app.state.store = store
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title="nlp_service",
        version=__version__,
        description="Section, public-affairs topics and extractive summary of Vietnamese articles.",
        lifespan=lifespan,
    )
    app.state.models = holder
    app.state.settings = settings
    app.state.api_keys = api_keys
    app.state.limiter = anyio.CapacityLimiter(settings.workers)
    problems.install(app)

    @app.middleware("http")
    async def refuse_huge_bodies(request: Request, call_next):
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > settings.max_chars * BODY_FACTOR:
            return problems.problem(413, f"the body has {int(length):,} bytes; the text limit is "
                                         f"{settings.max_chars:,} characters (NLP_SERVICE_MAX_CHARS)")
        return await call_next(request)

    for module in (analyze, classify, summarize, articles, stats, labels, health):
        app.include_router(module.router)
    return app
