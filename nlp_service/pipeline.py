"""The Analyzer: cleaning, tokenization, models and summarizer in one pass per request.

    from nlp_service import Analyzer
    analyzer = Analyzer.load()              # the shipped models
    result = analyzer.analyze(text, title=None, summary_sentences=3)
    short = analyzer.summarize(text, max_chars=300, method="unsupervised")

Every entry point (Python, CLI, HTTP) goes through :meth:`Analyzer.prepare`, which
checks the limits, cleans the text once (NFC, page furniture) and tokenizes it once;
the section and topic models and the summarizer then read the same :class:`Document`,
and both models read one count of its terms (:class:`~nlp_service.text.vocabulary.DocumentTerms`).
:meth:`Analyzer.analyze_many` does the same for many documents, with each model's scores
for all of them computed together. The learned summarizer is the default; the unsupervised
one stays selectable.
"""

from __future__ import annotations

import copy
import gc
import time
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

from nlp_service.artifacts import model_dirs
from nlp_service.errors import (DeadlineExceeded, EmptyText, ModelNotReady, NlpServiceError,
                                PageTooLarge, TextTooLong, TitleTooLong,
                                TooManySentences)
from nlp_service.schemas import (AnalysisResult, ClassificationResult, LabelScore, Meta, Summary, SummaryResult,
                                 TopicScore)
from nlp_service.section.model import SectionModel
from nlp_service.settings import Settings, get_settings
from nlp_service.summarize import registry
from nlp_service.summarize.base import Summarizer
from nlp_service.summarize.budget import Budget
from nlp_service.text.clean import clean_page, drop_unencodable
from nlp_service.text.page_lines import PageLines
from nlp_service.text.tokens import Document, split_sentences, tokenize, tokenize_words, warm_up
from nlp_service.text.vocabulary import DocumentTerms
from nlp_service.topics.model import TopicModel




def in_time(deadline: float | None) -> None:
    """Raise :class:`DeadlineExceeded` once ``time.monotonic()`` has passed ``deadline`` (None: no deadline)."""
    if deadline is not None and time.monotonic() > deadline:
        raise DeadlineExceeded("the analysis ran past its deadline (NLP_SERVICE_REQUEST_TIMEOUT) and was stopped; "
                               "retry, or send a shorter text")


class Prepared:
    """A request's text after the one cleaning and tokenization pass."""

    def __init__(self, raw: str, doc: Document, started: float):
        self.raw = raw
        self.doc = doc
        self.started = started

    @cached_property
    def terms(self) -> DocumentTerms:
        """The document's terms, counted once for both classifiers."""
        return DocumentTerms(self.doc.words, self.doc.title_words)


class Analyzer:
    def __init__(self, section: SectionModel, topics: TopicModel | None = None, settings: Settings | None = None,
                 summarizers: dict[str, Summarizer] | None = None,
                 page_lines: PageLines | None = None):
        """``summarizers``: the loaded ones by registry name (default: those that need no model); ``page_lines``:
        the page-line classifier (without it, pages are cleaned by the line rules alone)."""
        self.section = section
        self.page_lines = page_lines
        self.topics = topics
        self.settings = settings or get_settings()
        if summarizers is None:
            summarizers = {m.name: m.load() for m in registry.METHODS.values() if m.model is None}
        self.summarizers = {name: summarizers[name] for name in registry.NAMES if name in summarizers}
        self.default_method = next(iter(self.summarizers))

    @classmethod
    def load(cls, model_dir: str | Path | None = None, settings: Settings | None = None) -> Analyzer:
        """Load the models from ``model_dir`` (``section/``, ``topics/``, ``summarizer/``) or the configured,
        else shipped, ones.

        In a ``model_dir`` the topics model and the learned summarizer are optional: without the first,
        ``topics`` is always empty; without the second, summaries are unsupervised (see
        :func:`nlp_service.artifacts.model_dirs`).
        """
        settings = settings or get_settings()
        dirs = model_dirs(model_dir, settings)
        topics = TopicModel.from_dir(dirs["topics"]) if dirs["topics"] else None
        summarizers = {m.name: m.load(dirs.get(m.model)) for m in registry.METHODS.values()
                       if m.model is None or dirs[m.model]}
        page_lines = PageLines.from_dir(dirs["page_lines"]) if dirs["page_lines"] else None
        analyzer = cls(SectionModel.from_dir(dirs["section"]), topics, settings, summarizers, page_lines)
        warm_up()  # before any concurrent request: underthesea's lazy first load is not thread-safe
        # The models and underthesea's dictionaries live as long as the process. Left to the collector, every
        # full collection walks them again (about 90 ms each, several a minute under load); frozen, none does.
        gc.collect()
        gc.freeze()
        return analyzer

    def with_settings(self, settings: Settings) -> Analyzer:
        """The same loaded models under other settings (limits), without loading anything again."""
        clone = copy.copy(self)
        clone.settings = settings
        return clone

    @property
    def versions(self) -> dict[str, str]:
        versions = {"section": self.section.version, "summarizer": self.summarizers[self.default_method].version}
        if self.topics is not None:
            versions["topics"] = self.topics.version
        if self.page_lines is not None:
            versions["page_lines"] = self.page_lines.version
        return versions

    def budget(self, sentences: int | None, ratio: float | None, max_chars: int | None) -> Budget:
        """The summary budget asked for (default three sentences), within the settings' sentence limit."""
        return Budget.of(sentences, ratio, max_chars, most_sentences=self.settings.max_summary_sentences)

    def extract(self, text: str) -> tuple[str, str | None]:
        """The article of a page or text (NFC paragraphs, one per line) and its headline when one is found,
        within the limits: ``max_page_bytes`` on the raw input, ``max_chars`` on the article."""
        if not isinstance(text, str) or not text.strip():
            raise EmptyText("the article text is empty")
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > self.settings.max_page_bytes:
            raise PageTooLarge(size, self.settings.max_page_bytes)
        clean, page_title = clean_page(drop_unencodable(text), self.page_lines and self.page_lines.classifier)
        if not clean.strip():
            raise EmptyText("nothing of the text is left once page furniture is removed")
        if len(clean) > self.settings.max_chars:  # the article's length, not the page's markup
            raise TextTooLong(len(clean), self.settings.max_chars)
        return clean, page_title

    def prepare(self, text: str, title: str | None = None, deadline: float | None = None) -> Prepared:
        """Check the limits, clean and tokenize once. Lone surrogates and NUL characters (which no encoder
        takes) are dropped first; the sentence limit is checked paragraph by paragraph before each one's
        words are segmented, so a text of tens of thousands of one-word sentences costs only its splitting."""
        started = time.perf_counter()
        if not isinstance(text, str) or not text.strip():
            raise EmptyText("the article text is empty")
        if title is not None and len(title) > self.settings.max_title_chars:
            raise TitleTooLong(len(title), self.settings.max_title_chars)
        clean, page_title = self.extract(text)
        title = drop_unencodable(title) if title else title
        title = " ".join(title.split()) if title and title.strip() else page_title
        if title and len(title) > self.settings.max_title_chars:  # a page's own <h1> or <title>
            title = title[:self.settings.max_title_chars]
        in_time(deadline)
        limit, seen = self.settings.max_sentences, 0

        def paragraphs(paragraph: str) -> list[tuple[str, tuple[str, ...]]]:
            nonlocal seen
            sentences = split_sentences(paragraph)
            seen += len(sentences)
            if seen > limit:
                raise TooManySentences(seen, limit)
            in_time(deadline)
            return [(sentence, tokenize_words(sentence)) for sentence in sentences]

        return Prepared(text, tokenize(clean, title, paragraphs), started)

    def _meta(self, prepared: Prepared, summary: Summary | None = None) -> Meta:
        models = self.versions
        if summary is not None:  # the summarizer that ran, not the default one lying loaded
            models["summarizer"] = self.summarizers[summary.method].version
        return Meta(
            models=models,
            characters=len(prepared.raw),
            clean_characters=len(prepared.doc.text),
            title=prepared.doc.title,
            sentences=len(prepared.doc.sentences),
            elapsed_ms=round((time.perf_counter() - prepared.started) * 1000, 1),
        )

    def _section(self, prepared: Prepared) -> LabelScore:
        return self.section.predict(prepared.doc, prepared.terms)[0]

    def _topics(self, prepared: Prepared, all_scores: bool) -> tuple[list[TopicScore], dict[str, float] | None]:
        if self.topics is None:
            return [], ({} if all_scores else None)
        assigned, scores = self.topics.predict(prepared.doc, prepared.terms)
        return assigned, (scores if all_scores else None)

    def _summary(self, prepared: Prepared, budget: Budget, method: str | None) -> Summary:
        method = registry.method(method or self.default_method).name
        summarizer = self.summarizers.get(method)
        if summarizer is None:
            raise ModelNotReady(f"no {method} summarizer is loaded; ask for method {registry.listed(self.summarizers)}")
        chosen = summarizer.summarize(prepared.doc, budget)
        return Summary(sentences=chosen, text=" ".join(s.text for s in chosen), method=method, budget=budget.describe())

    def analyze(
        self, text: str, title: str | None = None, summary_sentences: int | None = None, all_scores: bool = False,
        *, summary_ratio: float | None = None, summary_max_chars: int | None = None, summary_method: str | None = None,
        include_text: bool = False, deadline: float | None = None,
    ) -> AnalysisResult:
        """Section, topics and summary. The summary budget is one of sentences (default 3), ratio or max_chars.
        ``include_text`` adds the cleaned text that evidence and summary sentences are quoted from.
        ``deadline`` (a ``time.monotonic()`` instant) is checked between stages: :class:`DeadlineExceeded`."""
        budget = self.budget(summary_sentences, summary_ratio, summary_max_chars)
        prepared = self.prepare(text, title, deadline)
        section = self._section(prepared)
        in_time(deadline)
        topics, scores = self._topics(prepared, all_scores)
        in_time(deadline)
        summary = self._summary(prepared, budget, summary_method)
        return AnalysisResult(section=section, topics=topics, all_scores=scores, summary=summary,
                              meta=self._meta(prepared, summary), text=prepared.doc.text if include_text else None)

    def analyze_many(
        self, items: Iterable[str | tuple[str, str | None]], summary_sentences: int | None = None,
        all_scores: bool = False, *, summary_ratio: float | None = None, summary_max_chars: int | None = None,
        summary_method: str | None = None,
    ) -> list[AnalysisResult | NlpServiceError]:
        """:meth:`analyze` of each item (a text, or a (text, title) pair), in order, with the section and topic
        models scored for all documents at once. An item that fails gets its error in its place, not raised;
        options that are wrong for every item (the budget) raise, as in :meth:`analyze`."""
        budget = self.budget(summary_sentences, summary_ratio, summary_max_chars)
        out: list = []
        ready: list[tuple[int, Prepared]] = []
        for item in items:
            text, title = (item, None) if isinstance(item, str) else item
            try:
                ready.append((len(out), self.prepare(text, title)))
                out.append(None)
            except NlpServiceError as exc:
                out.append(exc)
        if not ready:
            return out
        terms = [p.terms for _, p in ready]
        sections = self.section.proba_many(terms)
        if self.topics is not None:
            rows = self.topics.rows(terms)
            topic_proba = self.topics.proba(rows)
        for k, (at, prepared) in enumerate(ready):
            try:
                section = self.section.prediction(sections[k])[0]
                if self.topics is None:
                    topics, scores = [], ({} if all_scores else None)
                else:
                    topics = self.topics.assigned(prepared.doc, rows, k, topic_proba[k])
                    rounded = {t: round(float(p), 4) for t, p in zip(self.topics.topics, topic_proba[k])}
                    scores = rounded if all_scores else None
                summary = self._summary(prepared, budget, summary_method)
                out[at] = AnalysisResult(section=section, topics=topics, all_scores=scores, summary=summary,
                                         meta=self._meta(prepared, summary))
            except NlpServiceError as exc:
                out[at] = exc
        return out

    def classify(self, text: str, title: str | None = None, all_scores: bool = False,
                 *, deadline: float | None = None) -> ClassificationResult:
        prepared = self.prepare(text, title, deadline)
        topics, scores = self._topics(prepared, all_scores)
        in_time(deadline)
        return ClassificationResult(section=self._section(prepared), topics=topics, all_scores=scores,
                                    meta=self._meta(prepared))

    def summarize(
        self, text: str, title: str | None = None, sentences: int | None = None,
        *, ratio: float | None = None, max_chars: int | None = None, method: str | None = None,
        deadline: float | None = None,
    ) -> SummaryResult:
        """An extractive summary within one budget: sentences (default 3), ratio of the sentences, or max_chars."""
        budget = self.budget(sentences, ratio, max_chars)
        prepared = self.prepare(text, title, deadline)
        summary = self._summary(prepared, budget, method)
        return SummaryResult(**summary.model_dump(), meta=self._meta(prepared, summary))
