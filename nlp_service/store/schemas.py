"""What goes into the store and what comes out: shared by the Python API, the HTTP API and the CLI.

Inputs are strict (a number where text belongs is an error, never coerced); times without an offset are
read in the configured zone (``NLP_SERVICE_TIMEZONE``). Stored times come out in UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from nlp_service.schemas import AnalysisResult, Summary
from nlp_service.text.clean import drop_unencodable
from nlp_service.store.models import EXTERNAL_ID_CHARS, LABEL_CHARS, SOURCE_CHARS

URL_CHARS = 2048
TITLE_CHARS = 1000
EARLIEST_YEAR, LATEST_YEAR = 1900, 2199
CURSOR_CHARS = 200  # the cursors this service gives out are about 50 characters
Interval = Literal["day", "week", "month"]


# The ISO 8601 forms accepted: a date, or a date and time, with or without an offset. Numbers (which pydantic
# would read as epoch seconds, in a query string too) are refused. The OpenAPI document gives this pattern
# instead of "format: date-time", which would call the date-only form invalid.
ISO_TIME = (r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?"
            r"(Z|z|[+-]\d{2}(:?\d{2})?)?$")
_ISO_TIME = re.compile(ISO_TIME, re.ASCII)


def _time_schema(schema: dict) -> None:
    for branch in schema.get("anyOf", [schema]):
        if branch.get("format") == "date-time":
            del branch["format"]
            branch["pattern"] = ISO_TIME


def _time(value: Any) -> Any:
    """Only ISO 8601 text (or a datetime from Python) is a time; numbers are refused, not read as epochs."""
    if value is None or isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_TIME.match(value):
        raise ValueError("must be an ISO 8601 date or date-time string, e.g. 2024-03-11T08:30:00+07:00")
    return value


def _in_range(value: datetime | None) -> datetime | None:
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}")
    return value


# A time the store takes in (published_at, a filter's bounds): ISO text only, within the years it may hold.
Instant = Annotated[datetime | None, BeforeValidator(_time), AfterValidator(_in_range)]


def _encodable(value: str | None) -> str | None:
    """Lone surrogates and NUL can be neither stored nor compared (PostgreSQL text refuses NUL): an id, a
    URL, a source or a filter holding one is refused rather than silently changed."""
    if value is not None and drop_unencodable(value) != value:
        raise ValueError("holds a NUL character or a lone UTF-16 surrogate")
    return value


def _not_blank(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise ValueError("is blank")
    return value


class ArticleIn(BaseModel):
    """An article to analyze and keep. Posting an ``external_id`` again updates that article."""

    model_config = ConfigDict(strict=True, extra="forbid")

    external_id: str | None = Field(None, max_length=EXTERNAL_ID_CHARS,
                                    description="the publisher's id; the same id again updates the article")
    url: str | None = Field(None, max_length=URL_CHARS)
    title: str | None = Field(None, max_length=TITLE_CHARS, description="the headline, if known")
    text: str = Field(description="the article, plain text or HTML")
    published_at: Instant = Field(None, strict=False, json_schema_extra=_time_schema,
                                  description="ISO 8601; without an offset it is read in NLP_SERVICE_TIMEZONE")
    source: str | None = Field(None, max_length=SOURCE_CHARS, description="the publishing site or desk")

    def analyzed(self, result: AnalysisResult) -> ArticleIn:
        """The article as the store keeps it once ``result`` (asked with ``include_text``) has read it: a page's
        article text, not its markup and furniture (so ``q=`` searches the article), and, when no title was
        posted, the headline found in the page. Without ``result.text`` the text is kept as posted."""
        update: dict[str, Any] = {"text": result.text} if result.text is not None else {}
        if not self.title and result.meta.title:
            update["title"] = result.meta.title[:TITLE_CHARS]
        return self.model_copy(update=update)

    @field_validator("text", "title", mode="before")
    @classmethod
    def _clean(cls, value: Any) -> Any:
        return drop_unencodable(value) if isinstance(value, str) else value  # what a reader wants: the text, kept

    @field_validator("external_id", "url", "source")
    @classmethod
    def _exact(cls, value: str | None) -> str | None:
        return _encodable(value)

    @field_validator("text", "external_id", "source")
    @classmethod
    def _blank(cls, value: str | None) -> str | None:
        return _not_blank(value)



class LabelCorrection(BaseModel):
    """An editor's labels; a field left out (or null) stays as it is. Topics replace the whole set."""

    model_config = ConfigDict(strict=True, extra="forbid")

    topics: list[str] | None = Field(None, max_length=100, description="topic ids (may be empty: no topic)")
    section: str | None = Field(None, description="a section id")

    @model_validator(mode="after")
    def _something(self) -> LabelCorrection:
        if self.topics is None and self.section is None:
            raise ValueError('give "topics", "section" or both')
        return self


class StoredLabel(BaseModel):
    id: str
    name: str
    score: float | None = Field(description="the model's probability; null when an editor added the label")
    by_editor: bool = Field(description="an editor set this label; re-analysis keeps it")


class StoredArticle(BaseModel):
    id: int
    external_id: str | None
    url: str | None
    title: str | None
    text: str
    source: str | None
    published_at: datetime | None
    section: StoredLabel
    topics: list[StoredLabel]
    summary: Summary
    models: dict[str, str] = Field(description="versions of the models that analyzed the text")
    created_at: datetime
    updated_at: datetime


class ArticlePage(BaseModel):
    items: list[StoredArticle]
    next_cursor: str | None = Field(description="pass as cursor= for the next page; null on the last page")


class _Filters(BaseModel):
    """What lists and stats share: a time range within the years a stored article may have, filters of text."""

    model_config = ConfigDict(extra="forbid")

    since: Instant = Field(None, json_schema_extra=_time_schema,
                                   description=f"inclusive; between the years {EARLIEST_YEAR} and {LATEST_YEAR}")
    until: Instant = Field(None, json_schema_extra=_time_schema,
                                   description=f"exclusive; between the years {EARLIEST_YEAR} and {LATEST_YEAR}")
    source: str | None = Field(None, max_length=SOURCE_CHARS)

    @field_validator("source")
    @classmethod
    def _exact(cls, value: str | None) -> str | None:
        return _encodable(value)


class ArticleQuery(_Filters):
    """Filters of a list; ``since`` is inclusive and ``until`` exclusive, on published_at (else created_at)."""

    topic: str | None = Field(None, max_length=LABEL_CHARS)
    section: str | None = Field(None, max_length=LABEL_CHARS)
    q: str | None = Field(None, description="words to find in the title or text (case-insensitive)")
    limit: int | None = Field(None, description="page size (default and maximum are settings)")
    cursor: str | None = Field(None, max_length=CURSOR_CHARS, description="next_cursor of the page before")

    @field_validator("topic", "section", "q", "cursor")
    @classmethod
    def _exact_text(cls, value: str | None) -> str | None:
        return _encodable(value)


class StatsQuery(_Filters):
    """Filters of a stats query; ``since`` is inclusive and ``until`` exclusive, as for lists."""

    interval: Interval = "week"
    section: str | None = Field(None, max_length=LABEL_CHARS, description="only articles of this section")
    topic: list[str] | None = Field(None, max_length=100,
                                    description="only these topics (topic stats) or articles with one of them "
                                                "(section stats); repeat the parameter for several")


class StatsBucket(BaseModel):
    start: datetime = Field(description="local start of the bucket (midnight; weeks start on Monday)")
    counts: dict[str, int] = Field(description="articles per label in the bucket; labels with none are left out")


class StatsResult(BaseModel):
    interval: Interval
    timezone: str
    since: datetime | None = Field(description="first instant counted (UTC), null when nothing matched")
    until: datetime | None = Field(description="first instant not counted (UTC)")
    buckets: list[StatsBucket]
    totals: dict[str, int]


class ReviewItem(BaseModel):
    """A stored article waiting for review: its assigned topic whose score sits nearest its threshold."""

    id: int
    title: str | None
    text_start: str = Field(description="the first characters of the text, for articles without a title")
    source: str | None
    published_at: datetime | None
    section: StoredLabel
    topics: list[StoredLabel]
    nearest_topic: str = Field(description="the assigned topic whose score is nearest its threshold")
    margin: float = Field(description="that topic's score minus its threshold (0 is on the threshold)")


class ReviewPage(BaseModel):
    items: list[ReviewItem]


class CorrectionOut(BaseModel):
    id: int
    article_id: int
    editor: str = Field(description="who: the API key's fingerprint, or 'loopback' when keys are off")
    corrected_at: datetime
    previous_section: str
    previous_topics: list[dict[str, Any]] = Field(description="the labels before: id, score, by_editor")
    section: str | None = Field(description="the section set, null if left alone")
    topics: list[str] | None = Field(description="the topics set, null if left alone")


@dataclass(frozen=True)
class SaveResult:
    article: StoredArticle
    created: bool
