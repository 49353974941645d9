"""Failures expressed as data: the library raises these, the API maps each to problem+json.

Each kind states its HTTP status and problem title in its class line (``status=``, ``title=``).
"""

from __future__ import annotations


class NlpServiceError(Exception):
    """Base class; ``status`` is the HTTP status the API answers with, ``title`` the problem's title."""

    status = 400
    title = "Bad request"

    def __init_subclass__(cls, status: int | None = None, title: str | None = None, **kwargs):
        super().__init_subclass__(**kwargs)
        if status is not None:
            cls.status = status
        if title is not None:
            cls.title = title

    def __reduce__(self):
        """Pickled as its class, message and attributes, not by calling ``__init__`` again: kinds whose
        ``__init__`` takes numbers (``TextTooLong(length, limit)``) then come back whole from a worker process."""
        return _restore, (type(self), self.args, self.__dict__)


def _restore(cls: type[NlpServiceError], args: tuple, state: dict) -> NlpServiceError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class EmptyText(NlpServiceError, status=422, title="No article text"):
    """No text to analyze: empty, blank, or nothing left once page furniture is removed."""


class TextTooLong(NlpServiceError, status=413, title="Text too long"):
    """A text over the ``max_chars`` setting."""

    def __init__(self, length: int, limit: int):
        super().__init__(f"the text has {length:,} characters; the limit is {limit:,} (NLP_SERVICE_MAX_CHARS)")
        self.length = length
        self.limit = limit


class PageTooLarge(NlpServiceError, status=413, title="Page too large"):
    """The raw text or page is over ``max_page_bytes`` before anything is extracted from it."""

    def __init__(self, size: int, limit: int):
        super().__init__(f"the page has {size:,} bytes; the limit is {limit:,} (NLP_SERVICE_MAX_PAGE_BYTES)")
        self.size = size
        self.limit = limit


class InvalidBudget(NlpServiceError, status=422, title="Invalid summary budget"):
    """A summary budget that cannot be met as asked (two budgets at once, a ratio above 1, too many sentences)."""


class UnknownSummaryMethod(NlpServiceError, status=422, title="Unknown summary method"):
    """A summary method that :mod:`nlp_service.summarize.registry` does not name."""


class ModelNotReady(NlpServiceError, status=503, title="Models not loaded"):
    """The models are still loading, failed to load, or the one asked for is not installed."""


class ModelIntegrityError(NlpServiceError, status=500, title="Model artifact rejected"):
    """A model directory whose card is missing or malformed, or whose artifact hash differs."""


class InvalidTrainingData(NlpServiceError, status=422, title="Invalid training data"):
    """Training lines that cannot train a model (malformed lines, too few documents or examples)."""


class ConfigurationError(NlpServiceError, status=500, title="Service misconfigured"):
    """A setting that cannot work (malformed API keys, keys missing on a public address)."""


class ArticleNotFound(NlpServiceError, status=404, title="Article not found"):
    """No stored article has the id asked for."""

    def __init__(self, article_id: int):
        super().__init__(f"no stored article has id {article_id}")
        self.article_id = article_id


class UnknownLabel(NlpServiceError, status=422, title="Unknown label"):
    """A topic or section id that the taxonomy does not have."""


class InvalidQuery(NlpServiceError, status=422, title="Invalid query"):
    """A list or stats query that cannot be answered as asked (bad cursor, empty range, too many buckets)."""


class StoreUnavailable(NlpServiceError, status=503, title="Article store unavailable"):
    """The database cannot be reached or stayed locked; nothing was written."""


class TooManySentences(NlpServiceError, status=413, title="Too many sentences"):
    """An article that splits into more sentences than the summarizer is allowed to weigh against each other."""

    def __init__(self, count: int, limit: int):
        super().__init__(f"the text has more than {limit:,} sentences (at least {count:,}); the limit is "
                         f"{limit:,} (NLP_SERVICE_MAX_SENTENCES)")


class TitleTooLong(NlpServiceError, status=422, title="Title too long"):
    """A field over its length, like the store's own title limit: a 422, where a long text is a 413."""

    def __init__(self, length: int, limit: int):
        super().__init__(f"the title has {length:,} characters; the limit is {limit:,} (NLP_SERVICE_MAX_TITLE_CHARS)")


class Overloaded(NlpServiceError, status=503, title="Service overloaded"):
    """Every analysis worker is busy and the queue in front of them is full; nothing was done."""


class AnalysisProcessLost(NlpServiceError, status=503, title="Analysis process lost"):
    """The worker process running the analysis stopped (out of memory, killed); it is being restarted."""


class DeadlineExceeded(NlpServiceError, status=504, title="Request took too long"):
    """The request ran past its deadline (NLP_SERVICE_REQUEST_TIMEOUT); the work stopped at a stage boundary."""
