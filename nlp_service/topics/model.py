"""Topic tags for a document: the loaded tagger, its thresholds, and evidence quoted verbatim.

Evidence terms come from the model's vocabulary (lower case, syllables joined by "_");
:func:`quote` finds each one in the document's sentences and returns the words exactly
as the article writes them, so every evidence phrase appears in the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from nlp_service.artifacts import load_model
from nlp_service.errors import ModelIntegrityError
from nlp_service.text.clean import model_text
from nlp_service.text.tokens import Document

EVIDENCE_TERMS = 8  # look at a few more terms than are shown: some cannot be quoted (folded digits)
EVIDENCE_SHOWN = 5


@dataclass(frozen=True)
class TopicPrediction:
    id: str
    name: str
    score: float
    evidence: list[str]


def _syllable_pattern(syllable: str) -> str:
    return "".join(r"\d" if c == "0" else re.escape(c) for c in syllable)


def quote(term: str, doc: Document) -> str | None:
    """The first place ``term`` occurs in ``doc``, as written there; None when it cannot be found."""
    syllables = [s for word in term.split(" ") for s in word.split("_") if s]
    if not syllables:
        return None
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(_syllable_pattern, syllables)) + r"(?!\w)", re.I)
    for written in [s.text for s in doc.sentences] + ([doc.title] if doc.title else []):
        match = pattern.search(model_text(written))
        if match:
            return written[match.start():match.end()]  # model_text keeps offsets
    return None


class TopicModel:
    def __init__(self, directory: Path):
        loaded = load_model(directory)
        self.tagger = loaded.estimator
        self.card = loaded.card
        self.version = str(loaded.card.get("version", "unknown"))
        names = {label["id"]: label["name"] for label in loaded.card.get("labels", [])}
        missing = [t for t in self.tagger.topics_ if t not in names]
        if missing:
            raise ModelIntegrityError(f"topic model card has no names for {missing}")
        self.names = names

    @property
    def topic_ids(self) -> list[str]:
        return list(self.tagger.topics_)

    def scores(self, doc: Document) -> dict[str, float]:
        proba = self.tagger.predict_proba([doc.words_with_title])[0]
        return {t: round(float(p), 4) for t, p in zip(self.tagger.topics_, proba)}

    def predict(self, doc: Document) -> tuple[list[TopicPrediction], dict[str, float]]:
        """Assigned topics (score at or above their threshold), best first, and every topic's score."""
        row = self.tagger.vectorizer_.transform([doc.words_with_title])  # once, for the scores and the evidence
        proba = self.tagger.proba_of(row)[0]
        assigned = []
        for j, (topic, p) in enumerate(zip(self.tagger.topics_, proba)):
            if p >= self.tagger.thresholds_[j]:
                phrases: list[str] = []
                for term in self.tagger.evidence_of(row, j, EVIDENCE_TERMS):
                    found = quote(term, doc)
                    if found and found not in phrases:
                        phrases.append(found)
                # "cải cách" adds nothing beside "cải cách hành chính": keep the longest phrases.
                phrases = [x for x in phrases if not any(x != y and x.lower() in y.lower() for y in phrases)]
                assigned.append(TopicPrediction(topic, self.names[topic], round(float(p), 4), phrases[:EVIDENCE_SHOWN]))
        assigned.sort(key=lambda t: -t.score)
        return assigned, {t: round(float(p), 4) for t, p in zip(self.tagger.topics_, proba)}
