"""Every error as RFC 9457 problem details (``application/problem+json``), and how the OpenAPI document says so."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from nlp_service.errors import NlpServiceError

log = logging.getLogger("nlp_service")
PROBLEM = "application/problem+json"
_TITLES = {400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
           413: "Content too large", 415: "Unsupported media type", 422: "Invalid request", 500: "Internal error",
           503: "Service unavailable", 504: "Request took too long"}
_MEANINGS = {400: "malformed JSON, invalid UTF-8 or a malformed request", 401: "no or an unknown API key",
             403: "the key's role may not do this, or no keys are set and the request is not local",
             404: "no such article", 413: "body, text, title or sentence count over its limit",
             415: "the body is not JSON", 422: "a field is missing, mistyped or out of range",
             503: "models loading, analysis queue full or article store unavailable (see Retry-After)",
             504: "the request ran past NLP_SERVICE_REQUEST_TIMEOUT"}


class Problem(BaseModel):
    """RFC 9457 problem details; 422s from validation add ``errors``."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(examples=["about:blank"])
    title: str
    status: int = Field(ge=400, le=599)
    detail: str


def responses(*statuses: int) -> dict[int | str, dict]:
    """The ``responses=`` of a route that may answer with these problem statuses."""
    schema = {"$ref": "#/components/schemas/Problem"}
    out: dict[int | str, dict] = {}
    for status in statuses:
        entry: dict = {"description": _MEANINGS.get(status, _TITLES.get(status, "error")),
                       "content": {PROBLEM: {"schema": schema}}}
        if status == 503:
            entry["headers"] = {"Retry-After": {"schema": {"type": "integer"}, "description": "seconds to wait"}}
        out[status] = entry
    return out


def problem(status: int, detail: str, title: str | None = None, headers: dict | None = None, **extra) -> JSONResponse:
    body = {"type": "about:blank", "title": title or _TITLES.get(status, "Error"), "status": status, "detail": detail}
    body.update(extra)
    response = JSONResponse(body, status_code=status, media_type=PROBLEM)
    if headers:
        response.headers.update(headers)
    return response


def _retry_after(request: Request) -> dict[str, str]:
    return {"Retry-After": str(request.app.state.settings.retry_after)}


def _where(error: dict) -> str:
    return ".".join(str(part) for part in error.get("loc", ()) if part != "body") or "body"


async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    if any(e.get("type") in ("json_invalid", "json_type") for e in errors):
        return problem(400, "the body is not valid JSON (UTF-8): " + "; ".join(str(e.get("msg")) for e in errors))
    detail = "; ".join(f"{_where(e)}: {e.get('msg')}" for e in errors)
    clean = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors]
    return problem(422, detail, errors=clean)


async def library_problem(request: Request, exc: NlpServiceError) -> JSONResponse:
    """A library error as its problem; every 503 says when to retry."""
    return problem(exc.status, str(exc) or exc.title, exc.title, _retry_after(request) if exc.status == 503 else None)


def _allowed(request: Request, fallback: str) -> str:
    """Every method that some operation of this path takes, from the OpenAPI document (Starlette's own Allow
    names only the first route's, and /v1/articles has a GET route and a POST route)."""
    methods: set[str] = set()
    for path, operations in request.app.openapi()["paths"].items():
        if compile_path(path)[0].match(request.url.path):
            methods |= {method.upper() for method in operations}
    if "GET" in methods:
        methods.add("HEAD")
    return ", ".join(sorted(methods)) or fallback


async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = _allowed(request, headers.get("Allow", ""))
    if exc.status_code == 503:
        headers.update(_retry_after(request))
    return problem(exc.status_code, str(exc.detail), headers=headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The traceback, never the request: SQL parameters are hidden by the engines, bodies are not logged.
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    # The server drops the connection after an unhandled error; say so rather than cut it silently.
    return problem(500, "an unexpected error occurred; it has been logged", headers={"Connection": "close"})


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(NlpServiceError, library_problem)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)
