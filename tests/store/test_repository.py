"""The article store library on SQLite and (when configured) PostgreSQL."""

import sqlite3
import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from nlp_service.errors import (
    ArticleNotFound,
    ConfigurationError,
    EmptyText,
    InvalidQuery,
    StoreUnavailable,
    UnknownLabel,
)
from nlp_service.settings import Settings
from nlp_service.store import ArticleIn, ArticleQuery, ArticleStore, LabelCorrection, StatsQuery
from nlp_service.store.engine import alembic_config, create_engines, migrate
from nlp_service.store.models import ArticleTopic, Base, Correction
from tests.newsroom import VN, KeywordAnalyzer, article, feed

keywords = KeywordAnalyzer()


def ingest(store, body: dict):
    return store.ingest(ArticleIn.model_validate(body), keywords)


def all_pages(store, **filters) -> list:
    items, cursor = [], None
    while True:
        page = store.list(ArticleQuery(cursor=cursor, **filters))
        items.extend(page.items)
        if page.next_cursor is None:
            return items
        cursor = page.next_cursor


def test_migrated_schema_matches_the_models(store):
    from alembic.migration import MigrationContext
    from alembic.autogenerate import compare_metadata

    with store.engines.write.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert diff == []
    from alembic.script import ScriptDirectory

    assert revision == ScriptDirectory.from_config(alembic_config()).get_current_head()


def run_at_once(work, threads: int) -> tuple[list, list]:
    """Run ``work`` in ``threads`` threads released together; (results, exceptions)."""
    results, errors = [], []
    barrier = threading.Barrier(threads)

    def one():
        barrier.wait(10)
        try:
            results.append(work())
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    started = [threading.Thread(target=one) for _ in range(threads)]
    for t in started:
        t.start()
    for t in started:
        t.join(60)
    return results, errors


def test_a_new_sqlite_file_that_another_connection_is_writing_is_waited_for(tmp_path):
    # Switching a file to WAL needs a moment without other locks, and SQLite does not wait for it by itself:
    # a service starting while another process writes the fresh file must wait, not fail.
    path = tmp_path / "store.db"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE waiting (x)")
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO waiting VALUES (1)")
    release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    release.start()
    engines = create_engines(f"sqlite:///{path}", busy_timeout=10)
    try:
        with engines.write.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        release.join()
        other.close()
        engines.dispose()


def test_opening_again_and_concurrently_migrates_once(database_url, store_settings):
    _, errors = run_at_once(lambda: ArticleStore.open(store_settings, database_url).close(), 3)
    assert errors == []
    engines = create_engines(database_url)
    migrate(engines)  # already at head: nothing to do
    with engines.read.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    engines.dispose()


def test_sqlite_store_is_a_wal_file_with_full_sync(tmp_path):
    store = ArticleStore.open(Settings(data_dir=tmp_path / "nested" / "data"))
    try:
        assert (tmp_path / "nested" / "data" / "nlp_service.db").exists()
        with store.engines.write.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()


def test_save_returns_the_stored_article_with_utc_times(store):
    saved = ingest(store, article(0) | {"published_at": "2024-03-11T06:30:00+07:00"})
    assert saved.created
    a = saved.article
    assert a.id > 0 and a.external_id == "bai-00000" and a.source == "baochinhphu.vn"
    assert a.title == "Krông Pắc tổng kết công tác cải cách hành chính" and "một cửa" in a.text
    assert a.published_at == datetime(2024, 3, 10, 23, 30, tzinfo=UTC)
    assert a.section.id == "chinh_tri_xa_hoi" and a.section.name == "Chính trị - Xã hội" and not a.section.by_editor
    assert [t.id for t in a.topics][0] == "cai_cach_hanh_chinh" and all(not t.by_editor for t in a.topics)
    assert a.summary.sentences[0].text.startswith("Sáng nay, UBND huyện Krông Pắc")
    assert a.created_at.tzinfo is not None and a.created_at == a.updated_at
    assert store.get(a.id) == a


def test_a_time_without_offset_is_read_in_the_configured_zone(store):
    a = ingest(store, article(1) | {"published_at": "2024-03-11T08:00:00"}).article
    assert a.published_at == datetime(2024, 3, 11, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội


def test_same_external_id_updates_without_duplicate_and_keeps_omitted_fields(store):
    first = ingest(store, article(3)).article
    again = ingest(store, {"external_id": "bai-00003",
                           "text": "Công an tỉnh bắt giữ thêm ba đối tượng trong đường dây ma túy."})
    assert not again.created and again.article.id == first.id
    updated = again.article
    assert updated.text.startswith("Công an tỉnh bắt giữ thêm")
    assert (updated.url, updated.title, updated.source, updated.published_at) == \
           (first.url, first.title, first.source, first.published_at)
    assert updated.created_at == first.created_at and updated.updated_at > first.updated_at
    explicit_null = ingest(store, {"external_id": "bai-00003", "text": updated.text, "source": None}).article
    assert explicit_null.source is None
    assert store.count() == 1


def test_articles_without_external_id_are_each_new(store):
    body = {"text": article(4)["text"]}
    assert ingest(store, body).created and ingest(store, body).created
    assert store.count() == 2


def test_concurrent_posts_of_one_new_external_id_make_one_article(store):
    body = ArticleIn.model_validate(article(5))
    results, errors = run_at_once(lambda: store.ingest(body, keywords), 4)
    assert errors == []
    assert sum(r.created for r in results) == 1 and len({r.article.id for r in results}) == 1
    assert store.count() == 1


def test_a_failed_analysis_writes_nothing(store):
    class Broken:
        def analyze(self, text, title=None, summary_sentences=3, **_):
            raise EmptyText("nothing of the text is left once page furniture is removed")

    with pytest.raises(EmptyText):
        store.ingest(ArticleIn.model_validate(article(6)), Broken())
    assert store.count() == 0


def test_get_and_delete_unknown_ids_are_not_found(store):
    with pytest.raises(ArticleNotFound):
        store.get(987654)
    with pytest.raises(ArticleNotFound):
        store.delete(987654)
    with pytest.raises(ArticleNotFound):
        store.correct(987654, LabelCorrection(topics=[]), "key:abc")


def test_delete_removes_topics_and_corrections(store):
    a = ingest(store, article(0)).article
    store.correct(a.id, LabelCorrection(topics=["chuyen_doi_so"]), "key:abc")
    store.delete(a.id)
    with pytest.raises(ArticleNotFound):
        store.get(a.id)
    with store.engines.read.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(ArticleTopic)) == 0
        assert connection.scalar(select(func.count()).select_from(Correction)) == 0


def test_correction_is_served_kept_with_history_and_survives_reanalysis(store):
    a = ingest(store, article(2)).article  # inspection story: corruption topics from the model
    before = [(t.id, t.score) for t in a.topics]
    assert "phong_chong_tham_nhung" in dict(before) and "an_sinh_xa_hoi" not in dict(before)
    fixed = store.correct(a.id, LabelCorrection(topics=["phong_chong_tham_nhung", "an_sinh_xa_hoi", "an_sinh_xa_hoi"],
                                                section="chinh_tri_xa_hoi"), "key:0123456789ab")
    assert sorted(t.id for t in fixed.topics) == ["an_sinh_xa_hoi", "phong_chong_tham_nhung"]
    assert all(t.by_editor for t in fixed.topics)
    kept = {t.id: t.score for t in fixed.topics}
    assert kept["phong_chong_tham_nhung"] == dict(before)["phong_chong_tham_nhung"]  # the model's score stays
    assert kept["an_sinh_xa_hoi"] is None
    assert fixed.section.id == "chinh_tri_xa_hoi" and fixed.section.by_editor and fixed.section.score is None
    assert store.get(a.id).topics == fixed.topics

    # The publisher re-sends the article: text and summary change, the editor's labels do not.
    resent = ingest(store, article(2) | {"text": "Thanh tra tỉnh công bố bổ sung kết luận về sai phạm đầu tư công."})
    assert not resent.created
    assert resent.article.topics == fixed.topics and resent.article.section == fixed.section
    assert resent.article.summary.text.startswith("Thanh tra tỉnh công bố bổ sung")

    second = store.correct(a.id, LabelCorrection(topics=[]), "key:fedcba987654")
    assert second.topics == []
    history = store.corrections(a.id)
    assert [c.editor for c in history] == ["key:0123456789ab", "key:fedcba987654"]
    assert [t["id"] for t in history[0].previous_topics] == [t for t, _ in before]
    assert history[0].previous_section == a.section.id and history[0].section == "chinh_tri_xa_hoi"
    assert history[1].previous_topics[0]["by_editor"] is True and history[1].topics == [] and history[1].section is None
    assert history[0].corrected_at <= history[1].corrected_at


def test_unknown_labels_are_refused_and_change_nothing(store):
    a = ingest(store, article(4)).article
    with pytest.raises(UnknownLabel, match="khong_co"):
        store.correct(a.id, LabelCorrection(topics=["y_te", "khong_co"]), "key:abc")
    with pytest.raises(UnknownLabel):
        store.correct(a.id, LabelCorrection(section="thoi_su"), "key:abc")
    assert store.get(a.id) == a and store.corrections(a.id) == []
    with pytest.raises(UnknownLabel):
        store.list(ArticleQuery(topic="khong_co"))
    with pytest.raises(UnknownLabel):
        store.list(ArticleQuery(section="thoi_su"))


def test_list_is_newest_first_by_published_else_created(store):
    dated = ingest(store, article(0) | {"published_at": "2030-01-01T00:00:00+00:00"}).article
    undated = ingest(store, {k: v for k, v in article(1).items() if k != "published_at"}).article
    old = ingest(store, article(2) | {"published_at": "2020-05-01T00:00:00+07:00"}).article
    assert [a.id for a in all_pages(store)] == [dated.id, undated.id, old.id]


def test_cursor_pages_are_stable_while_articles_arrive(store):
    for body in feed(25):
        ingest(store, body)
    first = store.list(ArticleQuery(limit=10))
    # Newer articles and an article in the middle arrive between the pages.
    ingest(store, article(100) | {"published_at": "2025-01-01T00:00:00+07:00"})
    seen = [a.external_id for a in first.items]
    rest, cursor = [], first.next_cursor
    while cursor:
        page = store.list(ArticleQuery(limit=10, cursor=cursor))
        rest.extend(a.external_id for a in page.items)
        cursor = page.next_cursor
    seen += rest
    assert len(seen) == len(set(seen)) == 25  # no repeats, none skipped, the newcomer not mixed in
    assert seen == [f"bai-{i:05d}" for i in range(24, -1, -1)]


def test_equal_times_are_ordered_by_id_across_pages(store):
    ids = [ingest(store, article(i) | {"published_at": "2024-02-02T10:00:00+07:00"}).article.id for i in range(7)]
    got = [a.id for a in all_pages(store, limit=3)]
    assert got == sorted(ids, reverse=True)


def test_filters_topic_section_source_range_and_search(store):
    for body in feed(40):
        ingest(store, body)
    corruption = all_pages(store, topic="phong_chong_tham_nhung")
    assert corruption and all("phong_chong_tham_nhung" in [t.id for t in a.topics] for a in corruption)
    laws = all_pages(store, section="phap_luat", limit=5)
    assert laws and all(a.section.id == "phap_luat" for a in laws)
    hanoi = all_pages(store, source="hanoimoi.vn")
    assert len(hanoi) == 8 and all(a.source == "hanoimoi.vn" for a in hanoi)
    since, until = datetime(2024, 1, 5, tzinfo=VN), datetime(2024, 1, 10, tzinfo=VN)
    window = all_pages(store, since=since, until=until)
    assert window and all(since <= a.published_at < until for a in window)
    published = [datetime(2024, 1, 1, 7, tzinfo=VN) + timedelta(hours=11 * i) for i in range(40)]
    assert len(window) == sum(1 for at in published if since <= at < until)
    # Case-insensitive on Vietnamese letters, and white space is not significant.
    found = all_pages(store, q="SỐT  XUẤT HUYẾT")
    assert found and all("sốt xuất huyết" in a.text for a in found)
    assert all_pages(store, q="100%") == []  # % is a character, not a wildcard
    both = all_pages(store, topic="y_te", source="hanoimoi.vn", q="hà nội")
    assert all(a.source == "hanoimoi.vn" and "y_te" in [t.id for t in a.topics] for a in both)


def test_bad_list_queries_are_invalid(store, store_settings):
    for query in (ArticleQuery(cursor="not-a-cursor"), ArticleQuery(cursor="eyJzIjoxfQ"),
                  ArticleQuery(limit=0), ArticleQuery(limit=store_settings.list_max_limit + 1),
                  ArticleQuery(since=datetime(2024, 2, 1), until=datetime(2024, 1, 1)),
                  ArticleQuery(q="x" * (store_settings.search_max_chars + 1))):
        with pytest.raises(InvalidQuery):
            store.list(query)


def test_topic_stats_count_local_days_weeks_and_months(store):
    # 23:30 UTC on Sunday 10 March is 06:30 on Monday 11 March in Hà Nội.
    times = ["2024-03-10T23:30:00+00:00", "2024-03-11T09:00:00+07:00", "2024-03-17T23:59:00+07:00",
             "2024-03-18T00:00:00+07:00", "2024-04-02T12:00:00+07:00"]
    for i, published in enumerate(times):
        ingest(store, article(4, prefix=f"yte{i}") | {"published_at": published})  # a health story: y_te
    ingest(store, article(11, prefix="khen") | {"published_at": "2024-03-12T10:00:00+07:00"})
    days = store.topic_stats(StatsQuery(interval="day", since=datetime(2024, 3, 11), until=datetime(2024, 3, 19)))
    assert [b.start.date().isoformat() for b in days.buckets][:2] == ["2024-03-11", "2024-03-12"]
    assert len(days.buckets) == 8 and days.buckets[0].start.utcoffset() == timedelta(hours=7)
    by_day = {b.start.date().day: b.counts for b in days.buckets}
    assert by_day[11] == {"y_te": 2} and by_day[12] == {"thi_dua_khen_thuong": 1} and by_day[13] == {}
    assert by_day[17] == {"y_te": 1} and by_day[18] == {"y_te": 1}
    assert days.totals == {"thi_dua_khen_thuong": 1, "y_te": 4}

    weeks = store.topic_stats(StatsQuery(interval="week", since=datetime(2024, 3, 11), until=datetime(2024, 4, 8)))
    assert [(b.start.date().isoformat(), b.counts.get("y_te", 0)) for b in weeks.buckets] == [
        ("2024-03-11", 3), ("2024-03-18", 1), ("2024-03-25", 0), ("2024-04-01", 1)]
    months = store.topic_stats(StatsQuery(interval="month"))
    assert [(b.start.date().isoformat(), b.counts) for b in months.buckets] == [
        ("2024-03-01", {"thi_dua_khen_thuong": 1, "y_te": 4}), ("2024-04-01", {"y_te": 1})]
    assert months.since == datetime(2024, 3, 10, 23, 30, tzinfo=UTC)


def test_stats_until_is_exclusive_and_source_filters(store):
    ingest(store, article(4, prefix="a") | {"published_at": "2024-03-01T00:00:00+07:00", "source": "hanoimoi.vn"})
    ingest(store, article(4, prefix="b") | {"published_at": "2024-03-02T00:00:00+07:00", "source": "tuoitre.vn"})
    inclusive = store.topic_stats(StatsQuery(since=datetime(2024, 3, 1), until=datetime(2024, 3, 2), interval="day"))
    assert inclusive.totals == {"y_te": 1} and len(inclusive.buckets) == 1
    only = store.topic_stats(StatsQuery(source="tuoitre.vn", interval="month"))
    assert only.totals == {"y_te": 1}
    assert store.topic_stats(StatsQuery(source="nowhere.vn")).buckets == []


def test_section_stats_follow_editor_corrections(store):
    a = ingest(store, article(12)).article  # football
    ingest(store, article(13))  # the United Nations
    assert store.section_stats(StatsQuery(interval="month")).totals == {"the_gioi": 1, "the_thao": 1}
    store.correct(a.id, LabelCorrection(section="van_hoa"), "key:abc")
    assert store.section_stats(StatsQuery(interval="month")).totals == {"the_gioi": 1, "van_hoa": 1}


def test_stats_refuse_too_many_buckets_and_empty_ranges(store):
    ingest(store, article(0))
    with pytest.raises(InvalidQuery, match="NLP_SERVICE_STATS_MAX_BUCKETS"):
        store.topic_stats(StatsQuery(interval="day", since=datetime(2000, 1, 1), until=datetime(2024, 1, 1)))
    with pytest.raises(InvalidQuery):
        store.topic_stats(StatsQuery(since=datetime(2024, 1, 2), until=datetime(2024, 1, 1)))


def test_stats_in_a_zone_with_summer_time(database_url, tmp_path):
    store = ArticleStore.open(Settings(data_dir=tmp_path, timezone="Europe/Berlin"), database_url)
    try:
        # Summer time starts on 31 March 2024 at 01:00 UTC (+01:00 before, +02:00 after).
        for i, published in enumerate(["2024-03-30T23:30:00+00:00",   # 31 March, 00:30 local
                                       "2024-03-31T22:30:00+00:00",   # 1 April, 00:30 local
                                       "2024-03-31T21:30:00+00:00"]):  # 31 March, 23:30 local
            ingest(store, article(4, prefix=f"b{i}") | {"published_at": published})
        days = store.topic_stats(StatsQuery(interval="day"))
        assert [(b.start.isoformat(), b.counts) for b in days.buckets] == [
            ("2024-03-31T00:00:00+01:00", {"y_te": 2}), ("2024-04-01T00:00:00+02:00", {"y_te": 1})]
    finally:
        store.close()


def test_list_by_topic_matches_stats_totals(store):
    for body in feed(60, undated_every=9):
        ingest(store, body)
    totals = store.topic_stats(StatsQuery(interval="week")).totals
    assert totals
    for topic, n in totals.items():
        assert len(all_pages(store, topic=topic, limit=7)) == n


def test_corrected_examples_are_training_lines(store):
    a = ingest(store, article(7)).article
    b = ingest(store, article(8)).article
    ingest(store, article(9))
    store.correct(a.id, LabelCorrection(topics=["an_sinh_xa_hoi"]), "key:aaa")
    store.correct(b.id, LabelCorrection(section="kinh_doanh"), "key:bbb")  # no topics: not a topic example
    lines = list(store.corrected_examples())
    assert len(lines) == 1
    line = lines[0]
    assert line["text"] == a.text and line["topics"] == ["an_sinh_xa_hoi"] and line["editor"] == "key:aaa"
    assert line["external_id"] == a.external_id and line["corrected_at"].endswith("+00:00")


def test_unreachable_database_is_unavailable_not_a_crash(store_settings):
    with pytest.raises(StoreUnavailable) as caught:
        ArticleStore.open(store_settings, "postgresql+psycopg://nobody:secret-password@127.0.0.1:1/none")
    assert "secret-password" not in str(caught.value)


def test_unsupported_or_memory_databases_are_configuration_errors(store_settings):
    for url in ("sqlite://", "sqlite:///:memory:", "mysql://u@127.0.0.1/x", "postgresql+psycopg2://u@127.0.0.1/x",
                "nonsense"):
        with pytest.raises(ConfigurationError):
            ArticleStore.open(store_settings, url)


def test_timezone_setting_is_checked():
    with pytest.raises(ValueError, match="unknown time zone"):
        Settings(timezone="Asia/Atlantis")


def test_a_page_is_kept_as_its_article_and_searched_as_text(store, analyzer, portal_html):
    saved = store.ingest(ArticleIn.model_validate({"text": portal_html, "external_id": "cchc-html"}), analyzer)
    kept = store.get(saved.article.id)
    assert kept.title == "Huyện Đắk Mil phát động phong trào thi đua đẩy mạnh cải cách hành chính năm 2024"
    assert kept.text.startswith("Sáng ngày 11/3") and "<p>" not in kept.text and "TIN MỚI HƠN" not in kept.text
    assert [a.id for a in all_pages(store, q="nhân rộng các mô hình hay")] == [saved.article.id]
    for markup in ("_gaq", "breadcrumb", "Tin tức - Sự kiện", "Số lượt người xem"):
        assert all_pages(store, q=markup) == [], markup


def test_a_posted_title_wins_over_the_found_one(store, analyzer, portal_html):
    body = {"text": portal_html, "title": "Tiêu đề của biên tập viên"}
    assert store.ingest(ArticleIn.model_validate(body), analyzer).article.title == "Tiêu đề của biên tập viên"
