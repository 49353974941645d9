"""Lead words: a logistic regression that reads a sentence's wording for the look of a news lead.

Method: each sentence becomes the set of its terms, term bigrams and its first three terms
marked by position (("ngày", "công_an") is a bigram, (0, "ngày") an opening), weighted by
IDF (binary term frequency: a sentence rarely repeats a term) and L2-normalised; a logistic
regression learns which of them mark sentences of the extractive oracle (openings such as
"Ngày 12/3, ..." or "... cho biết vừa ..." do; "Tuy nhiên", quotes and asides do not). Each
kept feature, keyed by the term, the pair of terms or the (position, term) pair, is stored as
one complex number, weight × idf + i·idf², so scoring one sentence is one dictionary lookup per
feature and one sum, whose real part is the dot product and imaginary part the squared norm,
rather than a vectorizer call. The learned summarizer uses the score as one feature
among the others of :mod:`nlp_service.summarize.learned.features`.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from itertools import repeat

import numpy as np

from nlp_service.text.terms import term

OPENING = 3  # a lead announces itself in its first words: a date, a place, an actor


def sentence_terms(words: tuple[str, ...] | list[str]) -> list[str]:
    """A sentence's terms (:func:`nlp_service.text.terms.term`) in order: what :meth:`LeadWords.score` reads."""
    return [t for t in map(term, words) if t is not None]


def wording(terms: list[str]) -> set[Hashable]:
    """The features of one sentence: its terms, pairs of neighbouring terms and (position, term) openings."""
    features: set[Hashable] = set(terms)
    features.update(zip(terms, terms[1:]))
    features.update(enumerate(terms[:OPENING]))
    return features


def _name(feature: Hashable) -> str:
    """A feature as the vectorizer's string ("a b" for a bigram, "^0:a" for an opening)."""
    if isinstance(feature, str):
        return feature
    first, second = feature
    return f"^{first}:{second}" if isinstance(first, int) else f"{first} {second}"


def _names(features: list[Hashable]) -> list[str]:
    return list(map(_name, features))


class LeadWords:
    def __init__(self, c: float = 1.0, min_df: int = 5):
        self.c = c
        self.min_df = min_df

    def fit(self, sentences: list[list[str]], y: np.ndarray):
        """``sentences``: :func:`sentence_terms` of each sentence; ``y``: 1 for oracle sentences."""
        features = [list(wording(terms)) for terms in sentences]
        from sklearn.feature_extraction.text import TfidfVectorizer  # training only: serving needs no sklearn
        from sklearn.linear_model import LogisticRegression

        vectorizer = TfidfVectorizer(analyzer=_names, min_df=self.min_df, binary=True, dtype=np.float64)
        model = LogisticRegression(C=self.c, max_iter=1000).fit(vectorizer.fit_transform(features), y)
        by_name = {_name(f): f for row in features for f in row}
        kept = [by_name[str(name)] for name in vectorizer.get_feature_names_out()]
        self.table_ = dict(zip(kept, (model.coef_[0] * vectorizer.idf_ + 1j * vectorizer.idf_ ** 2).tolist()))
        self.bias_ = float(model.intercept_[0])
        return self

    def score(self, terms: list[str]) -> float:
        """The regression's log-odds for one sentence, given its :func:`sentence_terms`."""
        features = wording(terms)
        total = sum(map(self.table_.get, features, repeat(0j)))
        if not total.imag:  # no feature the regression knows: every square is positive
            return self.bias_
        return self.bias_ + total.real / math.sqrt(total.imag)
