"""Token caches of corpus ranges, on a tiny corpus written for these tests."""

import gzip
import json

import pytest

from training import token_cache
from training.corpora import read_jsonl

ARTICLES = [
    {"id": f"train/{i:06d}", "title": f"Tin số {i}", "abstract": "Xã tổ chức hội nghị.",
     "sentences": [f"Sáng nay, xã số {i} tổ chức hội nghị tổng kết năm.", "Đại biểu thảo luận kế hoạch mới."]}
    for i in range(6)
]


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setattr(token_cache, "CACHE_DIR", tmp_path / "cache")
    path = tmp_path / "vietnews" / "train.jsonl.gz"
    path.parent.mkdir()
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES)
    return path


def test_read_jsonl_reads_a_range_of_records(corpus):
    assert [r["id"] for r in read_jsonl(corpus, 4, 2)] == ["train/000002", "train/000003"]
    assert len(list(read_jsonl(corpus))) == 6 and list(read_jsonl(corpus, 9, 8)) == []


def test_a_range_gets_its_own_cache_and_the_whole_corpus_serves_every_range(corpus):
    middle = token_cache.load(corpus, limit=5, start=3)
    assert [r["id"] for r, _ in middle] == ["train/000003", "train/000004"]
    assert "xã" in middle[0][1]["given"][0]
    assert len(list((token_cache.CACHE_DIR / "tokens").iterdir())) == 1
    token_cache.build(corpus)
    from_whole = token_cache.load(corpus, limit=5, start=3)
    assert from_whole == middle
    assert [r["id"] for r, _ in token_cache.load(corpus, start=4)] == ["train/000004", "train/000005"]


def test_a_cache_out_of_step_with_its_corpus_is_refused(corpus):
    whole = token_cache.build(corpus)
    with gzip.open(whole, "rt", encoding="utf-8") as handle:
        rows = handle.readlines()
    with gzip.open(whole, "wt", encoding="utf-8") as handle:
        handle.writelines(rows[1:] + rows[:1])
    with pytest.raises(ValueError, match="does not hold"):
        token_cache.load(corpus, limit=2)


def test_a_long_range_is_cached_in_aligned_chunks_that_later_ranges_reuse(corpus, monkeypatch):
    monkeypatch.setattr(token_cache, "CHUNK", 2)
    pairs = token_cache.load(corpus, limit=5, start=1)
    assert [r["id"] for r, _ in pairs] == [f"train/00000{i}" for i in range(1, 5)]
    spans = sorted(p.name.split("-", 3)[3].rsplit("-tok", 1)[0] for p in (token_cache.CACHE_DIR / "tokens").iterdir())
    assert spans == ["2", "2-4", "4-6"]
    built = {p: p.stat().st_mtime_ns for p in (token_cache.CACHE_DIR / "tokens").iterdir()}
    assert token_cache.load(corpus, limit=4, start=2) == pairs[1:3]
    assert {p: p.stat().st_mtime_ns for p in (token_cache.CACHE_DIR / "tokens").iterdir()} == built
