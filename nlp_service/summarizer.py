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
from dataclasses import dataclass

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


def eligible(sentence: Sentence) -> bool:
    """Whether a sentence may appear in a summary: no captions, bylines, datelines or fragments."""
    content = [w for w in sentence.words if term(w) is not None]
    if sum(len(w.split()) for w in content) < MIN_WORDS:
        return False
    text = sentence.text.strip()
    if _CAPTION.search(text) or _BYLINE.match(text) or _DATELINE.match(text):
        return False
    letters = [c for c in text if c.isalpha()]
    return not (letters and sum(c.isupper() for c in letters) > 0.8 * len(letters))  # shouted headings


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


def mmr_select(candidates: list[int], relevance: dict[int, float], bags: dict[int, Counter], k: int) -> list[int]:
    """Greedy maximal marginal relevance over ``candidates``; returns chosen indices."""
    chosen: list[int] = []
    pool = list(candidates)
    while pool and len(chosen) < k:
        def gain(i: int) -> float:
            overlap = max((cosine(bags[i], bags[j]) for j in chosen), default=0.0)
            return MMR_LAMBDA * relevance[i] - (1 - MMR_LAMBDA) * overlap
        best = max(pool, key=gain)
        chosen.append(best)
        pool.remove(best)
    return chosen


def summarize(doc: Document, k: int = 3) -> list[SummarySentence]:
    """The ``k`` best sentences of ``doc`` in document order, each with its index and score."""
    sentences = [s for s in doc.sentences if eligible(s)]
    if not sentences:
        sentences = doc.sentences[:1]  # a one-fragment text is its own summary
    if not sentences or k <= 0:
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
    chosen = mmr_select([s.index for s in sentences], relevance, bags, k)
    by_index = {s.index: s for s in sentences}
    return [SummarySentence(i, by_index[i].text, round(relevance[i], 4)) for i in sorted(chosen)]
