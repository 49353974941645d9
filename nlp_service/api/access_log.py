"""Keys never reach the access log: query-string values that are API keys, or sit under a name like
``key``/``token``/``password``, are written as ``REDACTED``.

Uvicorn's access log line carries the path with its query string (``record.args[2]``); a filter on the
``uvicorn.access`` logger rewrites it before any handler formats it.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import parse_qsl, quote, urlsplit

from nlp_service.api.auth import ApiKeys

SECRET_NAMES = re.compile(r"key|token|secret|pass|auth|sig", re.I)
REDACTED = "REDACTED"


def redact(path: str, keys: ApiKeys) -> str:
    parts = urlsplit(path)
    if not parts.query:
        return path
    pairs = []
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if value and (SECRET_NAMES.search(name) or keys.role_of(value) is not None):
            value = REDACTED
        pairs.append(f"{quote(name, safe='')}={quote(value, safe='')}")
    return f"{parts.path}?{'&'.join(pairs)}"


class RedactKeys(logging.Filter):
    def __init__(self, keys: ApiKeys):
        super().__init__()
        self.keys = keys

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], redact(args[2], self.keys), *args[3:])
        return True


def install(keys: ApiKeys) -> None:
    """Put the filter on uvicorn's access logger, replacing one an earlier app installed."""
    logger = logging.getLogger("uvicorn.access")
    for old in [f for f in logger.filters if isinstance(f, RedactKeys)]:
        logger.removeFilter(old)
    logger.addFilter(RedactKeys(keys))
