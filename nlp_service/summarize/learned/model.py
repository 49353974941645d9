"""Learned extractive summarizer: a gradient-boosted sentence scorer, then budgeted selection.

Method: every sentence is described by :func:`nlp_service.summarize.learned.features.sentence_features`
(with the lead-words score of :mod:`nlp_service.summarize.learned.lead_words`) and a histogram gradient-boosting
regressor (scikit-learn; evaluated by :class:`nlp_service.forest.FlatForest`) predicts whether
it belongs to the extractive oracle of the article's lead paragraph (the sentences that
together best cover the lead the newspaper wrote; the training script computes them). Sentences that
:func:`nlp_service.summarize.base.eligible` rejects (captions, bylines, fragments) are never
chosen. :func:`nlp_service.summarize.budget.select` then takes the best sentences within the budget,
passing over any whose terms repeat a chosen sentence's (cosine above ``redundancy``),
and returns them in document order. Like the unsupervised summarizer it sees only the
tokenized document, never the classifiers.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from nlp_service.artifacts import ServedModel, load_model
from nlp_service.errors import ModelIntegrityError
from nlp_service.forest import FlatForest
from nlp_service.schemas import SummarySentenceOut
from nlp_service.summarize.base import candidates, summary_sentence
from nlp_service.summarize.budget import Budget, select
from nlp_service.summarize.learned.features import FEATURES, TermStats, features_and_similarities, sentence_features
from nlp_service.summarize.learned.lead_words import LeadWords, sentence_terms
from nlp_service.text.tokens import Document

ELIGIBLE, LEAD_WORDS = FEATURES.index("eligible"), FEATURES.index("lead_words")


class LearnedSummarizer:
    # max_depth 8: one article's prediction costs a numpy step per level of the deepest tree, and
    # unbounded trees of 31 leaves reached depth 18.
    def __init__(self, max_iter: int = 300, learning_rate: float = 0.05, max_leaf_nodes: int = 31, max_depth: int = 8,
                 min_df: int = 5, lead_c: float = 1.0, redundancy: float = 0.5, random_state: int = 0):
        self.max_iter = max_iter
        self.max_depth = max_depth
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.min_df = min_df
        self.lead_c = lead_c
        self.redundancy = redundancy
        self.random_state = random_state

    def fit(self, docs: list[Document], references: list[tuple[str, ...]], targets: list[np.ndarray]):
        """``references``: each article's lead as words; ``targets``: per sentence, its overlap with that lead
        (1/0 membership of the extractive oracle in the shipped model)."""
        X = self.learn_features(docs, references, targets)
        return self.fit_scorer(X, np.concatenate(targets), [len(d.sentences) for d in docs])

    def learn_features(self, docs: list[Document], references: list[tuple[str, ...]],
                       targets: list[np.ndarray]) -> np.ndarray:
        """Learn the term statistics and lead words from the training articles; their feature rows."""
        self.terms_ = TermStats.learn(docs, references, self.min_df)
        X = np.vstack([sentence_features(d, self.terms_) for d in docs])
        y = np.concatenate(targets)
        terms = [sentence_terms(s.words) for d in docs for s in d.sentences]
        # The regressor must see lead-words scores of sentences the lead-words model did not learn from,
        # as it will in service: two folds by document, each scored by the model fitted on the other.
        first = np.concatenate([np.full(len(d.sentences), i % 2 == 0) for i, d in enumerate(docs)])
        for part in (first, ~first):
            lead = LeadWords(self.lead_c).fit([t for t, p in zip(terms, ~part) if p], y[~part] > 0)
            X[part, LEAD_WORDS] = [lead.score(t) for t, p in zip(terms, part) if p]
        self.lead_words_ = LeadWords(self.lead_c).fit(terms, y > 0)
        self.features_ = FEATURES
        return X

    def fit_scorer(self, X: np.ndarray, y: np.ndarray, sizes: list[int]):
        """Fit the sentence scorer on feature rows ``X`` (``sizes``: sentences per article, in order)."""
        from sklearn.ensemble import HistGradientBoostingRegressor  # training only: serving needs no sklearn

        regressor = HistGradientBoostingRegressor(
            max_iter=self.max_iter, learning_rate=self.learning_rate, max_leaf_nodes=self.max_leaf_nodes,
            max_depth=self.max_depth, early_stopping=False, random_state=self.random_state).fit(X, y)
        self.forest_ = FlatForest(regressor)  # what predicts; scikit-learn's predict is slow on one article
        return self

    def score(self, doc: Document) -> np.ndarray:
        """The predicted oracle membership (higher: more lead-like) of every sentence of ``doc``."""
        return self._scored(doc)[0]

    def _scored(self, doc: Document) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        X, similarity = features_and_similarities(doc, self.terms_, self.lead_words_)
        return self.forest_.predict(X), X[:, ELIGIBLE] > 0 if len(X) else np.zeros(0, dtype=bool), similarity

    def summarize(self, doc: Document, budget: Budget | int = 3) -> list[SummarySentenceOut]:
        budget = budget if isinstance(budget, Budget) else Budget(sentences=budget)
        if not doc.sentences:
            return []
        scores, allowed, similarity = self._scored(doc)
        by_index = {s.index: s for s in candidates(doc, allowed)}
        ranked = sorted(by_index, key=lambda i: -scores[i])

        def redundant(index: int, chosen: list[int]) -> bool:
            return any(similarity[index, j] > self.redundancy for j in chosen)

        lengths = {i: len(s.text) for i, s in by_index.items()}
        chosen = select(ranked, lengths, budget, redundant)
        return [summary_sentence(i, by_index[i], scores[i]) for i in chosen]


class LearnedModel(ServedModel):
    """The shipped (or configured) learned summarizer: a model directory holding a :class:`LearnedSummarizer`."""

    def __init__(self, directory: Path, card: dict):
        super().__init__(directory, card)
        summarizer = load_model(directory).estimator
        if not isinstance(summarizer, LearnedSummarizer) or tuple(summarizer.features_) != FEATURES:
            raise ModelIntegrityError(f"{directory} does not hold a summarizer for this version's sentence features")
        self.summarizer = summarizer

    def summarize(self, doc: Document, budget: Budget | int = 3) -> list[SummarySentenceOut]:
        return self.summarizer.summarize(doc, budget)
