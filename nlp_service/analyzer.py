"""The Analyzer: cleaning, tokenization, models and summarizer in one pass per request.

    from nlp_service import Analyzer
    analyzer = Analyzer.load()              # the shipped models
    result = analyzer.analyze(text, title=None, summary_sentences=3)

Every entry point (Python, CLI, HTTP) goes through :meth:`Analyzer.prepare`, which
checks the limits, cleans the text once (NFC, page furniture) and tokenizes it once;
the section model and the summarizer then read the same :class:`Document`.
"""

from __future__ import annotations

import copy
import time
from pathlib import Path

from nlp_service import summarizer
from nlp_service.errors import EmptyText, TextTooLong
from nlp_service.schemas import (
    AnalysisResult,
    ClassificationResult,
    LabelScore,
    Meta,
    Summary,
    SummaryResult,
    SummarySentenceOut,
    TopicScore,
)
from nlp_service.section import SectionModel
from nlp_service.settings import Settings, get_settings
from nlp_service.text import clean_page
from nlp_service.tokenize import Document, tokenize, warm_up


class Prepared:
    """A request's text after the one cleaning and tokenization pass."""

    def __init__(self, raw: str, doc: Document, started: float):
        self.raw = raw
        self.doc = doc
        self.started = started


class Analyzer:
    def __init__(self, section: SectionModel, settings: Settings | None = None):
        self.section = section
        self.settings = settings or get_settings()

    @classmethod
    def load(cls, model_dir: str | Path | None = None, settings: Settings | None = None) -> Analyzer:
        """Load the models: ``model_dir`` holds ``section/`` (default: the configured, else shipped, models)."""
        settings = settings or get_settings()
        section_dir = Path(model_dir) / "section" if model_dir else settings.section_model
        analyzer = cls(SectionModel(section_dir), settings)
        warm_up()  # before any concurrent request: underthesea's lazy first load is not thread-safe
        return analyzer

    def with_settings(self, settings: Settings) -> Analyzer:
        """The same loaded models under other settings (limits), without loading anything again."""
        clone = copy.copy(self)
        clone.settings = settings
        return clone

    @property
    def versions(self) -> dict[str, str]:
        return {"section": self.section.version, "summarizer": "unsupervised-v1"}

    def prepare(self, text: str, title: str | None = None) -> Prepared:
        started = time.perf_counter()
        if not isinstance(text, str) or not text.strip():
            raise EmptyText("the article text is empty")
        if len(text) > self.settings.max_chars:
            raise TextTooLong(len(text), self.settings.max_chars)
        clean, page_title = clean_page(text)
        if not clean.strip():
            raise EmptyText("nothing of the text is left once page furniture is removed")
        title = " ".join(title.split()) if title and title.strip() else page_title
        return Prepared(text, tokenize(clean, title), started)

    def _meta(self, prepared: Prepared) -> Meta:
        return Meta(
            models=self.versions,
            characters=len(prepared.raw),
            clean_characters=len(prepared.doc.text),
            sentences=len(prepared.doc.sentences),
            elapsed_ms=round((time.perf_counter() - prepared.started) * 1000, 1),
        )

    def _section(self, prepared: Prepared) -> LabelScore:
        prediction = self.section.predict(prepared.doc)
        return LabelScore(id=prediction.id, name=prediction.name, score=prediction.score)

    def _topics(self, prepared: Prepared) -> list[TopicScore]:
        return []  # filled by the topics model once it ships

    def _summary(self, prepared: Prepared, sentences: int) -> Summary:
        chosen = summarizer.summarize(prepared.doc, sentences)
        out = [SummarySentenceOut(index=s.index, text=s.text, score=s.score) for s in chosen]
        return Summary(sentences=out, text=" ".join(s.text for s in chosen))

    def analyze(self, text: str, title: str | None = None, summary_sentences: int = 3) -> AnalysisResult:
        prepared = self.prepare(text, title)
        section = self._section(prepared)
        topics = self._topics(prepared)
        summary = self._summary(prepared, summary_sentences)
        return AnalysisResult(section=section, topics=topics, summary=summary, meta=self._meta(prepared))

    def classify(self, text: str, title: str | None = None) -> ClassificationResult:
        prepared = self.prepare(text, title)
        return ClassificationResult(section=self._section(prepared), topics=self._topics(prepared), meta=self._meta(prepared))

    def summarize(self, text: str, title: str | None = None, sentences: int = 3) -> SummaryResult:
        prepared = self.prepare(text, title)
        summary = self._summary(prepared, sentences)
        return SummaryResult(sentences=summary.sentences, text=summary.text, meta=self._meta(prepared))
