"""Unsupervised extractive summarizer (v1): centrality, position and title, with MMR.

Each sentence is scored by a weighted sum of
- centrality: cosine between its word vector and the document's, with weights
  log(1 + n / sentence frequency) learned from the document itself;
- position: 1 / (1 + 0.5 * index), because news puts its substance first;
- title similarity: cosine with the title's words, when there is a title.
Sentences are then chosen greedily by maximal marginal relevance (Carbonell &
Goldstein, 1998), so a near-repeat of a chosen sentence is passed over, and are
returned in document order. Captions, bylines, datelines and fragments are never
eligible (:func:`eligible`). The summarizer sees only the tokenized document.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from nlp_service.budget import Budget, select
from nlp_service.features import term
from nlp_service.tokenize import Document, Sentence

WEIGHTS = {"centrality": 0.45, "position": 0.4, "title": 0.15}
MMR_LAMBDA = 0.7  # relevance against novelty; 0.7 drops only clear repeats
MIN_WORDS = 5  # shorter "sentences" are headings, captions or fragments

_CAPTION = re.compile(r"^(ảnh|ảnh minh họa|photo|video|clip|nguồn)\s*[:：]|\((ảnh|photo)\s*[:：][^)]*\)\s*$", re.I)
_BYLINE = re.compile(r"^(theo|nguồn|tác giả|pv|ctv|btv)\b.{0,60}$|^[\w\s.]{0,40}\((ttxvn|vna|tổng hợp|theo [^)]*)\)\.?$", re.I)
_DATELINE = re.compile(r"^\(?[A-ZĐ][\wÀ-ỹ. ]{0,30}\)?\s*[-–—]\s*$")


@dataclass(frozen=True)
class SummarySentence:
    index: int
    text: str
    score: float


def eligible(sentence: Sentence, content_syllables: int | None = None) -> bool:
    """Whether a sentence may appear in a summary: no captions, bylines, datelines or fragments.

    ``content_syllables``, the syllables of the sentence's terms when the caller has counted them, saves
    counting them again.
    """
    if content_syllables is None:
        content_syllables = sum(t.count("_") + 1 for t in map(term, sentence.words) if t is not None)
    if content_syllables < MIN_WORDS:
        return False
    text = sentence.text.strip()
    if _CAPTION.search(text) or _BYLINE.match(text) or _DATELINE.match(text):
        return False
    letters = "".join(filter(str.isalpha, text))
    return not (letters and sum(map(str.isupper, letters)) > 0.8 * len(letters))  # shouted headings


def bag(words) -> Counter:
    return Counter(t for t in map(term, words) if t is not None)


def cosine(a: Counter, b: Counter, weight: dict[str, float] | None = None) -> float:
    if not a or not b:
        return 0.0
    w = weight or {}
    dot = sum(a[t] * b[t] * w.get(t, 1.0) ** 2 for t in a.keys() & b.keys())
    na = math.sqrt(sum((c * w.get(t, 1.0)) ** 2 for t, c in a.items()))
    nb = math.sqrt(sum((c * w.get(t, 1.0)) ** 2 for t, c in b.items()))
    return dot / (na * nb) if na and nb else 0.0


def mmr_ranking(candidates: list[int], relevance: dict[int, float], bags: dict[int, Counter]) -> Iterator[int]:
    """Candidates in greedy maximal-marginal-relevance order, produced lazily (a budget stops it early)."""
    chosen: list[int] = []
    pool = list(candidates)
    while pool:
        def gain(i: int) -> float:
            overlap = max((cosine(bags[i], bags[j]) for j in chosen), default=0.0)
            return MMR_LAMBDA * relevance[i] - (1 - MMR_LAMBDA) * overlap
        best = max(pool, key=gain)
        chosen.append(best)
        pool.remove(best)
        yield best


def candidates(doc: Document, allowed: Sequence[bool] | None = None) -> list[Sentence]:
    """The sentences a summary may use; a text of fragments only is its own summary.

    ``allowed``, each sentence's :func:`eligible` when the caller has computed it already, is used as is.
    """
    if allowed is None:
        allowed = [eligible(s) for s in doc.sentences]
    return [s for s, ok in zip(doc.sentences, allowed) if ok] or doc.sentences[:1]


def summarize(doc: Document, budget: Budget | int = 3) -> list[SummarySentence]:
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
    return [SummarySentence(i, by_index[i].text, round(relevance[i], 4)) for i in chosen]
