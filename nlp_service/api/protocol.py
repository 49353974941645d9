"""The HTTP protocol the server runs: uvicorn's h11 one, with its last plain-text answer made a problem.

A request h11 cannot parse (a malformed request line, or header fields past h11's 16 KiB limit) never
reaches the app; uvicorn answers it with a ``text/plain`` 400 and closes. This answers the same 400 and
closes too, but as ``application/problem+json`` like every other error of the service.
"""

from __future__ import annotations

import json

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

BODY = json.dumps({"type": "about:blank", "title": "Bad request", "status": 400,
                   "detail": "the request could not be parsed: a malformed request line, or header fields "
                             "larger than 16 KiB in all"}).encode()


class ProblemH11Protocol(H11Protocol):
    def send_400_response(self, msg: str) -> None:
        headers = [(b"content-type", b"application/problem+json"), (b"content-length", str(len(BODY)).encode()),
                   (b"connection", b"close")]
        for event in (h11.Response(status_code=400, headers=headers, reason=b"Bad Request"), h11.Data(data=BODY),
                      h11.EndOfMessage()):
            self.transport.write(self.conn.send(event))
        self.transport.close()
