"""Request bodies. Types are strict: a number where text belongs is a 422, never coerced."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from nlp_service.summarize import registry


class _Body(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    text: str = Field(description="the article, plain text or HTML", examples=["Sáng 12/3, UBND huyện tổ chức hội nghị..."])
    title: str | None = Field(None, description="the headline, if known")

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is blank")
        return value


Method = Literal[registry.NAMES]  # type: ignore[valid-type]  # the registry is the one list
Ratio = Annotated[float, Field(gt=0, le=1)]
Chars = Annotated[int, Field(ge=1)]

# Giving two budgets at once is refused by nlp_service.summarize.budget.Budget, and more sentences than the
# settings' max_summary_sentences by the Analyzer (InvalidBudget, a 422): rules the API, the CLI and Python share,
# under the settings the app (or the Analyzer) was given.


class _SummaryOptions(BaseModel):
    """The summary budget and method of /v1/analyze and of each document of /v1/analyze/batch."""

    model_config = ConfigDict(strict=True, extra="forbid")

    summary_sentences: int | None = Field(None, description="sentences in the summary (default 3)")
    summary_ratio: Ratio | None = Field(None, description="or: share of the article's sentences, e.g. 0.2")
    summary_max_chars: Chars | None = Field(None, description="or: most characters of the summary")
    summary_method: Method | None = Field(None, description=registry.described())
    all_scores: bool = Field(False, description="also return every topic's score")


class AnalyzeRequest(_Body, _SummaryOptions):
    include_text: bool = Field(False, description="also return the cleaned text the analysis read (the pages "
                                                  "highlight evidence and summary sentences in it)")


class AnalyzeBatchRequest(_SummaryOptions):
    """Documents to analyze with one budget; each item is checked on its own and fails on its own."""

    items: list[Any] = Field(description='documents: {"text": str, "title"?: str, "id"?: str | int} each '
                                         "(at most NLP_SERVICE_ANALYZE_BATCH_MAX_ITEMS)",
                             examples=[[{"id": "a1", "text": "Sáng 12/3, UBND huyện tổ chức hội nghị..."}]])


class ClassifyRequest(_Body):
    all_scores: bool = Field(False, description="also return every topic's score")


class SummarizeRequest(_Body):
    sentences: int | None = Field(None, description="sentences in the summary (default 3)")
    ratio: Ratio | None = Field(None, description="or: share of the article's sentences, e.g. 0.2")
    max_chars: Chars | None = Field(None, description="or: most characters of the summary")
    method: Method | None = Field(None, description=registry.described())
