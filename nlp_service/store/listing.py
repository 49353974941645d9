"""The list query: newest first (published_at, else created_at; then id), filtered, one keyset page."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import selectinload

from nlp_service.errors import InvalidQuery
from nlp_service.settings import Settings
from nlp_service.store.cursor import decode_cursor
from nlp_service.store.label_checks import KnownLabels
from nlp_service.store.models import Article, ArticleTopic
from nlp_service.store.schemas import ArticleQuery
from nlp_service.store.search import like_pattern, search_form


def page_limit(query: ArticleQuery, settings: Settings) -> int:
    """The page size asked for, or the default; outside 1..``list_max_limit`` is an :class:`InvalidQuery`."""
    limit = settings.list_default_limit if query.limit is None else query.limit
    if not 1 <= limit <= settings.list_max_limit:
        raise InvalidQuery(f"limit must be between 1 and {settings.list_max_limit} (NLP_SERVICE_LIST_MAX_LIMIT)")
    return limit


def list_statement(query: ArticleQuery, limit: int, lo: datetime | None, hi: datetime | None, settings: Settings,
                   topics: KnownLabels, sections: KnownLabels) -> Select:
    """The SELECT of ``limit + 1`` articles (one more tells whether a next page exists) in ``[lo, hi)``."""
    stmt = select(Article).options(selectinload(Article.topics))
    if query.topic is not None:
        topics.check(query.topic)
        stmt = stmt.join(ArticleTopic, and_(ArticleTopic.article_id == Article.id,
                                            ArticleTopic.topic_id == query.topic))
        # The copy on article_topics: one index (topic_id, sort_at, article_id) serves filter and order.
        sort_at, ident = ArticleTopic.sort_at, ArticleTopic.article_id
    else:
        sort_at, ident = Article.sort_at, Article.id
    if query.section is not None:
        stmt = stmt.where(Article.section_id == sections.check(query.section))
    if query.source is not None:
        stmt = stmt.where(Article.source == query.source)
    if lo is not None:
        stmt = stmt.where(sort_at >= lo)
    if hi is not None:
        stmt = stmt.where(sort_at < hi)
    if query.q is not None:
        if len(query.q) > settings.search_max_chars:
            raise InvalidQuery(f"q has {len(query.q)} characters; the limit is {settings.search_max_chars} "
                               "(NLP_SERVICE_SEARCH_MAX_CHARS)")
        phrase = search_form(query.q)
        if phrase:
            stmt = stmt.where(Article.search_text.like(like_pattern(phrase), escape="\\"))
    if query.cursor:
        after_at, after_id = decode_cursor(query.cursor)
        stmt = stmt.where(or_(sort_at < after_at, and_(sort_at == after_at, ident < after_id)))
    return stmt.order_by(sort_at.desc(), ident.desc()).limit(limit + 1)
