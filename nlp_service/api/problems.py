"""Every error as RFC 9457 problem details (``application/problem+json``)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from nlp_service.errors import NlpServiceError

log = logging.getLogger("nlp_service")
PROBLEM = "application/problem+json"
_TITLES = {400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
           413: "Content too large", 415: "Unsupported media type", 422: "Invalid request", 500: "Internal error",
           503: "Service unavailable"}


def problem(status: int, detail: str, title: str | None = None, **extra) -> JSONResponse:
    body = {"type": "about:blank", "title": title or _TITLES.get(status, "Error"), "status": status, "detail": detail}
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def _where(error: dict) -> str:
    return ".".join(str(part) for part in error.get("loc", ()) if part != "body") or "body"


async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    if any(e.get("type") in ("json_invalid", "json_type") for e in errors):
        return problem(400, "the body is not valid JSON (UTF-8): " + "; ".join(str(e.get("msg")) for e in errors))
    detail = "; ".join(f"{_where(e)}: {e.get('msg')}" for e in errors)
    clean = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors]
    return problem(422, detail, errors=clean)


async def _library(request: Request, exc: NlpServiceError) -> JSONResponse:
    return problem(exc.status, str(exc) or exc.title, exc.title)


async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    response = problem(exc.status_code, str(exc.detail))
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem(500, "an unexpected error occurred; it has been logged")


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(NlpServiceError, _library)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)
