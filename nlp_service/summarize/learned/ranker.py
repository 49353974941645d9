"""Ranked extractive summarizer: the learned summarizer's features, scored by a LambdaMART ranker.

Method: the sentence features, lead words and budgeted selection of
:class:`nlp_service.summarize.learned.model.LearnedSummarizer`, but the scorer is trained to order the
sentences of each article (LightGBM's ``lambdarank`` objective, Burges 2010: gradient-boosted trees whose
gradients are pairwise swaps weighted by the change in NDCG@3) rather than to predict each sentence's
oracle membership in isolation. Only the order within an article matters to a summary, and a regressor
spends its trees on levels that differ between articles. Grades come from the training script (the greedy
ROUGE-2 oracle: the sentence picked first grades highest). The fitted trees are flattened into
:class:`nlp_service.forest.FlatForest`, so serving needs no LightGBM.
"""

from __future__ import annotations

import numpy as np

from nlp_service.forest import FlatForest
from nlp_service.summarize.learned.model import LearnedSummarizer


class RankedSummarizer(LearnedSummarizer):
    # min_data_in_leaf 50: a leaf stands for a kind of sentence seen in many articles, not one article's quirk.
    def __init__(self, max_iter: int = 300, learning_rate: float = 0.05, max_leaf_nodes: int = 31, max_depth: int = 8,
                 min_df: int = 5, lead_c: float = 1.0, redundancy: float = 0.5, random_state: int = 0,
                 min_data_in_leaf: int = 50, truncation: int = 10):
        super().__init__(max_iter, learning_rate, max_leaf_nodes, max_depth, min_df, lead_c, redundancy, random_state)
        self.min_data_in_leaf = min_data_in_leaf
        self.truncation = truncation

    def fit_scorer(self, X: np.ndarray, y: np.ndarray, sizes: list[int]):
        """Fit the ranker on feature rows ``X``, integer grades ``y`` and ``sizes`` (sentences per article)."""
        import lightgbm  # training only

        params = {
            "objective": "lambdarank", "eval_at": [3], "lambdarank_truncation_level": self.truncation,
            "learning_rate": self.learning_rate, "num_leaves": self.max_leaf_nodes, "max_depth": self.max_depth,
            "min_data_in_leaf": self.min_data_in_leaf, "seed": self.random_state, "deterministic": True,
            "num_threads": 1, "verbose": -1,  # one thread: OpenMP threads spin when the cores are busy
        }
        data = lightgbm.Dataset(X, np.asarray(y, dtype=int), group=sizes)
        booster = lightgbm.train(params, data, num_boost_round=self.max_iter)
        self.forest_ = FlatForest.from_lightgbm(booster.dump_model())
        return self
