"""Time conversion at the store's edges: the database keeps naive UTC; callers give and get aware times."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from nlp_service.errors import InvalidQuery


def utc_naive(value: datetime | None, zone: ZoneInfo) -> datetime | None:
    """A time as stored: UTC without a zone; a time without an offset is read in ``zone``."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(UTC).replace(tzinfo=None)


def as_utc(value: datetime | None) -> datetime | None:
    """A stored (naive UTC) time as an aware UTC time."""
    return None if value is None else value.replace(tzinfo=UTC)


def now() -> datetime:
    """The current time as stored."""
    return datetime.now(UTC).replace(tzinfo=None)


def utc_range(since: datetime | None, until: datetime | None,
              zone: ZoneInfo) -> tuple[datetime | None, datetime | None]:
    """``[since, until)`` as stored times; an empty or reversed range is an :class:`InvalidQuery`."""
    lo, hi = utc_naive(since, zone), utc_naive(until, zone)
    if lo is not None and hi is not None and lo >= hi:
        raise InvalidQuery("since must be before until")
    return lo, hi
