"""The store's tables (SQLAlchemy 2 declarative). The schema itself is created by the Alembic migrations
in ``migrations/versions``; a test checks that they and these models agree.

Times are UTC without a zone (``DateTime``) on both SQLite and PostgreSQL, so comparisons and the stats
arithmetic are the same on both; the repository converts at the edges.

``sort_at`` is ``published_at`` if known, else ``created_at``: the one order of lists, cursors and stats.
``article_topics`` copies ``sort_at`` and ``source`` from its article so that topic filters and topic
stats read one table through one index; the repository writes them together in one transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# BIGINT on PostgreSQL; INTEGER on SQLite, where only "INTEGER PRIMARY KEY" is the auto-incrementing rowid.
Id = BigInteger().with_variant(Integer(), "sqlite")

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

EXTERNAL_ID_CHARS = 255
SOURCE_CHARS = 255
LABEL_CHARS = 64
# Ids are 64-bit on PostgreSQL (BIGINT identity) and SQLite alike; a larger number names no article.
MAX_ID = 2**63 - 1


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    external_id: Mapped[str | None] = mapped_column(String(EXTERNAL_ID_CHARS), unique=True)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(SOURCE_CHARS))
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    sort_at: Mapped[datetime] = mapped_column(DateTime)
    section_id: Mapped[str] = mapped_column(String(LABEL_CHARS))
    section_score: Mapped[float | None] = mapped_column(Float)
    section_by_editor: Mapped[bool] = mapped_column(Boolean, default=False)
    topics_by_editor: Mapped[bool] = mapped_column(Boolean, default=False)
    summary: Mapped[dict] = mapped_column(JSON)
    models: Mapped[dict] = mapped_column(JSON)
    # Case-folded NFC title and text: the same substring search on SQLite and PostgreSQL.
    search_text: Mapped[str] = mapped_column(Text)

    topics: Mapped[list[ArticleTopic]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True,
        # Editors' labels first, then by score (labels without one last), the same on every database.
        order_by=lambda: [ArticleTopic.by_editor.desc(), ArticleTopic.score.desc().nulls_last(), ArticleTopic.topic_id])

    __table_args__ = (
        Index("ix_articles_sort_at_id", "sort_at", "id"),
        Index("ix_articles_source_sort_at", "source", "sort_at"),
        Index("ix_articles_section_id_sort_at", "section_id", "sort_at"),
    )


class ArticleTopic(Base):
    __tablename__ = "article_topics"

    article_id: Mapped[int] = mapped_column(Id, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    topic_id: Mapped[str] = mapped_column(String(LABEL_CHARS), primary_key=True)
    score: Mapped[float | None] = mapped_column(Float)
    by_editor: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_at: Mapped[datetime] = mapped_column(DateTime)
    source: Mapped[str | None] = mapped_column(String(SOURCE_CHARS))

    article: Mapped[Article] = relationship(back_populates="topics")

    __table_args__ = (
        Index("ix_article_topics_topic_id_sort_at", "topic_id", "sort_at", "article_id"),
        Index("ix_article_topics_sort_at_topic_id", "sort_at", "topic_id"),
        Index("ix_article_topics_source_sort_at", "source", "sort_at", "topic_id"),
    )


class Correction(Base):
    """One editor correction: who, when, and the labels before and after."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    article_id: Mapped[int] = mapped_column(Id, ForeignKey("articles.id", ondelete="CASCADE"))
    editor: Mapped[str] = mapped_column(String(128))
    corrected_at: Mapped[datetime] = mapped_column(DateTime)
    previous_section: Mapped[str] = mapped_column(String(LABEL_CHARS))
    previous_topics: Mapped[list] = mapped_column(JSON)
    section: Mapped[str | None] = mapped_column(String(LABEL_CHARS))  # NULL: the section was left alone
    # SQL NULL (not JSON null) when this correction left the topics alone.
    topics: Mapped[list | None] = mapped_column(JSON(none_as_null=True))

    __table_args__ = (Index("ix_corrections_article_id_corrected_at", "article_id", "corrected_at"),)
