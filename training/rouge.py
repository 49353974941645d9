"""ROUGE as ``shared/data/vietnews/README.md`` defines it for the summarization benchmark.

rouge-score 0.1.2 F1, averaged per document, with a tokenizer that keeps Vietnamese
letters: NFC, lower case, "_" to space, every character that is not a Unicode letter or
digit to space, split on whitespace. (The package's default tokenizer deletes every
non-ASCII letter.) Also a percentile bootstrap for a 95% interval of the mean.
"""

from __future__ import annotations

import unicodedata

import numpy as np
from rouge_score import rouge_scorer

METRICS = ("rouge1", "rouge2", "rougeL")


class VietnameseRougeTokenizer:
    def tokenize(self, text: str) -> list[str]:
        text = unicodedata.normalize("NFC", text).lower().replace("_", " ")
        return "".join(c if c.isalnum() else " " for c in text).split()


def scorer() -> rouge_scorer.RougeScorer:
    return rouge_scorer.RougeScorer(list(METRICS), tokenizer=VietnameseRougeTokenizer())


def f1_scores(rouge: rouge_scorer.RougeScorer, reference: str, summary: str) -> dict[str, float]:
    scores = rouge.score(reference, summary)
    return {m: 100 * scores[m].fmeasure for m in METRICS}


def bootstrap_interval(values: list[float], rounds: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95% percentile interval of the mean of ``values`` over ``rounds`` resamples of the documents.

    For the difference of two systems on the same documents (a paired interval), pass the per-document differences.
    """
    values = np.asarray(values, dtype=float)
    picks = np.random.default_rng(seed).integers(0, len(values), size=(rounds, len(values)))
    means = np.sort(values[picks].mean(axis=1))
    return float(means[int(0.025 * rounds)]), float(means[int(0.975 * rounds) - 1])


def tokens(text: str) -> list[str]:
    """The benchmark's tokens of ``text`` (as :class:`VietnameseRougeTokenizer`)."""
    return VietnameseRougeTokenizer().tokenize(text)


def ngram_f1(reference: list[str], candidate: list[str], n: int) -> float:
    """ROUGE-N F1 of token lists, by rouge-score's own n-gram counting (its scorer would re-tokenize the text
    for each of the many candidate sentence sets an oracle tries). Those helpers are not public API; the
    version is pinned in pyproject.toml and tests/test_rouge.py checks they agree with the scorer."""
    return rouge_scorer._score_ngrams(rouge_scorer._create_ngrams(reference, n),
                                      rouge_scorer._create_ngrams(candidate, n)).fmeasure
