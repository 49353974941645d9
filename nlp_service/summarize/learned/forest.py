"""A fitted histogram gradient-boosting regressor, flattened into arrays and evaluated level by level.

scikit-learn's ``predict`` is built for large batches: on the fifteen-odd rows of one
article it spends about 10 ms in thread start-up and checks, more than everything else a
summary costs. Here every tree's nodes are concatenated into flat arrays (feature,
threshold, left, right, leaf value); all rows walk all trees at once, one tree level per
step, so one article costs as many numpy steps as the deepest tree is deep. Splits follow
scikit-learn's rule (left when the value is at most the threshold; a missing value goes
where the tree sent missing values in training). Only numerical splits and the squared
error loss, which is what :class:`nlp_service.summarize.learned.model.LearnedSummarizer` fits.
:meth:`FlatForest.from_lightgbm` flattens a LightGBM model's dumped trees the same way (a ranker's
scores), so serving never imports LightGBM.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sklearn.ensemble import HistGradientBoostingRegressor


class FlatForest:
    def __init__(self, regressor: HistGradientBoostingRegressor):
        trees = [stage[0].nodes for stage in regressor._predictors]
        if any(t["is_categorical"].any() for t in trees):
            raise ValueError("categorical splits are not supported")
        if regressor.loss != "squared_error":
            raise ValueError("only the squared error loss is supported")
        offsets = np.cumsum([0] + [len(t) for t in trees[:-1]])
        nodes = np.concatenate(trees)
        shift = np.repeat(offsets, [len(t) for t in trees])
        self.feature = nodes["feature_idx"].astype(np.intp)
        self.threshold = nodes["num_threshold"].astype(float)
        self.missing_left = nodes["missing_go_to_left"].astype(bool)
        own = np.arange(len(nodes))
        left = np.where(nodes["is_leaf"], own, nodes["left"] + shift)
        right = np.where(nodes["is_leaf"], own, nodes["right"] + shift)
        self.children = np.column_stack([left, right]).astype(np.intp)  # [node, 0] left, [node, 1] right
        self.value = np.where(nodes["is_leaf"], nodes["value"], 0.0)
        self.roots = offsets.astype(np.intp)
        self.depth = int(nodes["depth"].max())
        self.baseline = float(np.ravel(regressor._baseline_prediction)[0])

    @classmethod
    def from_lightgbm(cls, dump: dict) -> FlatForest:
        """The trees of ``Booster.dump_model()`` (numerical ``<=`` splits only; LightGBM's raw score)."""
        feature, threshold, missing_left, children, value, depth, roots = [], [], [], [], [], [], []

        def add(node: dict, level: int) -> int:
            at = len(feature)
            feature.append(node.get("split_feature", 0))
            threshold.append(float(node.get("threshold", 0.0)))
            missing_left.append(bool(node.get("default_left", True)))
            value.append(float(node.get("leaf_value", 0.0)))
            depth.append(level)
            children.append([at, at])  # a leaf is its own child
            if "leaf_value" not in node:
                if node["decision_type"] != "<=":
                    raise ValueError(f"split {node['decision_type']!r} is not supported")
                children[at] = [add(node["left_child"], level + 1), add(node["right_child"], level + 1)]
            return at

        for tree in dump["tree_info"]:
            roots.append(add(tree["tree_structure"], 0))
        forest = cls.__new__(cls)
        forest.feature = np.array(feature, dtype=np.intp)
        forest.threshold = np.array(threshold)
        forest.missing_left = np.array(missing_left)
        forest.children = np.array(children, dtype=np.intp)
        forest.value = np.array(value)
        forest.roots = np.array(roots, dtype=np.intp)
        forest.depth = max(depth)
        forest.baseline = 0.0
        return forest

    def predict(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=float)
        if len(X) == 0:
            return np.zeros(0)
        missing = np.isnan(X).any()
        rows = np.arange(len(X))[:, None]
        at = np.broadcast_to(self.roots, (len(X), len(self.roots)))
        for _ in range(self.depth):  # a leaf is its own child, so extra steps change nothing
            x = X[rows, self.feature[at]]
            go_right = x > self.threshold[at]
            if missing:
                go_right = np.where(np.isnan(x), ~self.missing_left[at], go_right)
            at = self.children[at, go_right.view(np.int8)]
        return self.baseline + self.value[at].sum(axis=1)
