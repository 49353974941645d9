"""The keyword-rule baseline for topics, built from the codebook's typical wording.

A topic is given when its wording (``nlp_service.labels.TOPICS[*].wording``) occurs at
least ``MIN_HITS`` times in the cleaned article (lower case, canonical tone marks). It is
what an editor could write down in an afternoon, and what the learned tagger must beat.
"""

from __future__ import annotations

import re

from nlp_service.labels import TOPICS
from nlp_service.text.clean import model_text

MIN_HITS = 2  # one mention is often in passing; the codebook asks for the main subject


def _pattern(phrase: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(model_text(phrase).lower()) + r"(?!\w)")


PATTERNS = {topic.id: [_pattern(p) for p in topic.wording] for topic in TOPICS}


def keyword_topics(text: str, min_hits: int = MIN_HITS) -> list[str]:
    haystack = model_text(text).lower()
    return [topic for topic, patterns in PATTERNS.items()
            if sum(len(p.findall(haystack)) for p in patterns) >= min_hits]
