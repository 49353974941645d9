"""Fitted histogram gradient-boosting trees, flattened into arrays and evaluated level by level.

Method: scikit-learn's ``predict`` is built for large batches: on the fifteen-odd rows of one
article it spends about 10 ms in thread start-up and checks, more than everything else a
summary costs. Here every tree's nodes are concatenated into flat arrays (feature,
threshold, left, right, leaf value); all rows walk all trees at once, one tree level per
step, each (row, tree) pair dropping out once it reaches a leaf, so one call costs at most
as many numpy steps as the deepest tree is deep. Splits follow
scikit-learn's rule (left when the value is at most the threshold; a missing value goes
where the tree sent missing values in training, ``missing_go_to_left``). Only numerical splits.

:class:`FlatForest` is a regressor's prediction (the squared error loss, which is what
:class:`nlp_service.summarize.learned.model.LearnedSummarizer` fits): the baseline plus the sum of
the trees' leaves. :meth:`FlatForest.from_lightgbm` flattens a LightGBM model's dumped trees the
same way (a ranker's scores), so serving never imports LightGBM. :class:`FlatClassifier` is a
``HistGradientBoostingClassifier``'s ``predict_proba``: the trees of all classes walked together,
each class's raw score its baseline plus its trees' leaves, then the sigmoid (two classes: one
tree per iteration) or the softmax (k classes: ``_predictors[i][k]`` is class k's tree at
iteration i). Serving imports neither scikit-learn nor OpenMP::

    from nlp_service.forest import FlatClassifier
    flat = FlatClassifier(fitted_hist_gradient_boosting_classifier)   # once, after fitting
    proba = flat.predict_proba(X)   # (rows, classes), columns in flat.classes order, as scikit-learn's
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor


def _numerical_trees(model, per_iteration: int) -> list[np.ndarray]:
    """The node arrays of a fitted HistGradientBoosting model, iteration by iteration, class by class."""
    if getattr(model, "_preprocessor", None) is not None:
        raise ValueError("categorical features are not supported (the model re-encodes its input columns)")
    trees = [stage[k].nodes for stage in model._predictors for k in range(per_iteration)]
    if any(t["is_categorical"].any() for t in trees):
        raise ValueError("categorical splits are not supported")
    return trees


class FlatForest:
    def __init__(self, regressor: HistGradientBoostingRegressor):
        if regressor.loss != "squared_error":
            raise ValueError("only the squared error loss is supported")
        self._flatten(_numerical_trees(regressor, 1))
        self.baseline = float(np.ravel(regressor._baseline_prediction)[0])

    def _flatten(self, trees: list[np.ndarray]) -> None:
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
        self.baseline = 0.0

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

    def leaves(self, X: np.ndarray) -> np.ndarray:
        """The leaf value each row reaches in each tree, (rows, trees)."""
        X = np.asarray(X, dtype=float)
        if len(X) == 0:
            return np.zeros((0, len(self.roots)))
        missing = np.isnan(X).any()
        trees = len(self.roots)
        at = np.tile(self.roots, len(X))  # (row, tree) pairs, row-major
        row = np.repeat(np.arange(len(X)), trees)
        active = np.arange(len(at))  # the pairs not yet at a leaf: trees end at depths from 1 to ``depth``
        for _ in range(self.depth):
            node = at[active]
            x = X[row[active], self.feature[node]]
            go_right = x > self.threshold[node]
            if missing:
                go_right = np.where(np.isnan(x), ~self.missing_left[node], go_right)
            child = self.children[node, go_right.view(np.int8)]
            at[active] = child
            active = active[child != node]  # a leaf is its own child
            if not len(active):
                break
        return self.value[at].reshape(len(X), trees)

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.baseline + self.leaves(X).sum(axis=1)


class FlatClassifier:
    """``predict_proba`` of a fitted ``HistGradientBoostingClassifier`` (log loss, numerical splits), from arrays.

    ``classes``: the classifier's ``classes_``, the order of the probability columns; ``n_features``: the
    columns a row must have."""

    def __init__(self, classifier: HistGradientBoostingClassifier):
        self.outputs = int(classifier.n_trees_per_iteration_)  # 1 for two classes, else one tree per class
        self.forest = FlatForest.__new__(FlatForest)
        self.forest._flatten(_numerical_trees(classifier, self.outputs))
        self.baseline = np.ravel(classifier._baseline_prediction).astype(float)  # (outputs,)
        self.classes = np.asarray(classifier.classes_)
        self.n_features = int(classifier.n_features_in_)

    def raw(self, X: np.ndarray) -> np.ndarray:
        """The raw scores (log-odds, or each class's logit), (rows, outputs): scikit-learn's ``_raw_predict``."""
        X = np.asarray(X, dtype=float)
        if X.size == 0 and X.ndim == 1:  # [] as no rows
            X = X.reshape(0, self.n_features)
        if X.ndim != 2 or X.shape[1] != self.n_features:
            raise ValueError(f"X has shape {X.shape}; the classifier was fitted on {self.n_features} features")
        leaves = self.forest.leaves(X)
        return self.baseline + leaves.reshape(len(X), len(self.forest.roots) // self.outputs, self.outputs).sum(axis=1)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities, (rows, classes), columns in ``classes`` order."""
        raw = self.raw(X)
        if self.outputs == 1:
            p = 0.5 * (1.0 + np.tanh(0.5 * raw[:, 0]))  # the sigmoid, without overflow for large |raw|
            return np.column_stack([1.0 - p, p])
        e = np.exp(raw - raw.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The most probable class of each row (scikit-learn's ``predict``)."""
        raw = self.raw(X)
        return self.classes[(raw[:, 0] > 0).astype(np.intp) if self.outputs == 1 else raw.argmax(axis=1)]
