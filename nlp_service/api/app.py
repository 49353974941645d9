"""Application factory: routes, problem+json handlers, limits, admission control, background model loading,
the article store, the pages, metrics, request ids and CORS."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from nlp_service import __version__
from nlp_service.api import access_log, observability, openapi, problems
from nlp_service.api.admission import AnalysisSlots, RefuseWhenFull, StoreSlots
from nlp_service.api.auth import ApiKeys, Proxies
from nlp_service.api.limits import BodyLimit
from nlp_service.api.routes import analyze, articles, classify, health, labels, me, stats, summarize
from nlp_service.api.state import ModelHolder
from nlp_service.errors import StoreUnavailable
from nlp_service.pipeline import Analyzer
from nlp_service.processes import AnalyzerProcesses
from nlp_service.settings import Settings, get_settings
from nlp_service.store import ArticleStore
from nlp_service.taxonomy import load_taxonomy
from nlp_service.ui import STATIC
from nlp_service.ui import router as ui_router


# The analysis routes anyone may call; POST /v1/articles checks its key first, then the queue.
ANALYSIS_PATHS = frozenset({"/v1/analyze", "/v1/analyze/batch", "/v1/classify", "/v1/summarize"})


def _loader(settings: Settings) -> Callable[[], Analyzer | AnalyzerProcesses]:
    if settings.analysis_processes:
        return lambda: AnalyzerProcesses.start(settings, settings.workers)
    return lambda: Analyzer.load(settings=settings)


def create_app(settings: Settings | None = None, loader: Callable[[], Analyzer] | None = None) -> FastAPI:
    settings = settings or get_settings()
    holder = ModelHolder(loader or _loader(settings))
    api_keys = ApiKeys(settings.api_keys.get_secret_value() if settings.api_keys else None)
    taxonomy = load_taxonomy(settings)
    metrics = observability.Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        holder.start()
        # Connect and migrate before serving; a store that cannot open stops the start-up with its reason.
        store = await anyio.to_thread.run_sync(lambda: ArticleStore.open(
            settings, topics=taxonomy.topics_by_id, sections=taxonomy.sections_by_id))
        app.state.store = store
        try:
            yield
        finally:
            store.close()
            holder.close()

    app = FastAPI(
        title="nlp_service",
        version=__version__,
        description="Section, public-affairs topics and extractive summary of Vietnamese articles.",
        lifespan=lifespan,
        docs_url=None,  # served by nlp_service.ui with the vendored Swagger UI and Redoc
        redoc_url=None,
    )
    app.state.models = holder
    app.state.settings = settings
    app.state.api_keys = api_keys
    app.state.taxonomy = taxonomy
    app.state.metrics = metrics
    app.state.proxies = Proxies(settings.trusted_proxies)
    app.state.analysis = AnalysisSlots(settings.workers, settings.analysis_queue, settings.request_timeout,
                                       settings.queue_timeout)
    app.state.store_calls = StoreSlots(settings.store_threads, settings.db_statement_timeout)
    problems.install(app)

    async def store_failed(request: Request, exc: StoreUnavailable):
        metrics.store_errors.labels(observability.route_of(request)).inc()
        return await problems.library_problem(request, exc)

    app.add_exception_handler(StoreUnavailable, store_failed)
    app.add_middleware(RefuseWhenFull, slots=app.state.analysis, paths=ANALYSIS_PATHS, retry_after=settings.retry_after)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    access_log.install(api_keys)

    observability.install(app, metrics)  # outside the body limit: a refused request has an id and a log line too
    if settings.cors_origin_list:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origin_list,
                           allow_methods=["GET", "POST", "PATCH", "DELETE"],
                           allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
                           expose_headers=["X-Request-ID", "Location"], max_age=600)

    for module in (analyze, classify, summarize, articles, stats, labels, me, health):
        app.include_router(module.router)
    app.include_router(ui_router)
    app.mount("/ui/static", StaticFiles(directory=STATIC), name="ui-static")
    openapi.install(app, settings)
    return app
