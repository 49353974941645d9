"""Unsupervised extractive summarizer (v1): centrality, position and title, with MMR.

Each sentence is scored by a weighted sum of
- centrality: cosine between its word vector and the document's, with weights
  log(1 + n / sentence frequency) learned from the document itself;
- position: 1 / (1 + 0.5 * index), because news puts its substance first;
- title similarity: cosine with the title's words, when there is a title.
Sentences are then chosen greedily by maximal marginal relevance (Carbonell &
Goldstein, 1998), so a near-repeat of a chosen sentence is passed over, and are
returned in document order. Captions, bylines, datelines and fragments are never
eligible (:func:`nlp_service.summarize.base.eligible`). The summarizer sees only the tokenized document.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator

from nlp_service.schemas import SummarySentenceOut
from nlp_service.summarize.base import bag, candidates, cosine, summary_sentence
from nlp_service.summarize.budget import Budget, select
from nlp_service.text.tokens import Document

VERSION = "unsupervised-v1"  # what meta.models reports as the summarizer when no learned one is loaded
WEIGHTS = {"centrality": 0.45, "position": 0.4, "title": 0.15}
MMR_LAMBDA = 0.7  # relevance against novelty; 0.7 drops only clear repeats


def mmr_ranking(candidates: list[int], relevance: dict[int, float], bags: dict[int, Counter]) -> Iterator[int]:
    """Candidates in greedy maximal-marginal-relevance order, produced lazily (a budget stops it early).

    Each candidate's largest overlap with the chosen ones is updated as each is chosen, so a ranking of k
    out of n sentences costs n·k cosines, not n·k²."""
    overlap = dict.fromkeys(candidates, 0.0)
    pool = list(candidates)
    while pool:
        best = max(pool, key=lambda i: MMR_LAMBDA * relevance[i] - (1 - MMR_LAMBDA) * overlap[i])
        pool.remove(best)
        for i in pool:
            overlap[i] = max(overlap[i], cosine(bags[i], bags[best]))
        yield best


def summarize(doc: Document, budget: Budget | int = 3) -> list[SummarySentenceOut]:
    """The best sentences of ``doc`` within ``budget`` (a Budget or a number of sentences), in document order."""
    budget = budget if isinstance(budget, Budget) else Budget(sentences=budget)
    sentences = candidates(doc)
    if not sentences:
        return []
    bags = {s.index: bag(s.words) for s in sentences}
    n = len(sentences)
    frequency = Counter(t for b in bags.values() for t in b)
    idf = {t: math.log(1 + n / f) for t, f in frequency.items()}
    centroid = sum(bags.values(), Counter())
    title = bag(doc.title_words)
    relevance = {}
    for rank, s in enumerate(sentences):
        parts = {
            "centrality": cosine(bags[s.index], centroid, idf),
            "position": 1.0 / (1.0 + 0.5 * rank),
            "title": cosine(bags[s.index], title, idf) if title else 0.0,
        }
        relevance[s.index] = sum(WEIGHTS[name] * value for name, value in parts.items())
    by_index = {s.index: s for s in sentences}
    ranking = mmr_ranking(list(by_index), relevance, bags)
    lengths = {i: len(s.text) for i, s in by_index.items()}
    chosen = select(ranking, lengths, budget)  # MMR already passed over repeats
    return [summary_sentence(i, by_index[i], relevance[i]) for i in chosen]


class UnsupervisedSummarizer:
    """The registry's face of :func:`summarize`: it needs no model directory."""

    version = VERSION

    def summarize(self, doc: Document, budget: Budget | int = 3) -> list[SummarySentenceOut]:
        return summarize(doc, budget)
