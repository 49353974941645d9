from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from nlp_service.errors import InvalidQuery
from nlp_service.store.times import as_utc, now, utc_naive, utc_range

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def test_a_time_without_offset_is_read_in_the_zone_and_stored_as_naive_utc():
    assert utc_naive(datetime(2024, 3, 12, 8, 0), HANOI) == datetime(2024, 3, 12, 1, 0)
    assert utc_naive(datetime(2024, 3, 12, 8, 0, tzinfo=timezone(timedelta(hours=-5))), HANOI) == \
        datetime(2024, 3, 12, 13, 0)
    assert utc_naive(None, HANOI) is None and as_utc(None) is None
    assert as_utc(datetime(2024, 3, 12, 1, 0)) == datetime(2024, 3, 12, 1, 0, tzinfo=UTC)
    assert now().tzinfo is None and abs(as_utc(now()) - datetime.now(UTC)) < timedelta(seconds=5)


def test_ranges_must_run_forward():
    assert utc_range(None, None, HANOI) == (None, None)
    assert utc_range(datetime(2024, 3, 1), None, HANOI) == (datetime(2024, 2, 29, 17, 0), None)
    for since, until in ((datetime(2024, 3, 2), datetime(2024, 3, 1)), (datetime(2024, 3, 1), datetime(2024, 3, 1))):
        with pytest.raises(InvalidQuery, match="since must be before until"):
            utc_range(since, until, HANOI)
