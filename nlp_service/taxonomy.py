"""The labels a running service answers with: the ten sections and the loaded topics model's own topics.

A custom topics model (``nlp-service train topics``, served with ``NLP_SERVICE_TOPICS_MODEL``) brings its
own ids, names, descriptions and thresholds in its card; ``/v1/labels``, the store's filters and
corrections, the stats and the pages all follow it. Read from the card alone (no unpickling), so the API
knows its labels before the models have loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from nlp_service.artifacts import read_card
from nlp_service.errors import ModelIntegrityError
from nlp_service.labels import SECTIONS, TOPICS, Label
from nlp_service.settings import SHIPPED_MODELS, Settings


@dataclass(frozen=True)
class Taxonomy:
    sections: tuple[Label, ...]
    topics: tuple[Label, ...]
    thresholds: Mapping[str, float] = field(default_factory=dict)

    @property
    def sections_by_id(self) -> dict[str, Label]:
        return {label.id: label for label in self.sections}

    @property
    def topics_by_id(self) -> dict[str, Label]:
        return {label.id: label for label in self.topics}


def topics_of_card(card: dict) -> tuple[Label, ...]:
    """The card's topics in its order; a label without a name is named by its id."""
    labels = card.get("labels")
    if not isinstance(labels, list) or not labels:
        raise ModelIntegrityError("the topics model card lists no labels")
    out = []
    for item in labels:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise ModelIntegrityError(f"the topics model card has a label without an id: {item!r}")
        out.append(Label(item["id"], str(item.get("name") or item["id"]), str(item.get("description") or "")))
    return tuple(out)


def topics_dir(settings: Settings) -> Path:
    return Path(settings.topics_model) if settings.topics_model else SHIPPED_MODELS / "topics"


def load_taxonomy(settings: Settings) -> Taxonomy:
    """Sections, and the topics of the configured (else shipped) topics model's card; the project taxonomy
    when there is no topics model at all (the service then assigns no topic)."""
    directory = topics_dir(settings)
    if not directory.is_dir():
        if settings.topics_model:
            raise ModelIntegrityError(f"NLP_SERVICE_TOPICS_MODEL={settings.topics_model} is not a directory")
        return Taxonomy(SECTIONS, TOPICS)
    card = read_card(directory)
    thresholds = {str(k): float(v) for k, v in (card.get("thresholds") or {}).items()}
    return Taxonomy(SECTIONS, topics_of_card(card), thresholds)
