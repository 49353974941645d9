"""The review queue: stored articles no editor has labelled, the most doubtful first.

An article's doubt is the smallest gap between one of its assigned topics' scores and that topic's
threshold (from the topics model's card): the calls a correction is most likely to overturn, and so the
ones that teach the next model most. Only assigned topics have stored scores, so an article the model gave
no topic is not in the queue.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Select, case, func, select

from nlp_service.errors import InvalidQuery
from nlp_service.settings import Settings
from nlp_service.store.models import Article, ArticleTopic
from nlp_service.store.schemas import ReviewItem, StoredArticle


def queue_limit(limit: int, settings: Settings) -> int:
    if not 1 <= limit <= settings.list_max_limit:
        raise InvalidQuery(f"limit must be between 1 and {settings.list_max_limit} (NLP_SERVICE_LIST_MAX_LIMIT)")
    return limit


def queue_statement(thresholds: Mapping[str, float], limit: int) -> Select | None:
    """(article id, gap) of the ``limit`` most doubtful articles, smallest gap first; None without thresholds."""
    if not thresholds:
        return None
    gap = func.min(func.abs(ArticleTopic.score - case(dict(thresholds), value=ArticleTopic.topic_id))).label("gap")
    return (select(ArticleTopic.article_id, gap).join(Article, Article.id == ArticleTopic.article_id)
            .where(Article.topics_by_editor.is_(False), ArticleTopic.score.is_not(None),
                   ArticleTopic.topic_id.in_(list(thresholds)))
            .group_by(ArticleTopic.article_id).order_by(gap, ArticleTopic.article_id).limit(limit))


def item(article: StoredArticle, thresholds: Mapping[str, float]) -> ReviewItem:
    nearest = min((t for t in article.topics if t.id in thresholds and t.score is not None),
                  key=lambda t: abs(t.score - thresholds[t.id]))
    return ReviewItem(id=article.id, title=article.title, text_start=article.text[:120], source=article.source,
                      published_at=article.published_at, section=article.section, topics=article.topics,
                      nearest_topic=nearest.id, margin=round(nearest.score - thresholds[nearest.id], 4))
