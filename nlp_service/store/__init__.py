"""The article store: analyzed articles, their topics, editor corrections and dashboard counts.

SQLAlchemy 2 over SQLite (a file in ``NLP_SERVICE_DATA_DIR``, WAL) or PostgreSQL
(``NLP_SERVICE_DATABASE_URL=postgresql+psycopg://...``); the schema is migrated by Alembic
(``migrations/``, shipped with the package) whenever a store is opened.
"""

from nlp_service.store.repository import AnalyzerLike, ArticleStore
from nlp_service.store.schemas import (
    ArticleIn,
    ArticlePage,
    ArticleQuery,
    CorrectionOut,
    LabelCorrection,
    ReviewItem,
    ReviewPage,
    SaveResult,
    StatsQuery,
    StatsResult,
    StoredArticle,
)

__all__ = [
    "AnalyzerLike",
    "ArticleIn",
    "ArticlePage",
    "ArticleQuery",
    "ArticleStore",
    "CorrectionOut",
    "LabelCorrection",
    "ReviewItem",
    "ReviewPage",
    "SaveResult",
    "StatsQuery",
    "StatsResult",
    "StoredArticle",
]
