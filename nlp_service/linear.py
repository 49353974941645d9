"""Calibrated linear classifiers over TF-IDF terms, evaluated from arrays (the serving form of a fitted model).

Method: what scikit-learn computes for ``TfidfVectorizer(sublinear_tf=True, norm="l2")`` followed by
``CalibratedClassifierCV(LinearSVC, ensemble=False).predict_proba``, rewritten as array operations over weights
taken from the fitted objects once: a document's term counts become ``1 + log(count)`` times the term's IDF, then
the row is divided by its L2 norm, all in float32 with a float64 sum of squares as scikit-learn's own code does (so
the features are bit for bit the vectorizer's); the decision values are one sparse-times-dense product with the
SVMs' stacked coefficients plus their intercepts, summed in the coefficients' dtype in scipy's order; each column is mapped to a probability by its calibrator
(Platt's sigmoid ``1 / (1 + exp(a·f + b))`` or the isotonic step function, linearly interpolated and clipped to
the fitted range) and, for more than two classes, the probabilities are divided by their sum (uniform when the
sum is 0). No input validation runs per call: a row is built by :mod:`nlp_service.text.vocabulary` from our own terms.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nlp_service.artifacts import CARD, SERVING, load_arrays, load_model, read_card, save_arrays
from nlp_service.errors import ModelIntegrityError
from nlp_service.text.vocabulary import Vocabulary


@dataclass
class Rows:
    """Documents as TF-IDF rows of one model: row ``i`` is ``columns[starts[i]:starts[i+1]]`` (ascending) with
    ``values`` (float32), as the fitted vectorizer would give them."""

    columns: np.ndarray
    values: np.ndarray
    starts: np.ndarray

    def row(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        a, b = self.starts[i], self.starts[i + 1]
        return self.columns[a:b], self.values[a:b]


class CalibratedLinear:
    """``k`` calibrated linear scores per document, from the weights of fitted scikit-learn objects.

    ``sigmoid``: (k, 2) Platt slopes and intercepts, or None; ``isotonic``: per column (x, y, x_min, x_max) thresholds and range, or None.
    ``normalize``: divide the k probabilities by their sum (a multi-class model).
    """

    def __init__(self, idf: np.ndarray, weights: np.ndarray, intercept: np.ndarray, *, sigmoid=None, isotonic=None,
                 normalize: bool = False):
        self.idf = np.asarray(idf, dtype=np.float32)  # memory-mapped arrays stay mapped
        # (n_terms, k), in the fitted dtype: an SVM fitted on float32 features keeps float32 weights, and scipy
        # then sums the decision in float32, which the isotonic step function can turn into visible differences.
        self.weights = np.asarray(weights)
        self.intercept = np.asarray(intercept, dtype=self.weights.dtype)
        self.sigmoid = None if sigmoid is None else np.asarray(sigmoid, dtype=np.float64)
        self.isotonic = isotonic
        self.normalize = normalize
        if (sigmoid is None) == (isotonic is None):
            raise ModelIntegrityError("a calibrated linear model needs exactly one of sigmoid or isotonic calibration")

    @classmethod
    def from_sklearn(cls, vectorizer, calibrated: list) -> CalibratedLinear:
        """From a fitted ``TfidfVectorizer`` and ``CalibratedClassifierCV(ensemble=False)`` models: one multi-class
        model (its classes are the columns) or several binary ones (column j: model j's positive class)."""
        if not (vectorizer.sublinear_tf and vectorizer.norm == "l2" and vectorizer.use_idf and not vectorizer.binary):
            raise ModelIntegrityError("only sublinear, L2-normalised TF-IDF features have a serving form")
        weights, intercepts, calibrators = [], [], []
        for model in calibrated:
            if len(model.calibrated_classifiers_) != 1 or model.method not in ("sigmoid", "isotonic"):
                raise ModelIntegrityError("only CalibratedClassifierCV(ensemble=False), sigmoid or isotonic, is served")
            inner = model.calibrated_classifiers_[0]
            if list(inner.estimator.classes_) != list(model.classes_):
                raise ModelIntegrityError("calibrated classes are not in the estimator's order")
            weights.append(inner.estimator.coef_)
            intercepts.append(inner.estimator.intercept_)
            calibrators.extend(inner.calibrators)
        method = calibrated[0].method
        if any(m.method != method for m in calibrated):
            raise ModelIntegrityError("the models mix calibration methods")
        weights = np.ascontiguousarray(np.vstack(weights).T)
        intercept = np.concatenate(intercepts)
        if method == "sigmoid":
            return cls(vectorizer.idf_, weights, intercept, sigmoid=[(c.a_, c.b_) for c in calibrators],
                       normalize=len(calibrated) == 1 and weights.shape[1] > 1)
        isotonic = []
        for c in calibrators:
            if c.out_of_bounds != "clip" or len(c.X_thresholds_) < 2:
                raise ModelIntegrityError("isotonic calibration must clip and have two thresholds or more")
            isotonic.append((np.asarray(c.X_thresholds_, dtype=np.float64), np.asarray(c.y_thresholds_, np.float64),
                             float(c.X_min_), float(c.X_max_)))
        return cls(vectorizer.idf_, weights, intercept, isotonic=isotonic,
                   normalize=len(calibrated) == 1 and weights.shape[1] > 1)

    def arrays(self) -> dict[str, np.ndarray]:
        """Everything the model is, as named arrays (what :meth:`from_arrays` reads back)."""
        out = {"idf": self.idf, "weights": self.weights, "intercept": self.intercept,
               "normalize": np.array(self.normalize)}
        if self.sigmoid is not None:
            out["sigmoid"] = self.sigmoid
        else:
            out["isotonic_x"] = np.concatenate([x for x, _, _, _ in self.isotonic])
            out["isotonic_y"] = np.concatenate([y for _, y, _, _ in self.isotonic])
            out["isotonic_starts"] = np.cumsum([0] + [len(x) for x, _, _, _ in self.isotonic])
            out["isotonic_range"] = np.array([(low, high) for _, _, low, high in self.isotonic])
        return out

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> CalibratedLinear:
        isotonic = None
        if "isotonic_x" in arrays:
            starts, x, y = arrays["isotonic_starts"], arrays["isotonic_x"], arrays["isotonic_y"]
            isotonic = [(x[a:b], y[a:b], float(low), float(high))
                        for a, b, (low, high) in zip(starts[:-1], starts[1:], arrays["isotonic_range"])]
        return cls(arrays["idf"], arrays["weights"], arrays["intercept"], sigmoid=arrays.get("sigmoid"),
                   isotonic=isotonic, normalize=bool(arrays["normalize"]))

    def rows(self, columns: np.ndarray, counts: np.ndarray, starts: np.ndarray) -> Rows:
        """TF-IDF rows from term counts (columns ascending within each document)."""
        values = counts.astype(np.float32)
        np.log(values, out=values)
        values += np.float32(1.0)
        values *= self.idf[columns]
        squares = (values * values).astype(np.float64)  # float products, a double sum: scikit-learn's l2 normalize
        for i in range(len(starts) - 1):
            a, b = starts[i], starts[i + 1]
            if b > a:
                total = np.add.accumulate(squares[a:b])[-1]  # in column order, as scikit-learn adds them
                if total != 0.0:
                    values[a:b] = values[a:b] / np.sqrt(total)
        return Rows(columns, values, starts)

    def decision(self, rows: Rows) -> np.ndarray:
        """Decision values, (documents, k), as float64: one sparse-times-dense product plus the intercepts, summed
        in the weights' dtype term after term in column order, as scipy's CSR product does (``np.add.reduceat``
        groups the additions otherwise, which in float32 moves the last digit)."""
        n = len(rows.starts) - 1
        out = np.tile(self.intercept, (n, 1))
        if len(rows.columns):
            products = self.weights[rows.columns] * rows.values.astype(self.weights.dtype)[:, None]
            for i in np.flatnonzero(np.diff(rows.starts) > 0):
                out[i] = np.add.accumulate(products[rows.starts[i]:rows.starts[i + 1]], axis=0)[-1] + self.intercept
        return out.astype(np.float64)

    def proba(self, decision: np.ndarray) -> np.ndarray:
        """Calibrated probabilities of each column, (documents, k)."""
        if self.sigmoid is not None:
            proba = 1.0 / (1.0 + np.exp(self.sigmoid[:, 0] * decision + self.sigmoid[:, 1]))
        else:
            proba = np.empty_like(decision)
            for j, (x, y, low, high) in enumerate(self.isotonic):
                proba[:, j] = np.interp(np.clip(decision[:, j], low, high), x, y)
        if self.normalize:
            total = proba.sum(axis=1, keepdims=True)
            proba = np.divide(proba, total, out=np.full_like(proba, 1 / proba.shape[1]), where=total != 0)
        proba[(1.0 < proba) & (proba <= 1.0 + 1e-5)] = 1.0
        return proba

    def contributions(self, rows: Rows, i: int, j: int) -> tuple[np.ndarray, np.ndarray]:
        """(columns, value × weight) of document ``i`` for column ``j``: what the terms add to its decision."""
        columns, values = rows.row(i)
        return columns, values * self.weights[columns, j]  # numpy's promotion, as in TopicTagger.evidence_of


def write_serving(directory: Path, vocabulary: Vocabulary, linear: CalibratedLinear, labels: list[str],
                  **extra: np.ndarray) -> dict:
    """Save the serving form beside the model's artifact and add it to the card (``labels``: the columns' ids)."""
    arrays = {**vocabulary.arrays(), **linear.arrays(), **extra}
    entry = {"method": "calibrated linear over sublinear TF-IDF (nlp_service.linear)", "labels": list(labels),
             **save_arrays(directory, SERVING, arrays)}
    card = read_card(directory)
    card[SERVING] = entry
    (Path(directory) / CARD).write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return card


def read_serving(directory: Path, card: dict) -> tuple[Vocabulary, CalibratedLinear, list[str], dict[str, np.ndarray]]:
    """(vocabulary, model, column labels, all arrays) of a card's serving entry, memory-mapped and hash-checked."""
    entry = card[SERVING]
    arrays = load_arrays(directory, entry)
    return Vocabulary.from_arrays(arrays), CalibratedLinear.from_arrays(arrays), entry["labels"], arrays


def load_served(directory: Path, card: dict,
                convert) -> tuple[Vocabulary, CalibratedLinear, list[str], dict[str, np.ndarray]]:
    """What a linear model is served from: the serving arrays its card vouches for (the artifact's checks run,
    the pickle is not read), or, in an older directory without them, ``convert(estimator)`` of the unpickled
    estimator, giving the same (vocabulary, model, column labels, other arrays)."""
    if SERVING in card:
        load_model(directory, unpickle=False)
        return read_serving(directory, card)
    return convert(load_model(directory).estimator)
