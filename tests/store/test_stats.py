"""Bucket arithmetic of the stats queries (the queries themselves are tested in test_store.py)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from nlp_service.store.stats import bucket_count, bucket_of, next_bucket, offset_at, offset_segments


def test_a_zone_without_summer_time_is_one_segment():
    lo, hi = datetime(2024, 1, 1), datetime(2025, 1, 1)
    for name, offset in (("Asia/Ho_Chi_Minh", 7 * 3600), ("UTC", 0), ("Asia/Kathmandu", 5 * 3600 + 45 * 60)):
        assert offset_segments(ZoneInfo(name), lo, hi) == [(lo, hi, offset)]


def test_summer_time_cuts_the_range_at_the_exact_second():
    berlin = ZoneInfo("Europe/Berlin")
    segments = offset_segments(berlin, datetime(2024, 1, 1), datetime(2025, 1, 1))
    assert segments == [
        (datetime(2024, 1, 1), datetime(2024, 3, 31, 1), 3600),
        (datetime(2024, 3, 31, 1), datetime(2024, 10, 27, 1), 7200),
        (datetime(2024, 10, 27, 1), datetime(2025, 1, 1), 3600),
    ]
    assert offset_at(berlin, datetime(2024, 3, 31, 0, 59, 59)) == 3600
    assert offset_at(berlin, datetime(2024, 3, 31, 1)) == 7200


def test_a_range_shorter_than_a_day_around_a_change():
    segments = offset_segments(ZoneInfo("America/New_York"), datetime(2024, 3, 10, 5), datetime(2024, 3, 10, 9))
    assert segments == [(datetime(2024, 3, 10, 5), datetime(2024, 3, 10, 7), -5 * 3600),
                        (datetime(2024, 3, 10, 7), datetime(2024, 3, 10, 9), -4 * 3600)]


def test_weeks_start_on_monday_and_months_on_the_first():
    sunday = date(2024, 3, 17)
    assert bucket_of(sunday, "week") == date(2024, 3, 11) and bucket_of(date(2024, 3, 11), "week") == date(2024, 3, 11)
    assert bucket_of(sunday, "month") == date(2024, 3, 1) and bucket_of(sunday, "day") == sunday
    assert next_bucket(date(2024, 12, 1), "month") == date(2025, 1, 1)
    assert next_bucket(date(2024, 2, 26), "week") == date(2024, 3, 4)
    assert next_bucket(date(2024, 2, 28), "day") == date(2024, 2, 29)


def test_bucket_counts():
    assert bucket_count(date(2024, 1, 1), date(2024, 3, 31), "day") == 91
    assert bucket_count(date(2024, 1, 1), date(2024, 3, 25), "week") == 13
    assert bucket_count(date(2023, 11, 1), date(2024, 2, 1), "month") == 4
