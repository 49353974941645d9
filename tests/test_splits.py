import hashlib

from nlp_service.splits import hash_bucket, held_out


def test_buckets_are_the_sha1_of_the_key_and_do_not_depend_on_order():
    keys = [f"vntc:{i:05d}" for i in range(2000)] + ["Bài viết về cải cách hành chính", "", "ủy ban"]
    first = [hash_bucket(k, 10) for k in keys]
    assert [hash_bucket(k, 10) for k in reversed(keys)] == first[::-1]
    assert all(b == int(hashlib.sha1(k.encode("utf-8")).hexdigest(), 16) % 10 for k, b in zip(keys, first))


def test_held_out_fifths_take_about_their_share():
    keys = [f"doc-{i}" for i in range(5000)]
    share = sum(map(held_out, keys)) / len(keys)
    assert 0.18 < share < 0.22
    two = sum(held_out(k, 2) for k in keys) / len(keys)
    assert 0.37 < two < 0.43
    assert all(held_out(k, 2) for k in keys if held_out(k))  # the first fifth is inside the first two
    assert not any(held_out(k, 0) for k in keys) and all(held_out(k, 5) for k in keys)
