"""Request bodies. Types are strict: a number where text belongs is a 422, never coerced."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from nlp_service.settings import get_settings


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


def _sentence_budget(value: int) -> int:
    limit = get_settings().max_summary_sentences
    if not 1 <= value <= limit:
        raise ValueError(f"must be between 1 and {limit} (NLP_SERVICE_MAX_SUMMARY_SENTENCES)")
    return value


class AnalyzeRequest(_Body):
    summary_sentences: int = Field(3, description="sentences in the summary")
    all_scores: bool = Field(False, description="also return every topic's score")

    @field_validator("summary_sentences")
    @classmethod
    def _budget(cls, value: int) -> int:
        return _sentence_budget(value)


class ClassifyRequest(_Body):
    all_scores: bool = Field(False, description="also return every topic's score")


class SummarizeRequest(_Body):
    sentences: int = Field(3, description="sentences in the summary")

    @field_validator("sentences")
    @classmethod
    def _budget(cls, value: int) -> int:
        return _sentence_budget(value)
