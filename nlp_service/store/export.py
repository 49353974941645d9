"""The training export: articles whose topics an editor set, as lines ``nlp-service train topics`` reads."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from nlp_service.store.models import Article, Correction
from nlp_service.store.times import as_utc


def corrected_examples(session: Session) -> Iterator[dict]:
    """``{"text", "topics", ...}`` per editor-corrected article, oldest first.

    ``text`` and ``topics`` are what ``nlp-service train topics --data`` reads; the other keys
    (``title``, ``section``, ``id``, ``external_id``, ``editor``, ``corrected_at``) say where the line
    came from."""
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
