"""Topic tags for a document: the tagger's serving arrays, its thresholds, and evidence quoted verbatim.

The tagger is trained as a :class:`nlp_service.topics.estimator.TopicTagger` (scikit-learn) and served from arrays
(:mod:`nlp_service.linear`: the twelve calibrated SVMs as one weight matrix) saved beside it in the model directory;
a directory without them is converted once at load. Evidence terms come from the model's vocabulary (lower case,
syllables joined by "_"); :func:`quote` finds each one in the document's sentences and returns the words exactly
as the article writes them, so every evidence phrase appears in the input.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from pathlib import Path

import numpy as np

from nlp_service.artifacts import ServedModel
from nlp_service.errors import ModelIntegrityError
from nlp_service.linear import CalibratedLinear, Rows, load_served, write_serving
from nlp_service.schemas import TopicScore
from nlp_service.text.clean import model_text
from nlp_service.topics.evidence import merged, readable
from nlp_service.text.tokens import Document
from nlp_service.text.vocabulary import DocumentTerms, Vocabulary, stacked

EVIDENCE_TERMS = 8  # look at a few more terms than are shown: some cannot be quoted (folded digits)
EVIDENCE_SHOWN = 5


def _syllable_pattern(syllable: str) -> str:
    return "".join(r"\d" if c == "0" else re.escape(c) for c in syllable)


@lru_cache(maxsize=1 << 12)  # a model's evidence terms recur across articles
def _term_pattern(term: str) -> re.Pattern | None:
    syllables = [s for word in term.split(" ") for s in word.split("_") if s]
    if not syllables:
        return None
    return re.compile(r"(?<!\w)" + r"\s+".join(map(_syllable_pattern, syllables)) + r"(?!\w)", re.I)


def _written(doc: Document) -> list[str]:
    return [s.text for s in doc.sentences] + ([doc.title] if doc.title else [])


def quote(term: str, doc: Document, model_forms: list[str] | None = None) -> str | None:
    """The first place ``term`` occurs in ``doc``, as written there; None when it cannot be found.

    ``model_forms``: the :func:`model_text` of each sentence and of the title, when the caller has them already.
    """
    pattern = _term_pattern(term)
    if pattern is None:
        return None
    written = _written(doc)
    for text, form in zip(written, model_forms or map(model_text, written)):
        match = pattern.search(form)
        if match:
            return text[match.start():match.end()]  # model_text keeps offsets
    return None


def serving_form(tagger) -> tuple[Vocabulary, CalibratedLinear, list[str], np.ndarray]:
    """The arrays of a fitted tagger: vocabulary, the topics' weights and calibration, topic ids, thresholds."""
    linear = CalibratedLinear.from_sklearn(tagger.vectorizer_, tagger.models_)
    return Vocabulary.of(tagger.terms_), linear, list(tagger.topics_), np.asarray(tagger.thresholds_, dtype=float)


def save_serving(directory: Path, tagger) -> dict:
    """Write a fitted tagger's serving arrays into its model directory (after ``save_model``)."""
    vocabulary, linear, topics, thresholds = serving_form(tagger)
    return write_serving(directory, vocabulary, linear, topics, thresholds=thresholds)


def _converted(tagger) -> tuple[Vocabulary, CalibratedLinear, list[str], dict[str, np.ndarray]]:
    """An older model directory's unpickled tagger in its serving form."""
    from nlp_service.topics.estimator import TopicTagger  # unpickling it needed scikit-learn anyway

    if not isinstance(tagger, TopicTagger):
        raise ModelIntegrityError("the model directory does not hold a topic tagger")
    vocabulary, linear, topics, thresholds = serving_form(tagger)
    return vocabulary, linear, topics, {"thresholds": thresholds}


class TopicModel(ServedModel):
    def __init__(self, directory: Path, card: dict):
        super().__init__(directory, card)
        self.vocabulary, self.linear, self.topics, arrays = load_served(directory, card, _converted)
        if "thresholds" not in arrays:
            raise ModelIntegrityError(f"{directory} does not hold a topic tagger (no thresholds)")
        self.thresholds = np.asarray(arrays["thresholds"], dtype=float)
        names = {label["id"]: label["name"] for label in card.get("labels", [])}
        missing = [t for t in self.topics if t not in names]
        if missing:
            raise ModelIntegrityError(f"topic model card has no names for {missing}")
        self.names = names

    def rows(self, terms: list[DocumentTerms]) -> Rows:
        """The documents' TF-IDF rows (title and body), as the tagger's vectorizer gives them."""
        return self.linear.rows(*stacked([t.counts(self.vocabulary, with_title=True) for t in terms]))

    def proba(self, rows: Rows) -> np.ndarray:
        """Every topic's probability, (documents, topics)."""
        return self.linear.proba(self.linear.decision(rows))

    def evidence_of(self, rows: Rows, i: int, j: int, k: int = 5) -> list[str]:
        """Word terms of document ``i`` that raised topic ``j`` most (largest tf-idf value × weight), strongest
        first; syllable features ("#cải") add to the score but are not phrases a reader takes for evidence."""
        columns, contributions = self.linear.contributions(rows, i, j)
        terms = (self.vocabulary.term(columns[c]) for c in np.argsort(-contributions) if contributions[c] > 0)
        return list(islice((t for t in terms if not t.startswith("#")), k))

    def assigned(self, doc: Document, rows: Rows, i: int, proba: np.ndarray) -> list[TopicScore]:
        """Assigned topics of document ``i`` (score at or above their threshold), best first, with evidence."""
        out = []
        model_forms = None
        for j, (topic, p) in enumerate(zip(self.topics, proba)):
            if p >= self.thresholds[j]:
                if model_forms is None:
                    model_forms = [model_text(w) for w in _written(doc)]  # once per document, for every term
                phrases: list[str] = []
                for term in self.evidence_of(rows, i, j, EVIDENCE_TERMS):
                    found = quote(term, doc, model_forms) if readable(term) else None
                    if found and found not in phrases:
                        phrases.append(found)
                phrases = merged(phrases, lambda phrase: quote(phrase.replace(" ", "_"), doc, model_forms))
                # "cải cách" adds nothing beside "cải cách hành chính": keep the longest phrases.
                phrases = [x for x in phrases if not any(x != y and x.lower() in y.lower() for y in phrases)]
                out.append(TopicScore(id=topic, name=self.names[topic], score=round(float(p), 4),
                                      evidence=phrases[:EVIDENCE_SHOWN]))
        out.sort(key=lambda t: -t.score)
        return out

    def predict(self, doc: Document, terms: DocumentTerms | None = None
                ) -> tuple[list[TopicScore], dict[str, float]]:
        """Assigned topics (score at or above their threshold), best first, and every topic's score."""
        rows = self.rows([terms or DocumentTerms(doc.words, doc.title_words)])
        proba = self.proba(rows)[0]
        return self.assigned(doc, rows, 0, proba), {t: round(float(p), 4) for t, p in zip(self.topics, proba)}
