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

import base64
import binascii
import json
import logging
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, selectinload, sessionmaker

from nlp_service.errors import ArticleNotFound, EmptyText, InvalidQuery, StoreUnavailable, TextTooLong, UnknownLabel
from nlp_service.labels import SECTIONS_BY_ID, TOPICS_BY_ID, Label
from nlp_service.schemas import AnalysisResult, Summary
from nlp_service.settings import Settings, get_settings
from nlp_service.store import stats
from nlp_service.store.engine import Engines, create_engines, database_url, migrate, safe_url
from nlp_service.store.models import Article, ArticleTopic, Correction
from nlp_service.store.schemas import (
    ArticleIn,
    ArticlePage,
    ArticleQuery,
    CorrectionOut,
    LabelCorrection,
    SaveResult,
    StatsQuery,
    StatsResult,
    StoredArticle,
    StoredLabel,
)

log = logging.getLogger("nlp_service")


class AnalyzerLike(Protocol):
    """What the store needs of an analyzer: :class:`nlp_service.Analyzer` or a stand-in with its interface."""

    def analyze(self, text: str, title: str | None = None, summary_sentences: int = 3) -> AnalysisResult: ...


def utc_naive(value: datetime | None, zone) -> datetime | None:
    """A time as stored: UTC without a zone; a time without an offset is read in ``zone``."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(UTC).replace(tzinfo=None)


def as_utc(value: datetime | None) -> datetime | None:
    return None if value is None else value.replace(tzinfo=UTC)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def search_form(*parts: str | None) -> str:
    """NFC, case-folded, runs of white space as one space: what q= is compared against, on every database."""
    return " ".join(unicodedata.normalize("NFC", " ".join(p for p in parts if p)).casefold().split())


def _like_pattern(phrase: str) -> str:
    escaped = phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def encode_cursor(sort_at: datetime, article_id: int) -> str:
    raw = json.dumps({"s": sort_at.isoformat(), "i": article_id}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        sort_at, article_id = datetime.fromisoformat(data["s"]), data["i"]
        if sort_at.tzinfo is not None or not isinstance(article_id, int) or isinstance(article_id, bool):
            raise ValueError
        return sort_at, article_id
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError) as exc:
        raise InvalidQuery("the cursor is not one this service gave out; start again without it") from exc


class ArticleStore:
    def __init__(self, engines: Engines, settings: Settings | None = None, *,
                 topics: Mapping[str, Label] = TOPICS_BY_ID, sections: Mapping[str, Label] = SECTIONS_BY_ID):
        self.engines = engines
        self.settings = settings or get_settings()
        self.zone = self.settings.zone
        self.topics = topics
        self.sections = sections
        self._write = sessionmaker(engines.write, expire_on_commit=False)
        self._read = sessionmaker(engines.read, expire_on_commit=False)

    @classmethod
    def open(cls, settings: Settings | None = None, url: str | None = None, *, run_migrations: bool = True,
             **labels) -> ArticleStore:
        """Connect to ``url`` (default: the settings' database) and migrate it to the current schema."""
        settings = settings or get_settings()
        url = url or database_url(settings)
        engines = create_engines(url, settings.sqlite_busy_timeout)
        try:
            if run_migrations:
                with _unavailable("migrate"):
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

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        with _unavailable("write"), self._write.begin() as session:
            yield session

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        with _unavailable("read"), self._read() as session:
            yield session

    # -- labels -----------------------------------------------------------------------------------------

    def _label(self, known: Mapping[str, Label], label_id: str, score: float | None, by_editor: bool) -> StoredLabel:
        label = known.get(label_id)
        return StoredLabel(id=label_id, name=label.name if label else label_id, score=score, by_editor=by_editor)

    def check_topic(self, topic_id: str) -> str:
        if topic_id not in self.topics:
            raise UnknownLabel(f"unknown topic id {topic_id!r}; see GET /v1/labels")
        return topic_id

    def check_section(self, section_id: str) -> str:
        if section_id not in self.sections:
            raise UnknownLabel(f"unknown section id {section_id!r}; see GET /v1/labels")
        return section_id

    def _out(self, row: Article) -> StoredArticle:
        return StoredArticle(
            id=row.id, external_id=row.external_id, url=row.url, title=row.title, text=row.text, source=row.source,
            published_at=as_utc(row.published_at),
            section=self._label(self.sections, row.section_id, row.section_score, row.section_by_editor),
            topics=[self._label(self.topics, t.topic_id, t.score, t.by_editor) for t in row.topics],
            summary=Summary.model_validate(row.summary), models=row.models,
            created_at=as_utc(row.created_at), updated_at=as_utc(row.updated_at),
        )

    # -- writes -----------------------------------------------------------------------------------------

    def ingest(self, article: ArticleIn, analyzer: AnalyzerLike) -> SaveResult:
        """Analyze ``article`` and store it with its analysis (analysis errors propagate; nothing is written)."""
        result = analyzer.analyze(article.text, article.title, self.settings.store_summary_sentences)
        return self.save(article, result)

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
            now = _now()
            if created:
                row = Article(external_id=article.external_id, created_at=now, section_by_editor=False,
                              topics_by_editor=False, topics=[])
                session.add(row)
            for name in ("url", "title", "source"):
                if created or name in given:
                    setattr(row, name, getattr(article, name))
            if created or "published_at" in given:
                row.published_at = utc_naive(article.published_at, self.zone)
            row.text = article.text
            row.updated_at = now
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
                self._set_topics(row, {tid: (score, False) for tid, score in scores.items()})
            for topic in row.topics:
                topic.sort_at, topic.source = row.sort_at, row.source
            session.flush()
            out = self._out(row)
        return SaveResult(article=out, created=created)

    @staticmethod
    def _set_topics(row: Article, wanted: dict[str, tuple[float | None, bool]]) -> None:
        """Make the article's topic rows ``wanted`` (id → score, by_editor), updating rows in place."""
        current = {t.topic_id: t for t in row.topics}
        for topic_id, topic in current.items():
            if topic_id not in wanted:
                row.topics.remove(topic)
        for topic_id, (score, by_editor) in wanted.items():
            topic = current.get(topic_id)
            if topic is None:
                row.topics.append(ArticleTopic(topic_id=topic_id, score=score, by_editor=by_editor,
                                               sort_at=row.sort_at, source=row.source))
            else:
                topic.score, topic.by_editor = score, by_editor
        row.topics.sort(key=lambda t: (not t.by_editor, -(t.score or 0.0), t.topic_id))

    def delete(self, article_id: int) -> None:
        with self._writing() as session:
            deleted = session.execute(delete(Article).where(Article.id == article_id)).rowcount
        if not deleted:
            raise ArticleNotFound(article_id)

    def correct(self, article_id: int, correction: LabelCorrection, editor: str) -> StoredArticle:
        """Set an article's topics and/or section as an editor says; the change is kept with its history
        and survives re-analysis. Unknown ids are an :class:`UnknownLabel` (422) and change nothing."""
        topics = None
        if correction.topics is not None:
            topics = list(dict.fromkeys(correction.topics))
            unknown = [t for t in topics if t not in self.topics]
            if unknown:
                raise UnknownLabel(f"unknown topic ids: {', '.join(map(repr, unknown))}; see GET /v1/labels")
        if correction.section is not None:
            self.check_section(correction.section)
        with self._writing() as session:
            row = session.scalars(select(Article).where(Article.id == article_id)
                                  .options(selectinload(Article.topics)).with_for_update()).one_or_none()
            if row is None:
                raise ArticleNotFound(article_id)
            now = _now()
            session.add(Correction(
                article_id=row.id, editor=editor, corrected_at=now, previous_section=row.section_id,
                previous_topics=[{"id": t.topic_id, "score": t.score, "by_editor": t.by_editor} for t in row.topics],
                section=correction.section, topics=topics))
            if correction.section is not None:
                if correction.section != row.section_id:
                    row.section_id, row.section_score = correction.section, None
                row.section_by_editor = True
            if topics is not None:
                model_scores = {t.topic_id: t.score for t in row.topics}
                self._set_topics(row, {tid: (model_scores.get(tid), True) for tid in topics})
                row.topics_by_editor = True
            row.updated_at = now
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
            return [CorrectionOut(id=c.id, article_id=c.article_id, editor=c.editor,
                                  corrected_at=as_utc(c.corrected_at), previous_section=c.previous_section,
                                  previous_topics=c.previous_topics, section=c.section, topics=c.topics)
                    for c in rows]

    def _range(self, since: datetime | None, until: datetime | None) -> tuple[datetime | None, datetime | None]:
        lo, hi = utc_naive(since, self.zone), utc_naive(until, self.zone)
        if lo is not None and hi is not None and lo >= hi:
            raise InvalidQuery("since must be before until")
        return lo, hi

    def list(self, query: ArticleQuery) -> ArticlePage:
        """Newest first (published_at, else created_at; then id), one page from ``cursor`` on."""
        limit = self.settings.list_default_limit if query.limit is None else query.limit
        if not 1 <= limit <= self.settings.list_max_limit:
            raise InvalidQuery(f"limit must be between 1 and {self.settings.list_max_limit} "
                               "(NLP_SERVICE_LIST_MAX_LIMIT)")
        lo, hi = self._range(query.since, query.until)
        stmt = select(Article).options(selectinload(Article.topics))
        if query.topic is not None:
            self.check_topic(query.topic)
            stmt = stmt.join(ArticleTopic, and_(ArticleTopic.article_id == Article.id,
                                                ArticleTopic.topic_id == query.topic))
            # The copy on article_topics: one index (topic_id, sort_at, article_id) serves filter and order.
            sort_at, ident = ArticleTopic.sort_at, ArticleTopic.article_id
        else:
            sort_at, ident = Article.sort_at, Article.id
        if query.section is not None:
            stmt = stmt.where(Article.section_id == self.check_section(query.section))
        if query.source is not None:
            stmt = stmt.where(Article.source == query.source)
        if lo is not None:
            stmt = stmt.where(sort_at >= lo)
        if hi is not None:
            stmt = stmt.where(sort_at < hi)
        if query.q is not None:
            if len(query.q) > self.settings.search_max_chars:
                raise InvalidQuery(f"q has {len(query.q)} characters; the limit is {self.settings.search_max_chars} "
                                   "(NLP_SERVICE_SEARCH_MAX_CHARS)")
            phrase = search_form(query.q)
            if phrase:
                stmt = stmt.where(Article.search_text.like(_like_pattern(phrase), escape="\\"))
        if query.cursor:
            after_at, after_id = decode_cursor(query.cursor)
            stmt = stmt.where(or_(sort_at < after_at, and_(sort_at == after_at, ident < after_id)))
        stmt = stmt.order_by(sort_at.desc(), ident.desc()).limit(limit + 1)
        with self._reading() as session:
            rows = session.scalars(stmt).all()
            items = [self._out(row) for row in rows[:limit]]
            more = len(rows) > limit
            next_cursor = encode_cursor(rows[limit - 1].sort_at, rows[limit - 1].id) if more else None
        return ArticlePage(items=items, next_cursor=next_cursor)

    def topic_stats(self, query: StatsQuery) -> StatsResult:
        """Articles per topic per day, week or month (local to the configured zone)."""
        lo, hi = self._range(query.since, query.until)
        with self._reading() as session:
            return stats.count(session, ArticleTopic, ArticleTopic.topic_id, query, lo, hi, self.zone,
                               self.settings.timezone, self.settings.stats_max_buckets)

    def section_stats(self, query: StatsQuery) -> StatsResult:
        """Articles per section per day, week or month (local to the configured zone)."""
        lo, hi = self._range(query.since, query.until)
        with self._reading() as session:
            return stats.count(session, Article, Article.section_id, query, lo, hi, self.zone,
                               self.settings.timezone, self.settings.stats_max_buckets)

    def corrected_examples(self) -> Iterator[dict]:
        """Articles whose topics an editor set, as training lines: ``{"text", "topics", ...}``, oldest first.

        ``text`` and ``topics`` are what ``nlp-service train topics --data`` reads; the other keys
        (``title``, ``section``, ``id``, ``external_id``, ``editor``, ``corrected_at``) say where the line
        came from."""
        with self._reading() as session:
            latest: dict[int, Correction] = {}
            for c in session.scalars(select(Correction).where(Correction.topics.is_not(None))
                                     .order_by(Correction.article_id, Correction.corrected_at, Correction.id)):
                latest[c.article_id] = c
            stmt = (select(Article).where(Article.topics_by_editor.is_(True)).order_by(Article.id)
                    .options(selectinload(Article.topics)).execution_options(yield_per=500))
            for row in session.scalars(stmt):
                correction = latest.get(row.id)
                yield {
                    "text": row.text,
                    "topics": sorted(t.topic_id for t in row.topics),
                    "title": row.title,
                    "section": row.section_id,
                    "id": row.id,
                    "external_id": row.external_id,
                    "editor": correction.editor if correction else None,
                    "corrected_at": as_utc(correction.corrected_at).isoformat() if correction else None,
                }

    def count(self) -> int:
        with self._reading() as session:
            return session.scalar(select(func.count()).select_from(Article))


@contextmanager
def _unavailable(what: str) -> Iterator[None]:
    """Connection-level database failures as :class:`StoreUnavailable`; the message names no URL or key."""
    try:
        yield
    except OperationalError as exc:
        log.warning("article store could not %s: %s", what, type(exc.orig).__name__ if exc.orig else type(exc).__name__)
        raise StoreUnavailable(_retry(what, "the database is unreachable or busy")) from exc
    except PoolTimeout as exc:  # every pooled connection stayed busy
        log.warning("article store could not %s: no free database connection", what)
        raise StoreUnavailable(_retry(what, "no database connection was free in time")) from exc
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise StoreUnavailable(_retry(what, "the database connection was lost")) from exc
        raise


def _retry(what: str, why: str) -> str:
    if what == "write":
        return (f"the article store could not write: {why}. The change was not acknowledged; retry "
                "(posting the same external_id again never makes a duplicate)")
    return f"the article store could not {what}: {why}; retry shortly"
