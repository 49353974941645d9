"""Multi-label topic tagger: one-vs-rest linear SVMs over shared word features.

For each topic, a linear SVM (hinge loss, balanced class weights, since most articles are
negatives) reads TF-IDF word uni- and bigrams, by default with the syllables of multi-syllable
words (:data:`nlp_service.text.terms.ANALYZERS`), and is calibrated to probabilities by Platt
scaling on cross-validated scores. A topic
is assigned when its probability reaches a per-topic threshold tuned on held-out
annotated data (:meth:`TopicTagger.tune_thresholds`). Evidence for a topic is the
terms with the largest positive contribution (tf-idf value times weight) in a text.
"""

from __future__ import annotations

from itertools import islice

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from nlp_service.text.terms import ANALYZERS

DEFAULT_THRESHOLD = 0.5
THRESHOLD_GRID = np.round(np.arange(0.10, 0.91, 0.025), 3)


def best_thresholds(proba: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Per topic, the threshold of best F1 for held-out probabilities.

    When several thresholds tie (a clean held-out set separates at many), the middle one of them is taken, so
    the cut sits between the classes rather than against the positives' lowest scores.
    """
    thresholds = np.full(proba.shape[1], DEFAULT_THRESHOLD)
    for j in range(proba.shape[1]):
        scores, positives = proba[:, j], Y[:, j] == 1
        f1 = np.array([2 * (scores[positives] >= t).sum() / max(1, (scores >= t).sum() + positives.sum())
                       for t in THRESHOLD_GRID])
        tied = THRESHOLD_GRID[f1 >= f1.max() - 1e-12]
        thresholds[j] = float(tied[len(tied) // 2])
    return thresholds


class TopicTagger(BaseEstimator, ClassifierMixin):
    def __init__(self, topics=(), c: float = 8.0, features: str = "words+syllables", min_df: int = 2,
                 max_features: int = 100_000, folds: int = 3):
        self.topics = topics
        self.c = c
        self.features = features
        self.min_df = min_df
        self.max_features = max_features
        self.folds = folds

    def fit(self, X, Y):
        """``X``: word tuples per document; ``Y``: 0/1 matrix, one column per topic in ``topics``."""
        Y = np.asarray(Y)
        if Y.ndim != 2 or Y.shape[1] != len(self.topics):
            raise ValueError(f"Y must have one column per topic ({len(self.topics)})")
        self.topics_ = list(self.topics)
        self.vectorizer_ = TfidfVectorizer(analyzer=ANALYZERS[self.features], sublinear_tf=True, min_df=self.min_df,
                                           max_features=self.max_features, dtype=np.float32)
        features = self.vectorizer_.fit_transform(X)
        self.terms_ = self.vectorizer_.get_feature_names_out()
        self.models_ = []
        for j in range(Y.shape[1]):
            positives = int(Y[:, j].sum())
            folds = max(2, min(self.folds, positives, len(Y) - positives))
            base = LinearSVC(C=self.c, class_weight="balanced", max_iter=5000)
            model = CalibratedClassifierCV(base, cv=folds, method="sigmoid", ensemble=False)
            self.models_.append(model.fit(features, Y[:, j]))
        self.thresholds_ = np.full(len(self.topics_), DEFAULT_THRESHOLD)
        return self

    def predict_proba(self, X) -> np.ndarray:
        return self.proba_of(self.vectorizer_.transform(X))

    def proba_of(self, features) -> np.ndarray:
        """Every topic's probability for rows already turned into features by ``vectorizer_``."""
        return np.column_stack([m.predict_proba(features)[:, 1] for m in self.models_])

    def predict(self, X) -> np.ndarray:
        return (self.predict_proba(X) >= self.thresholds_).astype(int)

    def tune_thresholds(self, X, Y) -> TopicTagger:
        """Set each topic's threshold to the one of best F1 on held-out ``X, Y``."""
        self.thresholds_ = best_thresholds(self.predict_proba(X), np.asarray(Y))
        return self

    def weights(self, j: int) -> np.ndarray:
        """The SVM weights behind topic ``j`` (calibration is monotonic)."""
        return self.models_[j].calibrated_classifiers_[0].estimator.coef_[0]

    def evidence_terms(self, words, j: int, k: int = 5) -> list[str]:
        """Word terms of one document that raised topic ``j`` most, strongest first."""
        return self.evidence_of(self.vectorizer_.transform([words]), j, k)

    def evidence_of(self, row, j: int, k: int = 5) -> list[str]:
        """:meth:`evidence_terms` for a document already turned into features (one row of ``vectorizer_``).

        Syllable features ("#cải", from :func:`nlp_service.text.terms.words_and_syllables`) add to the score but
        are not phrases a reader would take for evidence, so they are passed over.
        """
        contributions = row.data * self.weights(j)[row.indices]
        terms = (str(self.terms_[row.indices[i]]) for i in np.argsort(-contributions) if contributions[i] > 0)
        return list(islice((t for t in terms if not t.startswith("#")), k))
