"""Limits at the HTTP boundary: request body bytes, chunked bodies included.

A body with a ``Content-Length`` over ``NLP_SERVICE_MAX_BODY_BYTES`` is refused before a byte of it is read;
a chunked body (no length) is counted as it arrives and refused the moment it passes the limit, so nothing
beyond the limit is ever held. Either way the answer is a 413 problem with ``Connection: close``: the rest
of the body is never read, so the connection cannot carry another request.

Starlette's own body-limit middleware answers ``text/plain`` when a route responds without reading its
body; this one answers every refusal in problem+json through the app's one handler.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nlp_service.api import problems

CLOSE = {"Connection": "close"}


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int, seen: int | None = None):
        size = f"{seen:,} bytes" if seen is not None else f"more than {limit:,} bytes"
        super().__init__(413, f"the body has {size}; the limit is {limit:,} bytes (NLP_SERVICE_MAX_BODY_BYTES)",
                         headers=CLOSE)


class BodyLimit:
    """Pure ASGI middleware: at most ``limit`` bytes of request body reach the app."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = _content_length(scope)
        if length is not None and length > self.limit:
            error = BodyTooLarge(self.limit, length)
            response = problems.problem(413, error.detail, headers=CLOSE)
            await response(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(self.limit)  # FastAPI passes HTTPExceptions from the body read through
            return message

        await self.app(scope, counted, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
