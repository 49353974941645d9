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


def count(session: Session, table, label_column, query: StatsQuery, lo: datetime | None, hi: datetime | None,
          zone: ZoneInfo, zone_name: str, max_buckets: int, where: tuple = ()) -> StatsResult:
    """Count rows of ``table`` (which has ``sort_at`` and ``source``) per ``label_column`` per bucket, among
    the rows that also meet the ``where`` conditions."""
    sort_at, source = table.sort_at, table.source
    where = list(where) + ([source == query.source] if query.source is not None else [])
    if lo is None or hi is None:
        first, last = session.execute(select(func.min(sort_at), func.max(sort_at)).where(*where)).one()
        if first is None and (lo is None or hi is None):
            return StatsResult(interval=query.interval, timezone=zone_name, since=as_utc(lo), until=as_utc(hi),
                               buckets=[], totals={})
        lo = lo if lo is not None else first
        hi = hi if hi is not None else last + ONE_US
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
