"""The article store: keep analyzed articles, list and filter them, take editors' corrections.

    from nlp_service.store import ArticleStore, ArticleIn
    store = ArticleStore.open()                       # settings' database; migrates on open
    saved = store.ingest(ArticleIn(text=...), analyzer)  # analyze, then store; saved.created
    store.list(ArticleQuery(topic="cai_cach_hanh_chinh", limit=20))
    store.topic_stats(StatsQuery(since=..., until=..., interval="week"))

Every write is one transaction that has committed when the method returns, so a caller that answers
only after it returns never acknowledges a write that a crash could lose. Database failures come out as
:class:`~nlp_service.errors.StoreUnavailable` (503), bad input as 404/422 library errors.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Protocol

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from nlp_service.errors import ArticleNotFound, EmptyText, StoreUnavailable, TextTooLong
from nlp_service.labels import SECTIONS_BY_ID, TOPICS_BY_ID, Label
from nlp_service.schemas import AnalysisResult
from nlp_service.settings import Settings, get_settings
from nlp_service.store import export, review, stats
from nlp_service.store.cursor import encode_cursor
from nlp_service.store.engine import Engines, create_engines, database_url, migrate, safe_url, sqlite_file
from nlp_service.store.failures import unavailable
from nlp_service.store.label_checks import KnownLabels
from nlp_service.store.listing import list_statement, page_limit
from nlp_service.store.models import Article, ArticleTopic, Correction
from nlp_service.store.rows import article_out, correction_out, set_topics
from nlp_service.store.schemas import (ArticleIn, ArticlePage, ArticleQuery, CorrectionOut,
                                       LabelCorrection, ReviewPage, SaveResult, StatsQuery, StatsResult, StoredArticle)
from nlp_service.store.search import search_form
from nlp_service.store.times import now, utc_naive, utc_range

log = logging.getLogger("nlp_service")


class AnalyzerLike(Protocol):
    """What the store needs of an analyzer: :class:`nlp_service.Analyzer` or a stand-in with its interface."""

    def analyze(self, text: str, title: str | None = None, summary_sentences: int = 3, *,
                include_text: bool = False, deadline: float | None = None) -> AnalysisResult: ...


class ArticleStore:
    def __init__(self, engines: Engines, settings: Settings | None = None, *,
                 topics: Mapping[str, Label] = TOPICS_BY_ID, sections: Mapping[str, Label] = SECTIONS_BY_ID):
        self.engines = engines
        self.settings = settings or get_settings()
        self.zone = self.settings.zone
        self.topics = KnownLabels("topic", topics)
        self.sections = KnownLabels("section", sections)
        self._write = sessionmaker(engines.write, expire_on_commit=False)
        self._read = sessionmaker(engines.read, expire_on_commit=False)
        self._file = sqlite_file(engines)
        self._identity = _identity(self._file) if self._file else None

    @classmethod
    def open(cls, settings: Settings | None = None, url: str | None = None, *, run_migrations: bool = True,
             **labels) -> ArticleStore:
        """Connect to ``url`` (default: the settings' database) and migrate it to the current schema."""
        settings = settings or get_settings()
        url = url or database_url(settings)
        engines = create_engines(url, settings.sqlite_busy_timeout, settings.db_connect_timeout,
                                 settings.db_statement_timeout)
        try:
            if run_migrations:
                with unavailable("migrate"):
                    migrate(engines)
        except BaseException:
            engines.dispose()
            raise
        log.info("article store: %s (%s)", safe_url(url), engines.dialect)
        return cls(engines, settings, **labels)

    def close(self) -> None:
        self.engines.dispose()

    @property
    def dialect(self) -> str:
        return self.engines.dialect

    # -- sessions ---------------------------------------------------------------------------------------

    def _same_file(self) -> None:
        """A SQLite store's file is still the one it opened. Deleted (or replaced) under a running service,
        an open connection would go on committing into the unlinked file, lost at the next restart."""
        if self._file is not None and _identity(self._file) != self._identity:
            log.warning("article store: the SQLite file %s is gone or was replaced", self._file)
            raise StoreUnavailable(f"the SQLite file {self._file.name} was deleted or replaced while the service ran; "
                                   "nothing is written until the service restarts on a database")

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        with unavailable("write"):
            with self._write.begin() as session:
                yield session
                self._same_file()  # before the commit: a failed check rolls back
            self._same_file()  # after it: a file that vanished during the commit is not acknowledged

    def check(self) -> None:
        """Readiness: the database answers and, for SQLite, its file is still the one opened and writable."""
        self._same_file()
        if self._file is not None and not os.access(self._file, os.W_OK):
            raise StoreUnavailable(f"the SQLite file {self._file.name} is read-only")
        with unavailable("answer"), self.engines.read.connect() as connection:
            connection.exec_driver_sql("SELECT 1")

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        with unavailable("read"), self._read() as session:
            yield session

    def check_topic(self, topic_id: str) -> str:
        return self.topics.check(topic_id)

    def check_section(self, section_id: str) -> str:
        return self.sections.check(section_id)

    def _out(self, row: Article) -> StoredArticle:
        return article_out(row, self.topics, self.sections)

    # -- writes -----------------------------------------------------------------------------------------

    def ingest(self, article: ArticleIn, analyzer: AnalyzerLike) -> SaveResult:
        """Analyze ``article`` and store it with its analysis (analysis errors propagate; nothing is written).
        A page is kept as its article (:meth:`ArticleIn.analyzed`)."""
        result = analyzer.analyze(article.text, article.title, self.settings.store_summary_sentences,
                                  include_text=True)
        return self.save(article.analyzed(result), result)

    def save(self, article: ArticleIn, result: AnalysisResult) -> SaveResult:
        """Store ``article`` with an analysis of its text. An ``external_id`` already stored is updated:
        fields the input leaves out keep their stored value, and labels an editor set stay."""
        if not article.text.strip():
            raise EmptyText("the article text is empty")
        if len(article.text) > self.settings.max_chars:  # whatever analyzed it, the store keeps no more
            raise TextTooLong(len(article.text), self.settings.max_chars)
        try:
            return self._save(article, result)
        except IntegrityError:
            if article.external_id is None:
                raise
            # Another request stored the same external_id between our look-up and our insert: update it.
            return self._save(article, result)

    def _save(self, article: ArticleIn, result: AnalysisResult) -> SaveResult:
        given = article.model_fields_set
        with self._writing() as session:
            row = None
            if article.external_id is not None:
                row = session.scalars(select(Article).where(Article.external_id == article.external_id)
                                      .options(selectinload(Article.topics)).with_for_update()).one_or_none()
            created = row is None
            at = now()
            if created:
                row = Article(external_id=article.external_id, created_at=at, section_by_editor=False,
                              topics_by_editor=False, topics=[])
                session.add(row)
            for name in ("url", "title", "source"):
                if created or name in given:
                    setattr(row, name, getattr(article, name))
            if created or "published_at" in given:
                row.published_at = utc_naive(article.published_at, self.zone)
            row.text = article.text
            row.updated_at = at
            row.sort_at = row.published_at or row.created_at
            row.search_text = search_form(row.title, row.text)
            row.summary = result.summary.model_dump(mode="json")
            row.models = dict(result.meta.models)
            if not row.section_by_editor:
                row.section_id, row.section_score = result.section.id, result.section.score
            if not row.topics_by_editor:
                scores: dict[str, float] = {}
                for topic in result.topics:
                    scores[topic.id] = max(topic.score, scores.get(topic.id, 0.0))
                set_topics(row, {tid: (score, False) for tid, score in scores.items()})
            for topic in row.topics:
                topic.sort_at, topic.source = row.sort_at, row.source
            session.flush()
            out = self._out(row)
        return SaveResult(article=out, created=created)

    def delete(self, article_id: int) -> None:
        with self._writing() as session:
            deleted = session.execute(delete(Article).where(Article.id == article_id)).rowcount
        if not deleted:
            raise ArticleNotFound(article_id)

    def correct(self, article_id: int, correction: LabelCorrection, editor: str) -> StoredArticle:
        """Set an article's topics and/or section as an editor says; the change is kept with its history
        and survives re-analysis. Unknown ids are an :class:`UnknownLabel` (422) and change nothing."""
        topics = None if correction.topics is None else self.topics.check_all(correction.topics)
        if correction.section is not None:
            self.sections.check(correction.section)
        with self._writing() as session:
            row = session.scalars(select(Article).where(Article.id == article_id)
                                  .options(selectinload(Article.topics)).with_for_update()).one_or_none()
            if row is None:
                raise ArticleNotFound(article_id)
            at = now()
            session.add(Correction(
                article_id=row.id, editor=editor, corrected_at=at, previous_section=row.section_id,
                previous_topics=[{"id": t.topic_id, "score": t.score, "by_editor": t.by_editor} for t in row.topics],
                section=correction.section, topics=topics))
            if correction.section is not None:
                if correction.section != row.section_id:
                    row.section_id, row.section_score = correction.section, None
                row.section_by_editor = True
            if topics is not None:
                model_scores = {t.topic_id: t.score for t in row.topics}
                set_topics(row, {tid: (model_scores.get(tid), True) for tid in topics})
                row.topics_by_editor = True
            row.updated_at = at
            session.flush()
            out = self._out(row)
        return out

    # -- reads ------------------------------------------------------------------------------------------

    def get(self, article_id: int) -> StoredArticle:
        with self._reading() as session:
            row = session.scalars(select(Article).where(Article.id == article_id)
                                  .options(selectinload(Article.topics))).one_or_none()
            if row is None:
                raise ArticleNotFound(article_id)
            return self._out(row)

    def corrections(self, article_id: int) -> list[CorrectionOut]:
        with self._reading() as session:
            if session.get(Article, article_id) is None:
                raise ArticleNotFound(article_id)
            rows = session.scalars(select(Correction).where(Correction.article_id == article_id)
                                   .order_by(Correction.corrected_at, Correction.id)).all()
            return [correction_out(c) for c in rows]

    def list(self, query: ArticleQuery) -> ArticlePage:
        """Newest first (published_at, else created_at; then id), one page from ``cursor`` on."""
        limit = page_limit(query, self.settings)
        lo, hi = utc_range(query.since, query.until, self.zone)
        stmt = list_statement(query, limit, lo, hi, self.settings, self.topics, self.sections)
        with self._reading() as session:
            rows = session.scalars(stmt).all()
            items = [self._out(row) for row in rows[:limit]]
            more = len(rows) > limit
            next_cursor = encode_cursor(rows[limit - 1].sort_at, rows[limit - 1].id) if more else None
        return ArticlePage(items=items, next_cursor=next_cursor)

    def _stats_filters(self, query: StatsQuery) -> tuple[list[str] | None, str | None]:
        topics = None if query.topic is None else self.topics.check_all(query.topic)
        section = None if query.section is None else self.sections.check(query.section)
        return topics, section

    def topic_stats(self, query: StatsQuery) -> StatsResult:
        """Articles per topic per day, week or month (local to the configured zone)."""
        lo, hi = utc_range(query.since, query.until, self.zone)
        topics, section = self._stats_filters(query)
        where = []
        if topics is not None:
            where.append(ArticleTopic.topic_id.in_(topics))
        if section is not None:
            where.append(ArticleTopic.article_id.in_(select(Article.id).where(Article.section_id == section)))
        with self._reading() as session:
            return stats.count(session, ArticleTopic, ArticleTopic.topic_id, query, lo, hi, self.zone,
                               self.settings.timezone, self.settings.stats_max_buckets, tuple(where))

    def section_stats(self, query: StatsQuery) -> StatsResult:
        """Articles per section per day, week or month (local to the configured zone)."""
        lo, hi = utc_range(query.since, query.until, self.zone)
        topics, section = self._stats_filters(query)
        where = []
        if topics is not None:
            where.append(Article.id.in_(select(ArticleTopic.article_id).where(ArticleTopic.topic_id.in_(topics))))
        if section is not None:
            where.append(Article.section_id == section)
        with self._reading() as session:
            return stats.count(session, Article, Article.section_id, query, lo, hi, self.zone,
                               self.settings.timezone, self.settings.stats_max_buckets, tuple(where))

    def review_queue(self, thresholds: Mapping[str, float], limit: int) -> ReviewPage:
        """Articles no editor has labelled, the most doubtful first (see :mod:`nlp_service.store.review`)."""
        known = {t: thresholds[t] for t in self.topics.by_id if t in thresholds}
        statement = review.queue_statement(known, review.queue_limit(limit, self.settings))
        if statement is None:
            return ReviewPage(items=[])
        with self._reading() as session:
            order = [article_id for article_id, _ in session.execute(statement)]
            rows = {row.id: row for row in session.scalars(select(Article).where(Article.id.in_(order))
                                                           .options(selectinload(Article.topics)))}
            return ReviewPage(items=[review.item(self._out(rows[article_id]), known) for article_id in order])

    def corrected_examples(self) -> Iterator[dict]:
        """Articles whose topics an editor set, as training lines (see :func:`export.corrected_examples`)."""
        with self._reading() as session:
            yield from export.corrected_examples(session)

    def count(self) -> int:
        with self._reading() as session:
            return session.scalar(select(func.count()).select_from(Article))


def _identity(path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino
