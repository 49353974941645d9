"""What operators watch: Prometheus metrics at ``/metrics``, one JSON log line per request, request ids.

Each app has its own :class:`prometheus_client.CollectorRegistry` (tests build many apps in one process).
A request keeps the ``X-Request-ID`` its client sent when it is a plain token (letters, digits, ``._:-``,
at most 128 characters), else gets a new one; either way the response carries it back, and every log
line written while the request runs names it (a :mod:`contextvars` variable read by a logging filter).
Log lines name the route and path, never the query string or headers (keys travel there).
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

from fastapi import FastAPI, Request
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    Info,
    disable_created_metrics,
    generate_latest,
)

disable_created_metrics()  # no *_created series beside every counter: they double a scrape for nothing
REQUEST_ID = contextvars.ContextVar("request_id", default=None)
_TOKEN = re.compile(r"[A-Za-z0-9._:-]{1,128}")
access_log = logging.getLogger("nlp_service.access")
# Latency buckets in seconds, from a health check (~1 ms) to a long article through every model (~10 s).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter("nlp_service_requests", "HTTP requests answered", ["method", "route", "status"],
                                registry=r)
        self.latency = Histogram("nlp_service_request_duration_seconds", "Time to answer a request",
                                 ["method", "route"], buckets=LATENCY_BUCKETS, registry=r)
        self.documents = Counter("nlp_service_documents_analyzed", "Documents analyzed", ["endpoint"], registry=r)
        self.characters = Counter("nlp_service_characters_analyzed", "Characters of the documents analyzed, as sent",
                                  ["endpoint"], registry=r)
        self.queue = Gauge("nlp_service_analysis_queue_depth",
                           "Analyses running or waiting for one of the NLP_SERVICE_WORKERS threads", registry=r)
        self.models = Info("nlp_service_models", "Versions of the loaded models", registry=r)
        self.store_errors = Counter("nlp_service_store_errors", "Article store operations that failed (503)",
                                    ["route"], registry=r)

    def analyzed(self, endpoint: str, characters: int) -> None:
        self.documents.labels(endpoint).inc()
        self.characters.labels(endpoint).inc(characters)


def request_id() -> str | None:
    """The id of the request being answered, in this context (None outside a request)."""
    return REQUEST_ID.get()


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, request id and any ``extra`` fields."""

    FIELDS = ("method", "route", "path", "status", "duration_ms", "client")

    def format(self, record: logging.LogRecord) -> str:
        line = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        rid = getattr(record, "request_id", None)
        if rid:
            line["request_id"] = rid
        for name in self.FIELDS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def log_config(level: str) -> dict:
    """A :func:`logging.config.dictConfig` for uvicorn: JSON lines on stderr for the service's own logger and
    uvicorn's, and uvicorn's access log off (the service writes its own, with the request id)."""
    level = level.upper()
    handler = {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"],
               "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"json": handler},
        "loggers": {
            "nlp_service": {"handlers": ["json"], "level": level, "propagate": False},
            "uvicorn": {"handlers": ["json"], "level": level, "propagate": False},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }


def route_of(request: Request) -> str:
    route = request.scope.get("route")
    return getattr(route, "path", None) or "unmatched"


def install(app: FastAPI, metrics: Metrics) -> None:
    """Request ids, the access log line and request metrics, around every request."""

    @app.middleware("http")
    async def observe(request: Request, call_next):
        sent = request.headers.get("x-request-id", "")
        rid = sent if _TOKEN.fullmatch(sent) else uuid.uuid4().hex
        token = REQUEST_ID.set(rid)
        started = time.perf_counter()
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
            response.headers["X-Request-ID"] = rid
            return response
        finally:
            elapsed = time.perf_counter() - started
            route = route_of(request)
            metrics.requests.labels(request.method, route, str(status)).inc()
            metrics.latency.labels(request.method, route).observe(elapsed)
            client = request.client.host if request.client else None
            access_log.info("%s %s %d", request.method, request.url.path, status, extra={
                "method": request.method, "route": route, "path": request.url.path, "status": status,
                "duration_ms": round(elapsed * 1000, 1), "client": client})
            REQUEST_ID.reset(token)

    @app.get("/metrics", include_in_schema=False)
    async def scrape(request: Request) -> Response:
        metrics.queue.set(request.app.state.analysis.admitted)  # running and waiting (api.admission)
        holder = request.app.state.models
        if holder.ready:
            metrics.models.info(holder.get().versions)
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)
