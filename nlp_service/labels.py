"""The label sets of the service: ten sections and twelve public-affairs topics.

Ids and Vietnamese names are those of the project taxonomy (``shared/TAXONOMY.md``), kept as data in
``labels.json`` beside this file;
``wording`` is the codebook's typical wording for a topic, used to find annotation
candidates and by the keyword-rule baseline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Label:
    id: str
    name: str
    description: str
    wording: tuple[str, ...] = ()


def _read(kind: str) -> tuple[Label, ...]:
    table = json.loads((Path(__file__).with_name("labels.json")).read_text(encoding="utf-8"))
    return tuple(Label(e["id"], e["name"], e["description"], tuple(e.get("wording", ()))) for e in table[kind])


SECTIONS: tuple[Label, ...] = _read("sections")
TOPICS: tuple[Label, ...] = _read("topics")

SECTION_IDS = tuple(label.id for label in SECTIONS)
TOPIC_IDS = tuple(label.id for label in TOPICS)
SECTIONS_BY_ID = {label.id: label for label in SECTIONS}
TOPICS_BY_ID = {label.id: label for label in TOPICS}
