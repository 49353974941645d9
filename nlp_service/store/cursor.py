"""The list cursor: an opaque, URL-safe token for the (sort time, id) of the last article on a page."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime

from nlp_service.errors import InvalidQuery
from nlp_service.store.models import MAX_ID


def encode_cursor(sort_at: datetime, article_id: int) -> str:
    raw = json.dumps({"s": sort_at.isoformat(), "i": article_id}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    """The (sort time, id) in ``cursor``; anything this service did not give out is an :class:`InvalidQuery`."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        sort_at, article_id = datetime.fromisoformat(data["s"]), data["i"]
        if sort_at.tzinfo is not None or not isinstance(article_id, int) or isinstance(article_id, bool):
            raise ValueError
        if not 0 <= article_id <= MAX_ID:
            raise ValueError
        return sort_at, article_id
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError, RecursionError) as exc:
        raise InvalidQuery("the cursor is not one this service gave out; start again without it") from exc
