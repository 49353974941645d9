"""Failures expressed as data: the library raises these, the API maps each to problem+json."""

from __future__ import annotations


class NlpServiceError(Exception):
    """Base class; ``status`` is the HTTP status the API answers with."""

    status = 400
    title = "Bad request"


class EmptyText(NlpServiceError):
    status = 422
    title = "No article text"


class TextTooLong(NlpServiceError):
    status = 413
    title = "Text too long"

    def __init__(self, length: int, limit: int):
        super().__init__(f"the text has {length:,} characters; the limit is {limit:,} (NLP_SERVICE_MAX_CHARS)")
        self.length = length
        self.limit = limit


class InvalidBudget(NlpServiceError):
    """A summary budget that cannot be met as asked (two budgets at once, a ratio above 1)."""

    status = 422
    title = "Invalid summary budget"


class UnknownSummaryMethod(NlpServiceError):
    status = 422
    title = "Unknown summary method"


class ModelNotReady(NlpServiceError):
    status = 503
    title = "Models not loaded"


class ModelIntegrityError(NlpServiceError):
    """A model directory whose card is missing or malformed, or whose artifact hash differs."""

    status = 500
    title = "Model artifact rejected"


class InvalidTrainingData(NlpServiceError):
    status = 422
    title = "Invalid training data"


class ConfigurationError(NlpServiceError):
    """A setting that cannot work (malformed API keys, keys missing on a public address)."""

    status = 500
    title = "Service misconfigured"


class ArticleNotFound(NlpServiceError):
    status = 404
    title = "Article not found"

    def __init__(self, article_id: int):
        super().__init__(f"no stored article has id {article_id}")
        self.article_id = article_id


class UnknownLabel(NlpServiceError):
    """A topic or section id that the taxonomy does not have."""

    status = 422
    title = "Unknown label"


class InvalidQuery(NlpServiceError):
    """A list or stats query that cannot be answered as asked (bad cursor, empty range, too many buckets)."""

    status = 422
    title = "Invalid query"


class StoreUnavailable(NlpServiceError):
    """The database cannot be reached or stayed locked; nothing was written."""

    status = 503
    title = "Article store unavailable"
