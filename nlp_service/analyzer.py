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
from nlp_service.errors import EmptyText, ModelIntegrityError, TextTooLong
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
from nlp_service.settings import SHIPPED_MODELS, Settings, get_settings
from nlp_service.text import clean_page
from nlp_service.tokenize import Document, tokenize, warm_up
from nlp_service.topics import TopicModel


class Prepared:
    """A request's text after the one cleaning and tokenization pass."""

    def __init__(self, raw: str, doc: Document, started: float):
        self.raw = raw
        self.doc = doc
        self.started = started


class Analyzer:
    def __init__(self, section: SectionModel, topics: TopicModel | None = None, settings: Settings | None = None):
        self.section = section
        self.topics = topics
        self.settings = settings or get_settings()

    @classmethod
    def load(cls, model_dir: str | Path | None = None, settings: Settings | None = None) -> Analyzer:
        """Load the models from ``model_dir`` (``section/``, ``topics/``) or the configured, else shipped, ones.

        The topics model is optional: without one, ``topics`` is always empty.
        """
        settings = settings or get_settings()
        if model_dir:
            section_dir, topics_dir = Path(model_dir) / "section", Path(model_dir) / "topics"
        else:
            section_dir, topics_dir = settings.section_model, settings.topics_model or SHIPPED_MODELS / "topics"
        if settings.topics_model and not model_dir and not Path(topics_dir).is_dir():
            raise ModelIntegrityError(f"NLP_SERVICE_TOPICS_MODEL={topics_dir} is not a directory")
        topics = TopicModel(topics_dir) if Path(topics_dir).is_dir() else None
        analyzer = cls(SectionModel(section_dir), topics, settings)
        warm_up()  # before any concurrent request: underthesea's lazy first load is not thread-safe
        return analyzer

    def with_settings(self, settings: Settings) -> Analyzer:
        """The same loaded models under other settings (limits), without loading anything again."""
        clone = copy.copy(self)
        clone.settings = settings
        return clone

    @property
    def versions(self) -> dict[str, str]:
        versions = {"section": self.section.version, "summarizer": "unsupervised-v1"}
        if self.topics is not None:
            versions["topics"] = self.topics.version
        return versions

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

    def _topics(self, prepared: Prepared, all_scores: bool) -> tuple[list[TopicScore], dict[str, float] | None]:
        if self.topics is None:
            return [], ({} if all_scores else None)
        assigned, scores = self.topics.predict(prepared.doc)
        out = [TopicScore(id=t.id, name=t.name, score=t.score, evidence=t.evidence) for t in assigned]
        return out, (scores if all_scores else None)

    def _summary(self, prepared: Prepared, sentences: int) -> Summary:
        chosen = summarizer.summarize(prepared.doc, sentences)
        out = [SummarySentenceOut(index=s.index, text=s.text, score=s.score) for s in chosen]
        return Summary(sentences=out, text=" ".join(s.text for s in chosen))

    def analyze(
        self, text: str, title: str | None = None, summary_sentences: int = 3, all_scores: bool = False
    ) -> AnalysisResult:
        prepared = self.prepare(text, title)
        section = self._section(prepared)
        topics, scores = self._topics(prepared, all_scores)
        summary = self._summary(prepared, summary_sentences)
        return AnalysisResult(section=section, topics=topics, all_scores=scores, summary=summary, meta=self._meta(prepared))

    def classify(self, text: str, title: str | None = None, all_scores: bool = False) -> ClassificationResult:
        prepared = self.prepare(text, title)
        topics, scores = self._topics(prepared, all_scores)
        return ClassificationResult(section=self._section(prepared), topics=topics, all_scores=scores,
                                    meta=self._meta(prepared))

    def summarize(self, text: str, title: str | None = None, sentences: int = 3) -> SummaryResult:
        prepared = self.prepare(text, title)
        summary = self._summary(prepared, sentences)
        return SummaryResult(sentences=summary.sentences, text=summary.text, meta=self._meta(prepared))
