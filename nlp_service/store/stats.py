"""Counts of articles per label per day, week or month, in the configured time zone.

The database groups rows by *local day number* — ``(epoch seconds + UTC offset) // 86400`` — which both
SQLite and PostgreSQL compute over the ``(sort_at, label)`` index; weeks (Monday first) and months are
rolled up from days here. A zone with daylight saving time has more than one offset in a range: the range
is cut at each change of offset and each piece is grouped with its own, so every article lands on its
local day exactly. Every bucket from ``since`` to ``until`` is listed, empty ones too.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, cast, extract, func, literal_column, select
from sqlalchemy.orm import Session

from nlp_service.errors import InvalidQuery
from nlp_service.store.schemas import Interval, StatsBucket, StatsQuery, StatsResult
from nlp_service.store.times import as_utc

DAY_SECONDS = 86_400
# Added to epoch seconds so that day numbers stay positive (integer division) back to 1870.
SHIFT_DAYS = 36_525
EPOCH = date(1970, 1, 1)
ONE_US = timedelta(microseconds=1)


def offset_at(zone: ZoneInfo, instant: datetime) -> int:
    """UTC offset in seconds of ``zone`` at a naive-UTC instant."""
    return int(instant.replace(tzinfo=UTC).astimezone(zone).utcoffset().total_seconds())


def offset_segments(zone: ZoneInfo, lo: datetime, hi: datetime) -> list[tuple[datetime, datetime, int]]:
    """[lo, hi) cut where the zone's offset changes: (start, end, offset seconds) pieces."""
    segments = []
    start, offset = lo, offset_at(zone, lo)
    t = lo
    while t < hi:
        step = min(t + timedelta(days=1), hi)
        if offset_at(zone, step - ONE_US) == offset:
            t = step
            continue
        a, b = t, step - ONE_US  # offset(a) is the old one, offset(b) is not
        while b - a > timedelta(seconds=1):
            middle = a + (b - a) / 2
            a, b = (middle, b) if offset_at(zone, middle) == offset else (a, middle)
        change = b.replace(microsecond=0)  # changes happen on whole seconds; exactly one lies in (a, b]
        segments.append((start, change, offset))
        start, offset, t = change, offset_at(zone, change), change
    segments.append((start, hi, offset))
    return [s for s in segments if s[0] < s[1]]


def bucket_of(day: date, interval: Interval) -> date:
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def next_bucket(start: date, interval: Interval) -> date:
    if interval == "week":
        return start + timedelta(days=7)
    if interval == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + timedelta(days=1)


def bucket_count(first: date, last: date, interval: Interval) -> int:
    if interval == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return (last - first).days // (7 if interval == "week" else 1) + 1


def _local_day(instant: datetime, zone: ZoneInfo) -> date:
    return (instant + timedelta(seconds=offset_at(zone, instant))).date()


def _day_number(column, offset: int, dialect: str):
    """SQL for the local day number of a naive-UTC timestamp column, ``SHIFT_DAYS`` ahead of 1970-01-01."""
    if dialect == "sqlite":
        seconds = cast(func.strftime("%s", column), BigInteger)
    else:
        seconds = cast(func.floor(extract("epoch", column)), BigInteger)
    # Literal numbers (no bound parameters), so that the GROUP BY expression is the select's, verbatim.
    shift = literal_column(str(int(offset) + SHIFT_DAYS * DAY_SECONDS), BigInteger)
    return (seconds + shift) // literal_column(str(DAY_SECONDS), BigInteger)


def _local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """Naive UTC of ``day``'s local midnight."""
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def shift_buckets(start: date, interval: Interval, k: int) -> date:
    """The bucket ``k`` buckets after (negative: before) the one starting on ``start``."""
    if interval == "month":
        months = start.year * 12 + start.month - 1 + k
        return date(months // 12, months % 12 + 1, 1)
    return start + timedelta(days=k * (7 if interval == "week" else 1))


def default_range(lo: datetime | None, hi: datetime | None, first: datetime, last: datetime, zone: ZoneInfo,
                  interval: Interval, max_buckets: int, now: datetime | None = None) -> tuple[datetime, datetime]:
    """The range of a stats query that left ``since`` or ``until`` out, from the data's ``first`` and ``last``.

    A bound taken from the data never makes the query too long: without ``until`` the range ends after the
    last article but no later than today when the data reaches past it (one article misdated 2199 would
    otherwise stretch everyone's default to it), and is cut to ``max_buckets`` buckets on the side that was
    left out, so a misdated 1900 article costs the default query its oldest buckets, not a 422."""
    if hi is None:
        hi = last + ONE_US
        today_end = _local_midnight(_local_day(now or datetime.now(UTC).replace(tzinfo=None), zone)
                                    + timedelta(days=1), zone)
        if lo is None and first < today_end < hi:
            hi = today_end
        elif lo is not None:
            cap = _local_midnight(shift_buckets(bucket_of(_local_day(lo, zone), interval), interval, max_buckets), zone)
            hi = min(hi, cap)
    if lo is None:
        lo = first
        last_bucket = bucket_of(_local_day(hi - ONE_US, zone), interval)
        if bucket_count(bucket_of(_local_day(lo, zone), interval), last_bucket, interval) > max_buckets:
            lo = _local_midnight(shift_buckets(last_bucket, interval, 1 - max_buckets), zone)
    return lo, hi


def count(session: Session, table, label_column, query: StatsQuery, lo: datetime | None, hi: datetime | None,
          zone: ZoneInfo, zone_name: str, max_buckets: int, where: tuple = (),
          now: datetime | None = None) -> StatsResult:
    """Count rows of ``table`` (which has ``sort_at`` and ``source``) per ``label_column`` per bucket, among
    the rows that also meet the ``where`` conditions. A bound left out comes from the data (:func:`default_range`)."""
    sort_at, source = table.sort_at, table.source
    where = list(where) + ([source == query.source] if query.source is not None else [])
    if lo is None or hi is None:
        first, last = session.execute(select(func.min(sort_at), func.max(sort_at)).where(*where)).one()
        if first is None and (lo is None or hi is None):
            return StatsResult(interval=query.interval, timezone=zone_name, since=as_utc(lo), until=as_utc(hi),
                               buckets=[], totals={})
        lo, hi = default_range(lo, hi, first, last, zone, query.interval, max_buckets, now)
        if lo >= hi:  # every article lies outside the one bound given
            return StatsResult(interval=query.interval, timezone=zone_name, since=as_utc(lo), until=as_utc(hi),
                               buckets=[], totals={})
    first_bucket = bucket_of(_local_day(lo, zone), query.interval)
    last_bucket = bucket_of(_local_day(hi - ONE_US, zone), query.interval)
    n = bucket_count(first_bucket, last_bucket, query.interval)
    if n > max_buckets:
        # Local dates, as the buckets are: a range from local midnight would otherwise name the day before.
        raise InvalidQuery(f"{n:,} {query.interval} buckets from {_local_day(lo, zone):%Y-%m-%d} to "
                           f"{_local_day(hi - ONE_US, zone):%Y-%m-%d} ({zone_name}); the limit is "
                           f"{max_buckets:,} (NLP_SERVICE_STATS_MAX_BUCKETS): narrow since/until or use a "
                           "longer interval")

    dialect = session.get_bind().dialect.name
    per_bucket: dict[date, Counter] = defaultdict(Counter)
    for start, end, offset in offset_segments(zone, lo, hi):
        day = _day_number(sort_at, offset, dialect).label("day")
        stmt = (select(label_column, day, func.count()).where(sort_at >= start, sort_at < end, *where)
                .group_by(label_column, day))
        for label, day_number, n_rows in session.execute(stmt):
            local = EPOCH + timedelta(days=int(day_number) - SHIFT_DAYS)
            per_bucket[bucket_of(local, query.interval)][label] += n_rows

    buckets, totals = [], Counter()
    start = first_bucket
    while start <= last_bucket:
        counts = per_bucket.get(start, Counter())
        totals.update(counts)
        buckets.append(StatsBucket(start=datetime.combine(start, time(), tzinfo=zone),
                                   counts=dict(sorted(counts.items()))))
        start = next_bucket(start, query.interval)
    return StatsResult(interval=query.interval, timezone=zone_name, since=as_utc(lo), until=as_utc(hi),
                       buckets=buckets, totals=dict(sorted(totals.items())))


def to_csv(result: StatsResult) -> str:
    """The buckets as CSV: a ``start`` column (the bucket's local start, ISO 8601) and one column per label
    counted anywhere in the range (zeros written out), in the order of the totals."""
    labels = list(result.totals)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["start", *labels])
    for bucket in result.buckets:
        writer.writerow([bucket.start.isoformat(), *(bucket.counts.get(label, 0) for label in labels)])
    return out.getvalue()
