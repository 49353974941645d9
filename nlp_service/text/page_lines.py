"""Which lines of a page are its article and which one is its headline: a two-stage line classifier.

Stage one, gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier) over
:func:`nlp_service.text.page_features.features`, scores every line as furniture, article or
headline; the headline is the best-scoring line above stage one's article stretch when its score
clears ``headline_threshold`` (a sidebar repeating it further down is not the headline).
Stage two scores article-or-not again with each line's offset from that headline added and, for
HTML, whether it sits in the element that holds the sure article prose of stage one.
Stage two learns each page both with its headline and without one, as stage one may miss it.
The article is then read as one stretch (the maximum-sum run of ``p - threshold``, as in
Finn et al.'s 2001 body-text extraction), since portals print it in one piece: a caption
inside it stays, a lone headline in a sidebar far below does not. In HTML, the lines of the
element that holds the article, between its first and last line, join it (a table inside
the article). The trees are kept as :class:`nlp_service.forest.FlatClassifier` arrays.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nlp_service.artifacts import ServedModel, load_model
from nlp_service.errors import ModelIntegrityError
from nlp_service.forest import FlatClassifier
from nlp_service.text.page_blocks import PROSE_CHARS, Block, inside_container
from nlp_service.text.page_features import features, second_stage

FURNITURE, ARTICLE, HEADLINE = 0, 1, 2
MIN_LEAF = 50  # lines per leaf: a leaf must hold lines of many pages (a page has a few hundred)
SURE = 0.9  # stage one's article probability that marks prose to find the article's container by
ENCLOSING = 0.8  # share of the article's characters its element holds (a stray line elsewhere does not move it)
ENCLOSED_CHARS = 40  # a line read as article outside the stretch that counts towards finding its element


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


def _with_enclosed(blocks: list[Block], article: list[int], p: np.ndarray, threshold: float,
                   headline: int | None) -> list[int]:
    """``article`` and every line between its first and last line in the element (HTML) that holds it: the
    deepest element with ``ENCLOSING`` of the characters of the stretch and of the other lines read as article
    (``p`` over ``threshold``, ``ENCLOSED_CHARS`` or longer). A table or a list inside the article (a schedule,
    a fee table) is the article's, however unlike prose its cells are; the stretch alone stops at such a run."""
    if not article or blocks[0].dom is None:
        return article
    chosen = set(article)
    held = [i in chosen or (q >= threshold and len(b.text) >= ENCLOSED_CHARS)
            for i, (q, b) in enumerate(zip(p, blocks))]
    inside = inside_container(blocks, held, ENCLOSING)
    ends = [i for i, (h, a) in enumerate(zip(held, inside)) if h and a == 1.0]
    if not ends:
        return article
    enclosed = {i for i in range(ends[0], ends[-1] + 1) if inside[i] == 1.0 and i != headline}
    return sorted(chosen | enclosed)


class PageLineClassifier:
    """Fitted with scikit-learn's trees; what ``fit`` keeps (``first_``, ``second_``) are those trees as
    :class:`nlp_service.forest.FlatClassifier` arrays, so reading a page (and unpickling the model) needs no
    scikit-learn, and one page costs numpy steps instead of OpenMP thread start-ups."""

    def __init__(self, max_iter: int = 200, learning_rate: float = 0.1, max_leaf_nodes: int = 31,
                 threshold: float = 0.5, headline_threshold: float = 0.3, random_state: int = 0):
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.threshold = threshold
        self.headline_threshold = headline_threshold
        self.random_state = random_state

    def _trees(self):
        from sklearn.ensemble import HistGradientBoostingClassifier  # training only

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
        self.first_ = FlatClassifier(self._trees().fit(np.vstack(xs), y))
        second, second_y = [], []
        for blocks, x, lab in zip(pages, xs, labels):  # the true headline and prose while training
            heads = np.flatnonzero(lab == HEADLINE)
            sure = [k == ARTICLE and len(b.text) >= PROSE_CHARS for b, k in zip(blocks, lab)]
            inside = inside_container(blocks, sure)
            # Each page with a headline is also seen without one, as stage one may miss it in service: else
            # "no headline" is learnt from article-only corpus bodies alone and reads as "all article".
            for head in ([int(heads[0]), None] if len(heads) else [None]):
                second.append(second_stage(x, head, inside))
                second_y.append(lab == ARTICLE)
        self.second_ = FlatClassifier(self._trees().fit(np.vstack(second), np.concatenate(second_y).astype(int)))
        self.classes_ = np.array([FURNITURE, ARTICLE, HEADLINE])
        return self

    def read(self, blocks: list[Block]) -> PageReading:
        if not blocks:
            return PageReading(None, [], np.zeros(0))
        x = features(blocks)
        first = self.first_.predict_proba(x)
        article_col = list(self.first_.classes).index(ARTICLE)
        headline = None
        if HEADLINE in self.first_.classes:  # the headline heads the article: look above stage one's stretch
            head = first[:, list(self.first_.classes).index(HEADLINE)]
            start, end = best_run(first[:, article_col] - self.threshold)
            above = head[:start + 2] if end else head  # stage one may take the headline for the article's first line
            if above.max() >= self.headline_threshold:
                headline = int(above.argmax())
        sure = [q >= SURE and len(b.text) >= PROSE_CHARS for q, b in zip(first[:, article_col], blocks)]
        inside = inside_container(blocks, sure)
        p = self.second_.predict_proba(second_stage(x, headline, inside))[:, 1]
        gains = p - self.threshold
        if headline is not None:
            gains[headline] = -1.0  # the headline is the title, never body text
        start, end = best_run(gains)
        return PageReading(headline, _with_enclosed(blocks, list(range(start, end)), p, self.threshold, headline), p)

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
