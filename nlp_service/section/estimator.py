"""The section estimator: TF-IDF over words (and syllables) into a calibrated linear SVM.

Method: TF-IDF (sublinear) over underthesea word unigrams and bigrams plus the syllables of multi-syllable
words (:func:`nlp_service.text.terms.words_and_syllables`) -> LinearSVC, calibrated to probabilities by
isotonic regression on 3-fold cross-validated scores (``ensemble=False``: one final SVC, so one weight
matrix ships). Isotonic rather than sigmoid calibration: its arg-max was the better one on held-out
train (``training/train_section.py`` keeps that comparison). :func:`shrink` then drops what prediction
does not need. :class:`nlp_service.section.model.SectionModel` serves the fitted pipeline.
"""

from __future__ import annotations

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

from nlp_service.text.terms import ANALYZERS


def section_pipeline(c: float = 1.0, min_df: int = 2, max_df: float = 0.5, max_features: int | None = 300_000,
                     features: str = "words+syllables", calibration: str = "isotonic") -> Pipeline:
    """The unfitted pipeline; it takes, per document, the tuple of its words (``Document.words``)."""
    vectorizer = TfidfVectorizer(analyzer=ANALYZERS[features], sublinear_tf=True, min_df=min_df, max_df=max_df,
                                 max_features=max_features, dtype=np.float32)
    svm = LinearSVC(C=c)
    calibrated = CalibratedClassifierCV(svm, cv=3, method=calibration, ensemble=False)
    return Pipeline([("tfidf", vectorizer), ("clf", calibrated)])


def shrink(pipeline: Pipeline) -> Pipeline:
    """Drop what prediction does not need and store weights in float32 (halves the artifact)."""
    vectorizer = pipeline.named_steps["tfidf"]
    if hasattr(vectorizer, "stop_words_"):
        vectorizer.stop_words_ = None
    for calibrated in pipeline.named_steps["clf"].calibrated_classifiers_:
        svm = calibrated.estimator
        svm.coef_ = svm.coef_.astype(np.float32)
        svm.intercept_ = svm.intercept_.astype(np.float32)
    return pipeline
