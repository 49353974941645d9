"""Article store: articles, their topics (one row per article-topic) and editor corrections.

Revision ID: 0001
Revises:
Create Date: 2025-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("external_id", sa.String(255), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.String(255), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("sort_at", sa.DateTime(), nullable=False),
        sa.Column("section_id", sa.String(64), nullable=False),
        sa.Column("section_score", sa.Float(), nullable=True),
        sa.Column("section_by_editor", sa.Boolean(), nullable=False),
        sa.Column("topics_by_editor", sa.Boolean(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("models", sa.JSON(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("external_id", name="uq_articles_external_id"),
    )
    op.create_index("ix_articles_sort_at_id", "articles", ["sort_at", "id"])
    op.create_index("ix_articles_source_sort_at", "articles", ["source", "sort_at"])
    op.create_index("ix_articles_section_id_sort_at", "articles", ["section_id", "sort_at"])

    op.create_table(
        "article_topics",
        sa.Column("article_id", Id, nullable=False),
        sa.Column("topic_id", sa.String(64), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("by_editor", sa.Boolean(), nullable=False),
        sa.Column("sort_at", sa.DateTime(), nullable=False),
        sa.Column("source", sa.String(255), nullable=True),
        sa.PrimaryKeyConstraint("article_id", "topic_id", name="pk_article_topics"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name="fk_article_topics_article_id_articles"),
    )
    op.create_index("ix_article_topics_topic_id_sort_at", "article_topics", ["topic_id", "sort_at", "article_id"])
    op.create_index("ix_article_topics_sort_at_topic_id", "article_topics", ["sort_at", "topic_id"])
    op.create_index("ix_article_topics_source_sort_at", "article_topics", ["source", "sort_at", "topic_id"])

    op.create_table(
        "corrections",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("article_id", Id, nullable=False),
        sa.Column("editor", sa.String(128), nullable=False),
        sa.Column("corrected_at", sa.DateTime(), nullable=False),
        sa.Column("previous_section", sa.String(64), nullable=False),
        sa.Column("previous_topics", sa.JSON(), nullable=False),
        sa.Column("section", sa.String(64), nullable=True),
        sa.Column("topics", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_corrections"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name="fk_corrections_article_id_articles"),
    )
    op.create_index("ix_corrections_article_id_corrected_at", "corrections", ["article_id", "corrected_at"])


def downgrade() -> None:
    op.drop_table("corrections")
    op.drop_table("article_topics")
    op.drop_table("articles")
