"""How long a summary may be: a number of sentences, a share of the article, or a number of characters.

Exactly one of the three is given; the default is three sentences, the length of the
lead paragraph Vietnamese newspapers write. Selection (:func:`select`) walks sentences
best first, skips near-repeats of what it took and, under a character budget, any
sentence that would overflow it, then returns the choice in document order.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from nlp_service.errors import InvalidBudget

DEFAULT_SENTENCES = 3


@dataclass(frozen=True)
class Budget:
    sentences: int | None = None
    ratio: float | None = None
    max_chars: int | None = None

    def __post_init__(self) -> None:
        given = [name for name in ("sentences", "ratio", "max_chars") if getattr(self, name) is not None]
        if len(given) > 1:
            raise InvalidBudget(f"give one summary budget, not {' and '.join(given)}")
        if self.sentences is not None and self.sentences < 1:
            raise InvalidBudget("sentences must be at least 1")
        if self.ratio is not None and not 0 < self.ratio <= 1:
            raise InvalidBudget("ratio must be above 0 and at most 1")
        if self.max_chars is not None and self.max_chars < 1:
            raise InvalidBudget("max_chars must be at least 1")

    @classmethod
    def of(cls, sentences: int | None = None, ratio: float | None = None, max_chars: int | None = None, *,
           most_sentences: int | None = None) -> Budget:
        """The budget asked for, or the default of three sentences when none is; ``most_sentences`` (the
        settings' ``max_summary_sentences``) bounds a number of sentences."""
        if sentences is None and ratio is None and max_chars is None:
            return cls(sentences=DEFAULT_SENTENCES)
        if sentences is not None and most_sentences is not None and sentences > most_sentences:
            raise InvalidBudget(f"sentences must be between 1 and {most_sentences} (NLP_SERVICE_MAX_SUMMARY_SENTENCES)")
        return cls(sentences, ratio, max_chars)

    def count(self, available: int) -> int:
        """Most sentences this budget allows out of ``available`` ones."""
        if self.sentences is not None:
            return min(self.sentences, available)
        if self.ratio is not None:
            return min(available, max(1, math.ceil(self.ratio * available)))
        return available

    def describe(self) -> str:
        if self.sentences is not None:
            return f"{self.sentences} sentences"
        if self.ratio is not None:
            return f"{self.ratio:g} of the sentences"
        return f"{self.max_chars} characters"


def select(ranked: Iterable[int], lengths: dict[int, int], budget: Budget,
           redundant: Callable[[int, list[int]], bool] | None = None) -> list[int]:
    """Indices from ``ranked`` (best first) that fit ``budget``, near-repeats skipped, in document order.

    ``lengths`` holds the characters of every candidate sentence (a ratio budget counts them all);
    ``redundant(index, chosen)`` says whether a sentence repeats what is already taken.
    """
    limit = budget.count(len(lengths))
    chosen: list[int] = []
    used = 0
    for index in ranked:
        if len(chosen) >= limit:
            break
        cost = lengths[index] + (1 if chosen else 0)  # the joining space
        if budget.max_chars is not None and used + cost > budget.max_chars:
            continue
        if redundant is not None and redundant(index, chosen):
            continue
        chosen.append(index)
        used += cost
    return sorted(chosen)
