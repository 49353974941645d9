"""Lead words: a logistic regression that reads a sentence's wording for the look of a news lead.

Method: each sentence becomes the set of its terms, term bigrams and its first three terms
marked by position ("^0:ngày", "^1:công_an"), weighted by IDF (binary term frequency: a
sentence rarely repeats a term) and L2-normalised; a logistic regression learns which of
them mark sentences of the extractive oracle (openings such as "Ngày 12/3, ..." or
"... cho biết vừa ..." do; "Tuy nhiên", quotes and asides do not). Each kept term is stored
as weight × idf and idf², so scoring one sentence is a set intersection and two sums rather
than a vectorizer call. The learned summarizer uses the
score as one feature among the others of :mod:`nlp_service.sentence_features`.
"""

from __future__ import annotations

import math

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from nlp_service.features import term

OPENING = 3  # a lead announces itself in its first words: a date, a place, an actor


def sentence_terms(words: tuple[str, ...] | list[str]) -> list[str]:
    """Terms, term bigrams and position-marked opening terms of one sentence."""
    return terms_with_context([t for t in map(term, words) if t is not None])


def terms_with_context(terms: list[str]) -> list[str]:
    """:func:`sentence_terms` from the sentence's terms (:func:`nlp_service.features.term`), in order."""
    return (terms + [f"{a} {b}" for a, b in zip(terms, terms[1:])]
            + [f"^{i}:{t}" for i, t in enumerate(terms[:OPENING])])


def _identity(items: list[str]) -> list[str]:
    return items


class LeadWords:
    def __init__(self, c: float = 1.0, min_df: int = 5):
        self.c = c
        self.min_df = min_df

    def fit(self, sentences: list[list[str]], y: np.ndarray):
        """``sentences``: :func:`sentence_terms` of each sentence; ``y``: 1 for oracle sentences."""
        vectorizer = TfidfVectorizer(analyzer=_identity, min_df=self.min_df, binary=True, dtype=np.float64)
        model = LogisticRegression(C=self.c, max_iter=1000).fit(vectorizer.fit_transform(sentences), y)
        vocabulary = [str(t) for t in vectorizer.get_feature_names_out()]
        self.weights_ = dict(zip(vocabulary, (model.coef_[0] * vectorizer.idf_).tolist()))
        self.squares_ = dict(zip(vocabulary, (vectorizer.idf_ ** 2).tolist()))
        self.bias_ = float(model.intercept_[0])
        return self

    def score(self, terms: list[str]) -> float:
        """The regression's log-odds for one sentence's :func:`sentence_terms`."""
        known = self.weights_.keys() & set(terms)
        if not known:
            return self.bias_
        weighted = sum(map(self.weights_.__getitem__, known))
        return self.bias_ + weighted / math.sqrt(sum(map(self.squares_.__getitem__, known)))
