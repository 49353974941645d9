"""Row mapping: database rows (``models``) to the store's public schemas, and an article's topic rows."""

from __future__ import annotations

from nlp_service.schemas import Summary
from nlp_service.store.label_checks import KnownLabels
from nlp_service.store.models import Article, ArticleTopic, Correction
from nlp_service.store.schemas import CorrectionOut, StoredArticle
from nlp_service.store.times import as_utc


def article_out(row: Article, topics: KnownLabels, sections: KnownLabels) -> StoredArticle:
    return StoredArticle(
        id=row.id, external_id=row.external_id, url=row.url, title=row.title, text=row.text, source=row.source,
        published_at=as_utc(row.published_at),
        section=sections.stored(row.section_id, row.section_score, row.section_by_editor),
        topics=[topics.stored(t.topic_id, t.score, t.by_editor) for t in row.topics],
        summary=Summary.model_validate(row.summary), models=row.models,
        created_at=as_utc(row.created_at), updated_at=as_utc(row.updated_at),
    )


def correction_out(c: Correction) -> CorrectionOut:
    return CorrectionOut(id=c.id, article_id=c.article_id, editor=c.editor, corrected_at=as_utc(c.corrected_at),
                         previous_section=c.previous_section, previous_topics=c.previous_topics,
                         section=c.section, topics=c.topics)


def set_topics(row: Article, wanted: dict[str, tuple[float | None, bool]]) -> None:
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
