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
