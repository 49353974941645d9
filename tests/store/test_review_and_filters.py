"""The store's review queue, stats filters (section, topics), CSV of a series and the stats error's local date;
on SQLite and (when configured) PostgreSQL."""

from datetime import datetime

import pytest

from nlp_service.errors import InvalidQuery, UnknownLabel
from nlp_service.store import ArticleIn, LabelCorrection, StatsQuery
from nlp_service.store.stats import to_csv
from tests.newsroom import KeywordAnalyzer, article, feed

keywords = KeywordAnalyzer()
# KeywordAnalyzer scores a topic 0.5 + 0.1 per codebook word found, so the gaps below are known in advance.
THRESHOLDS = {"cai_cach_hanh_chinh": 0.55, "an_ninh_trat_tu": 0.9, "kinh_te": 0.3}


def ingest(store, body: dict):
    return store.ingest(ArticleIn.model_validate(body), keywords).article


def test_review_queue_puts_the_scores_nearest_their_thresholds_first(store):
    saved = [ingest(store, body) for body in feed(40)]
    page = store.review_queue(THRESHOLDS, limit=40)
    gaps = [abs(item.margin) for item in page.items]
    assert gaps == sorted(gaps) and page.items
    for item in page.items:
        scored = [t for t in item.topics if t.id in THRESHOLDS]
        nearest = min(abs(t.score - THRESHOLDS[t.id]) for t in scored)
        assert abs(item.margin) == pytest.approx(nearest, abs=1e-4)
        assert item.nearest_topic in THRESHOLDS
    expected = {a.id for a in saved if any(t.id in THRESHOLDS for t in a.topics)}
    assert {item.id for item in page.items} == expected


def test_review_queue_leaves_out_what_an_editor_labelled(store):
    first = ingest(store, article(0))
    assert first.id in {item.id for item in store.review_queue(THRESHOLDS, 10).items}
    store.correct(first.id, LabelCorrection(topics=["cai_cach_hanh_chinh"]), "key:abc")
    assert first.id not in {item.id for item in store.review_queue(THRESHOLDS, 10).items}
    assert store.review_queue({}, 10).items == []
    with pytest.raises(InvalidQuery, match="limit"):
        store.review_queue(THRESHOLDS, 0)


def test_topic_stats_filter_by_topics_and_section(store):
    saved = [ingest(store, body) for body in feed(60)]
    window = {"since": datetime(2024, 1, 1), "until": datetime(2024, 2, 1), "interval": "week"}
    everything = store.topic_stats(StatsQuery(**window))
    some = store.topic_stats(StatsQuery(topic=["kinh_te", "y_te"], **window))
    assert some.totals == {t: n for t, n in everything.totals.items() if t in ("kinh_te", "y_te")}
    assert [b.start for b in some.buckets] == [b.start for b in everything.buckets]
    by_section = store.topic_stats(StatsQuery(section="phap_luat", **window))
    expected: dict[str, int] = {}
    for a in saved:
        if a.section.id == "phap_luat" and a.published_at < datetime(2024, 1, 31, 17, tzinfo=a.published_at.tzinfo):
            for t in a.topics:
                expected[t.id] = expected.get(t.id, 0) + 1
    assert by_section.totals == expected and expected
    sections = store.section_stats(StatsQuery(topic=["an_ninh_trat_tu"], **window))
    assert sum(sections.totals.values()) == everything.totals["an_ninh_trat_tu"]
    with pytest.raises(UnknownLabel):
        store.topic_stats(StatsQuery(topic=["khong_co"], **window))
    with pytest.raises(UnknownLabel):
        store.section_stats(StatsQuery(section="khong_co", **window))


def test_csv_has_a_column_per_label_and_a_row_per_bucket(store):
    for body in feed(30):
        ingest(store, body)
    result = store.topic_stats(StatsQuery(interval="week", since=datetime(2024, 1, 1), until=datetime(2024, 1, 15)))
    lines = to_csv(result).splitlines()
    assert lines[0].split(",") == ["start", *result.totals]
    assert len(lines) == 1 + len(result.buckets) == 3
    for line, bucket in zip(lines[1:], result.buckets):
        cells = line.split(",")
        assert cells[0] == bucket.start.isoformat()
        assert [int(c) for c in cells[1:]] == [bucket.counts.get(t, 0) for t in result.totals]


def test_too_many_buckets_names_local_dates(store):
    ingest(store, article(0))
    # Local midnight of 1 January is 31 December in UTC; the message names the local day the user gave.
    with pytest.raises(InvalidQuery, match=r"from 2000-01-01 to 2023-12-31 \(Asia/Ho_Chi_Minh\)"):
        store.topic_stats(StatsQuery(interval="day", since=datetime(2000, 1, 1), until=datetime(2024, 1, 1)))
