"""The shapes of results, shared by the Python API, the CLI's JSON and the HTTP responses."""

from __future__ import annotations

from pydantic import BaseModel, Field


class LabelScore(BaseModel):
    id: str = Field(examples=["chinh_tri_xa_hoi"])
    name: str = Field(examples=["Chính trị - Xã hội"])
    score: float = Field(ge=0.0, le=1.0, description="the model's probability for this label")


class TopicScore(LabelScore):
    evidence: list[str] = Field(default_factory=list, description="words of this text that raised the score most")


class SummarySentenceOut(BaseModel):
    index: int = Field(description="position of the sentence in the cleaned article, from 0")
    text: str
    score: float


class Summary(BaseModel):
    sentences: list[SummarySentenceOut]
    text: str = Field(description="the chosen sentences joined, in document order")
    # Optional only because summaries stored before these were recorded lack them.
    method: str | None = Field(None, description="learned or unsupervised", examples=["learned"])
    budget: str | None = Field(None, description="the budget the summary was held to", examples=["3 sentences"])


class Meta(BaseModel):
    models: dict[str, str] = Field(description="model name to version")
    characters: int = Field(description="characters of the text as received")
    clean_characters: int = Field(description="characters left after removing page furniture")
    title: str | None = Field(None, description="the headline the models read: the one given, else the one found "
                                                "in the page (never also a summary sentence)")
    sentences: int
    elapsed_ms: float


class ClassificationResult(BaseModel):
    section: LabelScore
    topics: list[TopicScore]
    all_scores: dict[str, float] | None = Field(None, description="every topic's score, when asked for")
    meta: Meta


class SummaryResult(Summary):
    meta: Meta


class AnalysisResult(BaseModel):
    section: LabelScore
    topics: list[TopicScore]
    all_scores: dict[str, float] | None = Field(None, description="every topic's score, when asked for")
    summary: Summary
    meta: Meta
    text: str | None = Field(None, description="the cleaned text the analysis read, when include_text was asked")


class LabelInfo(BaseModel):
    id: str
    name: str
    description: str
    threshold: float | None = Field(None, description="a topic's score from which it is assigned (topics only)")


class Labels(BaseModel):
    sections: list[LabelInfo]
    topics: list[LabelInfo]
