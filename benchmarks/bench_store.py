"""Article store benchmark: ingest rates and dashboard query times, on SQLite and PostgreSQL in one run.

    .venv/bin/python -m benchmarks.bench_store                       # SQLite only
    .venv/bin/python -m benchmarks.bench_store --postgres postgresql+psycopg://postgres@127.0.0.1:5432/test

(``--postgres`` defaults to $NLP_SERVICE_TEST_POSTGRES_URL.) For each database, in a fresh SQLite file or
a fresh PostgreSQL schema that is dropped at the end:

1. *ingest, real analysis*: ``--real`` short articles through ``ArticleStore.ingest`` with the shipped
   models (clean, tokenize, section, summary), one committed transaction each — what POST /v1/articles
   does, minus HTTP;
2. *insert, analysis given*: ``--raw`` articles through ``ArticleStore.save`` with a precomputed analysis,
   one durable transaction each (SQLite: WAL, synchronous=FULL; PostgreSQL: synchronous_commit on);
3. *bulk load*: ``--rows`` articles (with ~2 topics each) inserted with executemany in batches, spread
   over 2024, then ANALYZE;
4. query times, median of ``--repeat`` after one warm-up: topics per week over Q1 2024 (the dashboard
   query), sections per month over the year, and the first page of a topic list.

The articles are the twenty handwritten stories of ``tests/newsroom.py`` with varied numbers, sources
and dates. Bounded: nothing runs longer than the counts given; memory stays small (batches of 5,000).
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy
from sqlalchemy import create_engine, insert, text

from nlp_service.settings import Settings
from nlp_service.store import ArticleIn, ArticleQuery, ArticleStore, StatsQuery
from nlp_service.store.engine import safe_url
from nlp_service.store.models import Article, ArticleTopic
from nlp_service.store.search import search_form
from tests.newsroom import SOURCES, STORIES, KeywordAnalyzer, article

BATCH = 5_000
YEAR_START = datetime(2024, 1, 1)  # naive UTC, as stored


def timed(fn, repeat: int) -> float:
    """Median milliseconds of ``repeat`` calls after one warm-up call."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def rate(fn, count: int) -> float:
    start = time.perf_counter()
    fn()
    return count / (time.perf_counter() - start)


def bulk_load(store: ArticleStore, rows: int, first_id: int) -> float:
    """Insert ``rows`` articles with their topics by executemany; rows per second."""
    keywords = KeywordAnalyzer()
    analyses = [keywords.analyze(s.text.format(n=100), s.title) for s in STORIES]
    now = datetime.now(UTC).replace(tzinfo=None)
    step = timedelta(days=366) / rows
    start = time.perf_counter()
    for offset in range(0, rows, BATCH):
        articles, topics = [], []
        for i in range(offset, min(rows, offset + BATCH)):
            story, analysis = STORIES[i % len(STORIES)], analyses[i % len(STORIES)]
            text_ = story.text.format(n=12 + (i * 37) % 900)
            at = YEAR_START + step * i
            source = SOURCES[i % len(SOURCES)]
            article_id = first_id + i
            articles.append({
                "id": article_id, "external_id": f"bulk-{i:07d}", "url": f"https://{source}/bulk-{i}.html",
                "title": story.title, "text": text_, "source": source, "published_at": at, "created_at": now,
                "updated_at": now, "sort_at": at, "section_id": analysis.section.id,
                "section_score": analysis.section.score, "section_by_editor": False, "topics_by_editor": False,
                "summary": analysis.summary.model_dump(mode="json"), "models": dict(analysis.meta.models),
                "search_text": search_form(story.title, text_)})
            topics.extend({"article_id": article_id, "topic_id": t.id, "score": t.score, "by_editor": False,
                           "sort_at": at, "source": source} for t in analysis.topics)
        with store.engines.write.begin() as connection:
            connection.execute(insert(Article.__table__), articles)
            connection.execute(insert(ArticleTopic.__table__), topics)
    elapsed = time.perf_counter() - start
    with store.engines.write.begin() as connection:
        if store.dialect == "postgresql":
            connection.execute(text("SELECT setval(pg_get_serial_sequence('articles', 'id'), max(id)) FROM articles"))
    with store.engines.write.connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT") \
            if store.dialect == "postgresql" else connection
        connection.exec_driver_sql("ANALYZE")
    return rows / elapsed


def bench(name: str, url: str, args, analyzer) -> dict:
    settings = Settings(data_dir=Path(tempfile.gettempdir()))
    store = ArticleStore.open(settings, url)
    try:
        real = [ArticleIn.model_validate(article(i, prefix="real")) for i in range(args.real)]
        ingest_rate = rate(lambda: [store.ingest(a, analyzer) for a in real], args.real)

        keywords = KeywordAnalyzer()
        raw = [ArticleIn.model_validate(article(i, prefix="raw")) for i in range(args.raw)]
        results = [keywords.analyze(a.text, a.title) for a in raw]
        insert_rate = rate(lambda: [store.save(a, r) for a, r in zip(raw, results)], args.raw)

        bulk_rate = bulk_load(store, args.rows, first_id=10_000_000)
        total = store.count()
        quarter = StatsQuery(interval="week", since=datetime(2024, 1, 1), until=datetime(2024, 4, 1))
        in_quarter = sum(store.topic_stats(quarter).totals.values())
        year = StatsQuery(interval="month", since=datetime(2024, 1, 1), until=datetime(2025, 1, 1))
        return {
            "database": name,
            "articles": total,
            "ingest": ingest_rate,
            "insert": insert_rate,
            "bulk": bulk_rate,
            "topics_week_quarter": timed(lambda: store.topic_stats(quarter), args.repeat),
            "in_quarter": in_quarter,
            "sections_month_year": timed(lambda: store.section_stats(year), args.repeat),
            "list_topic": timed(lambda: store.list(ArticleQuery(topic="y_te", limit=50)), args.repeat),
        }
    finally:
        store.close()


def describe(args, pg_version: str | None) -> list[str]:
    command = [safe_url(a) if "://" in a else a for a in sys.argv[1:]]
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return [
        f"command: python -m benchmarks.bench_store {' '.join(command)}".rstrip(),
        f"machine: {os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}",
        f"python {platform.python_version()}, SQLAlchemy {sqlalchemy.__version__}, SQLite {sqlite3.sqlite_version}"
        + (f", PostgreSQL {pg_version}" if pg_version else ""),
        f"ingest: {args.real} articles with the shipped models; insert: {args.raw} articles, analysis given; "
        f"bulk: {args.rows:,} articles over 2024; query times: median of {args.repeat} after a warm-up",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default=os.environ.get("NLP_SERVICE_TEST_POSTGRES_URL"),
                        help="PostgreSQL server URL (a scratch schema is created and dropped)")
    parser.add_argument("--rows", type=int, default=100_000, help="articles bulk-loaded before the queries")
    parser.add_argument("--real", type=int, default=300, help="articles ingested with real analysis")
    parser.add_argument("--raw", type=int, default=1_000, help="articles inserted one transaction each")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query")
    args = parser.parse_args()

    from nlp_service.pipeline import Analyzer

    analyzer = Analyzer.load()
    results, pg_version = [], None
    with tempfile.TemporaryDirectory() as scratch:
        results.append(bench("SQLite (file, WAL)", f"sqlite:///{Path(scratch) / 'bench.db'}", args, analyzer))
    if args.postgres:
        schema = f"nlp_bench_{uuid.uuid4().hex[:10]}"
        admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            pg_version = connection.execute(text("SHOW server_version")).scalar()
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            url = sqlalchemy.engine.make_url(args.postgres).update_query_dict({"options": f"-csearch_path={schema}"})
            results.append(bench("PostgreSQL", url.render_as_string(hide_password=False), args, analyzer))
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()

    print("\n".join(describe(args, pg_version)))
    print()
    print("| database | articles stored | ingest, real analysis (articles/s) | insert, analysis given (articles/s) "
          "| bulk load (articles/s) | topics per week, Q1 (ms) | sections per month, 2024 (ms) "
          "| topic list, first 50 (ms) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['database']} | {r['articles']:,} | {r['ingest']:.0f} | {r['insert']:.0f} | {r['bulk']:,.0f} "
              f"| {r['topics_week_quarter']:.1f} | {r['sections_month_year']:.1f} | {r['list_topic']:.1f} |")
    print()
    print(f"Q1 holds {results[0]['in_quarter']:,} article-topic rows of the {results[0]['articles']:,} articles.")


if __name__ == "__main__":
    main()
