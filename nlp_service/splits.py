"""Deterministic hash splits: a key's bucket is a hash of the key, the same on every machine and run.

SHA-1 of the UTF-8 key, as an integer, modulo the number of buckets: no seed, no order dependence, so
an article stays in its split when a corpus grows or is read in another order.
"""

from __future__ import annotations

import hashlib


def hash_bucket(key: str, buckets: int) -> int:
    """The bucket (0 .. ``buckets`` - 1) of ``key``."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % buckets


def held_out(key: str, fifths: int = 1) -> bool:
    """True for about ``fifths``/5 of keys: the held-out part of a hash split in fifths."""
    return hash_bucket(key, 5) < fifths
