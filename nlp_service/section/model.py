"""The section classifier: calibrated linear SVMs over a document's words, served from arrays.

The model is built by :func:`nlp_service.section.estimator.section_pipeline` as a scikit-learn Pipeline (TF-IDF over
:data:`nlp_service.text.terms.ANALYZERS`, then ``CalibratedClassifierCV(LinearSVC)``); it is served from its serving
arrays (:mod:`nlp_service.linear`), saved beside the pipeline in the model directory and vouched for by the card,
so serving unpickles nothing and calls no scikit-learn code. A directory without them (an older model) is served
from its pipeline (hash-checked, see :mod:`nlp_service.artifacts`), converted to the same arrays once at load.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from nlp_service.artifacts import ServedModel
from nlp_service.errors import ModelIntegrityError
from nlp_service.labels import SECTIONS_BY_ID
from nlp_service.linear import CalibratedLinear, load_served, write_serving
from nlp_service.schemas import LabelScore
from nlp_service.text.tokens import Document
from nlp_service.text.vocabulary import DocumentTerms, Vocabulary, stacked


def serving_form(pipeline) -> tuple[Vocabulary, CalibratedLinear, list[str]]:
    """The arrays of a fitted section pipeline: its vocabulary, weights and calibration, and its classes."""
    vectorizer, calibrated = pipeline.steps[0][1], pipeline.steps[-1][1]
    linear = CalibratedLinear.from_sklearn(vectorizer, [calibrated])
    return Vocabulary.of(vectorizer.get_feature_names_out()), linear, [str(c) for c in calibrated.classes_]


def save_serving(directory: Path, pipeline) -> dict:
    """Write a fitted pipeline's serving arrays into its model directory (after ``save_model``)."""
    vocabulary, linear, classes = serving_form(pipeline)
    return write_serving(directory, vocabulary, linear, classes)


class SectionModel(ServedModel):
    def __init__(self, directory: Path, card: dict):
        super().__init__(directory, card)
        self.vocabulary, self.linear, self.classes, _ = load_served(directory, card, lambda p: (*serving_form(p), {}))
        unknown = [c for c in self.classes if c not in SECTIONS_BY_ID]
        if unknown:
            raise ModelIntegrityError(f"section model predicts unknown ids {unknown}")

    def proba_many(self, terms: list[DocumentTerms]) -> np.ndarray:
        """Every class's probability for each document (its body's terms), (documents, classes)."""
        rows = self.linear.rows(*stacked([t.counts(self.vocabulary, with_title=False) for t in terms]))
        return self.linear.proba(self.linear.decision(rows))

    def prediction(self, probabilities: np.ndarray) -> tuple[LabelScore, dict[str, float]]:
        """The most probable section, and every section's probability."""
        best = int(np.argmax(probabilities))
        label = self.classes[best]
        scores = {c: round(float(p), 4) for c, p in zip(self.classes, probabilities)}
        return LabelScore(id=label, name=SECTIONS_BY_ID[label].name, score=round(float(probabilities[best]), 4)), scores

    def predict(self, doc: Document, terms: DocumentTerms | None = None) -> tuple[LabelScore, dict[str, float]]:
        terms = terms or DocumentTerms(doc.words, doc.title_words)
        return self.prediction(self.proba_many([terms])[0])
