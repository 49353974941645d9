"""The section classifier: one scikit-learn Pipeline over a document's words.

The shipped pipeline is built by ``training/train_section.py``; here it is only
loaded (hash-checked, see :mod:`nlp_service.artifacts`) and asked for probabilities.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nlp_service.artifacts import load_model
from nlp_service.errors import ModelIntegrityError
from nlp_service.labels import SECTIONS_BY_ID
from nlp_service.text.tokens import Document


@dataclass(frozen=True)
class SectionPrediction:
    id: str
    name: str
    score: float
    scores: dict[str, float]


class SectionModel:
    def __init__(self, directory: Path):
        loaded = load_model(directory)
        self.pipeline = loaded.estimator
        self.card = loaded.card
        self.version = str(loaded.card.get("version", "unknown"))
        unknown = [c for c in self.pipeline.classes_ if c not in SECTIONS_BY_ID]
        if unknown:
            raise ModelIntegrityError(f"section model predicts unknown ids {unknown}")

    def predict(self, doc: Document) -> SectionPrediction:
        probabilities = self.pipeline.predict_proba([tuple(doc.words)])[0]
        best = int(np.argmax(probabilities))
        label = self.pipeline.classes_[best]
        scores = {str(c): round(float(p), 4) for c, p in zip(self.pipeline.classes_, probabilities)}
        return SectionPrediction(label, SECTIONS_BY_ID[label].name, round(float(probabilities[best]), 4), scores)
