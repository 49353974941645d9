"""Error translation: connection-level database failures as :class:`StoreUnavailable` (503)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from nlp_service.errors import StoreUnavailable

log = logging.getLogger("nlp_service")


@contextmanager
def unavailable(what: str) -> Iterator[None]:
    """Connection-level database failures as :class:`StoreUnavailable`; the message names no URL or key."""
    try:
        yield
    except OperationalError as exc:
        log.warning("article store could not %s: %s", what, type(exc.orig).__name__ if exc.orig else type(exc).__name__)
        raise StoreUnavailable(_retry(what, "the database is unreachable or busy")) from exc
    except PoolTimeout as exc:  # every pooled connection stayed busy
        log.warning("article store could not %s: no free database connection", what)
        raise StoreUnavailable(_retry(what, "no database connection was free in time")) from exc
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise StoreUnavailable(_retry(what, "the database connection was lost")) from exc
        raise


def _retry(what: str, why: str) -> str:
    if what == "write":
        return (f"the article store could not write: {why}. The change was not acknowledged; retry "
                "(posting the same external_id again never makes a duplicate)")
    return f"the article store could not {what}: {why}; retry shortly"
