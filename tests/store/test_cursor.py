import base64
from datetime import datetime

import pytest

from nlp_service.errors import InvalidQuery
from nlp_service.store.cursor import decode_cursor, encode_cursor


def test_round_trip_is_url_safe():
    at = datetime(2024, 3, 12, 1, 30, 15, 250000)
    cursor = encode_cursor(at, 1234567)
    assert set(cursor) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert decode_cursor(cursor) == (at, 1234567)


@pytest.mark.parametrize("cursor", [
    "", "không-phải-con-trỏ", "%%%", "eyJzIjoxfQ",
    base64.urlsafe_b64encode(b'{"s": "2024-03-12T01:30:00+07:00", "i": 5}').decode(),  # an aware time
    base64.urlsafe_b64encode(b'{"s": "2024-03-12T01:30:00", "i": true}').decode(),
    base64.urlsafe_b64encode(b'{"s": "2024-03-12T01:30:00", "i": "5"}').decode(),
    base64.urlsafe_b64encode(b"\xff\xfe").decode(), "A" * 10_000,
])
def test_anything_not_given_out_is_an_invalid_query(cursor):
    with pytest.raises(InvalidQuery):
        decode_cursor(cursor)
