"""Label ids the store accepts: one checker per kind (topic, section), so every check says the same."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from nlp_service.errors import UnknownLabel
from nlp_service.labels import Label
from nlp_service.store.schemas import StoredLabel

SEE_LABELS = "see GET /v1/labels"


@dataclass(frozen=True)
class KnownLabels:
    """The labels of one kind the store knows, by id."""

    kind: str  # "topic" or "section", as messages name it
    by_id: Mapping[str, Label]

    def check(self, label_id: str) -> str:
        """``label_id`` if known, else an :class:`UnknownLabel` (422)."""
        if label_id not in self.by_id:
            raise UnknownLabel(f"unknown {self.kind} id {label_id!r}; {SEE_LABELS}")
        return label_id

    def check_all(self, label_ids: Iterable[str]) -> list[str]:
        """``label_ids`` without repeats, in order, if all are known; else one error naming every unknown id."""
        ids = list(dict.fromkeys(label_ids))
        unknown = [i for i in ids if i not in self.by_id]
        if unknown:
            raise UnknownLabel(f"unknown {self.kind} ids: {', '.join(map(repr, unknown))}; {SEE_LABELS}")
        return ids

    def stored(self, label_id: str, score: float | None, by_editor: bool) -> StoredLabel:
        """A stored label with its name (an id no longer in the taxonomy is shown by its id)."""
        label = self.by_id.get(label_id)
        return StoredLabel(id=label_id, name=label.name if label else label_id, score=score, by_editor=by_editor)
