"""Which lines of a page are its article and which one is its headline: a two-stage line classifier.

Stage one, gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier) over
:func:`nlp_service.text.page_features.features`, scores every line as furniture, article or
headline; the headline is the best-scoring line above stage one's article stretch when its score
clears ``headline_threshold`` (a sidebar repeating it further down is not the headline).
Stage two scores article-or-not again with each line's offset from that headline added and, for
HTML, whether it sits in the element that holds the sure article prose of stage one.
The article is then read as one stretch (the maximum-sum run of ``p - threshold``, as in
Finn et al.'s 2001 body-text extraction), since portals print it in one piece: a caption
inside it stays, a lone headline in a sidebar far below does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier

from nlp_service.artifacts import ServedModel, load_model
from nlp_service.errors import ModelIntegrityError
from nlp_service.text.page_blocks import PROSE_CHARS, Block, inside_container
from nlp_service.text.page_features import features, second_stage

FURNITURE, ARTICLE, HEADLINE = 0, 1, 2
MIN_LEAF = 50  # lines per leaf: a leaf must hold lines of many pages (a page has a few hundred)
SURE = 0.9  # stage one's article probability that marks prose to find the article's container by


@dataclass(frozen=True)
class PageReading:
    headline: int | None  # index of the headline block
    article: list[int]  # indices of the article's blocks, in page order
    scores: np.ndarray  # each block's article probability


def best_run(gains: np.ndarray) -> tuple[int, int]:
    """[start, end) of the contiguous run with the largest sum (Kadane); empty when every gain is negative."""
    best, best_span, total, start = 0.0, (0, 0), 0.0, 0
    for i, g in enumerate(gains):
        if total <= 0:
            total, start = 0.0, i
        total += g
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


class PageLineClassifier(ClassifierMixin, BaseEstimator):
    def __init__(self, max_iter: int = 200, learning_rate: float = 0.1, max_leaf_nodes: int = 31,
                 threshold: float = 0.5, headline_threshold: float = 0.3, random_state: int = 0):
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.threshold = threshold
        self.headline_threshold = headline_threshold
        self.random_state = random_state

    def _trees(self) -> HistGradientBoostingClassifier:
        # No early stopping: its validation rows come from the training pages, so it stops on noise; leaves of
        # at least MIN_LEAF lines and an L2 penalty keep the trees from learning single pages.
        return HistGradientBoostingClassifier(max_iter=self.max_iter, learning_rate=self.learning_rate,
                                              max_leaf_nodes=self.max_leaf_nodes, min_samples_leaf=MIN_LEAF,
                                              l2_regularization=1.0, early_stopping=False,
                                              random_state=self.random_state)

    def fit(self, pages: list[list[Block]], labels: list[np.ndarray]) -> PageLineClassifier:
        """``labels[k][i]`` is FURNITURE, ARTICLE or HEADLINE for block ``i`` of page ``k``."""
        xs = [features(p) for p in pages]
        y = np.concatenate(labels)
        self.first_ = self._trees().fit(np.vstack(xs), y)
        second = []
        for blocks, x, lab in zip(pages, xs, labels):  # the true headline and prose while training
            heads = np.flatnonzero(lab == HEADLINE)
            sure = [k == ARTICLE and len(b.text) >= PROSE_CHARS for b, k in zip(blocks, lab)]
            second.append(second_stage(x, int(heads[0]) if len(heads) else None, inside_container(blocks, sure)))
        self.second_ = self._trees().fit(np.vstack(second), (y == ARTICLE).astype(int))
        self.classes_ = np.array([FURNITURE, ARTICLE, HEADLINE])
        return self

    def read(self, blocks: list[Block]) -> PageReading:
        if not blocks:
            return PageReading(None, [], np.zeros(0))
        x = features(blocks)
        first = self.first_.predict_proba(x)
        article_col = list(self.first_.classes_).index(ARTICLE)
        headline = None
        if HEADLINE in self.first_.classes_:  # the headline heads the article: look above stage one's stretch
            head = first[:, list(self.first_.classes_).index(HEADLINE)]
            start, end = best_run(first[:, article_col] - self.threshold)
            above = head[:start + 2] if end else head  # stage one may take the headline for the article's first line
            if above.max() >= self.headline_threshold:
                headline = int(above.argmax())
        sure = [q >= SURE and len(b.text) >= PROSE_CHARS for q, b in zip(first[:, article_col], blocks)]
        p = self.second_.predict_proba(second_stage(x, headline, inside_container(blocks, sure)))[:, 1]
        gains = p - self.threshold
        if headline is not None:
            gains[headline] = -1.0  # the headline is the title, never body text
        start, end = best_run(gains)
        return PageReading(headline, list(range(start, end)), p)

    def predict(self, pages: list[list[Block]]) -> list[PageReading]:
        return [self.read(p) for p in pages]


class PageLines(ServedModel):
    """The shipped or configured page-line classifier: ``PageLines.from_dir(directory)``, card checked first (see
    :mod:`nlp_service.artifacts`); ``classifier`` is the fitted :class:`PageLineClassifier`."""

    def __init__(self, directory: Path, card: dict):
        super().__init__(directory, card)
        self.classifier = load_model(directory).estimator
        if not isinstance(self.classifier, PageLineClassifier):
            raise ModelIntegrityError(f"{directory} does not hold a page-line classifier")
