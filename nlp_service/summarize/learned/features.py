"""Sentence features for the learned summarizer: one numeric row per sentence of a Document.

Features that carry from one newspaper to another: position (absolute and relative),
length, cosine similarity to the title, to the whole document and to the first
sentence (weighted by corpus IDF), repetition of earlier sentences, overlap with the first
three, shared syllable pairs with the title, the wording's look of a lead
(:mod:`nlp_service.summarize.learned.lead_words`), how "lead-worthy" the sentence's terms are
(:class:`TermStats`, learned from a corpus of articles and their lead paragraphs),
numbers, proper names, quotes, and the summarizer's own caption/byline/fragment test as
a negative. Within-document ranks of the similarity features let one model serve short
and long articles alike.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, repeat

import numpy as np

from nlp_service.text.terms import term
from nlp_service.summarize.learned.lead_words import LeadWords
from nlp_service.summarize.base import bag, eligible
from nlp_service.text.tokens import Document

FEATURES = (
    "index", "relative_position", "sentences", "syllables", "content_terms",
    "title_cosine", "document_cosine", "first_cosine", "title_coverage",
    "worth_mean", "worth_max", "worth_sum", "numbers", "proper_names", "has_quote",
    "ends_colon", "is_question", "eligible",
    "earlier_cosine", "lead_cosine", "characters", "commas", "title_bigram_recall", "title_bigram_precision",
    "lead_words",
    "title_rank", "document_rank", "worth_rank",
)
_QUOTES = frozenset('"“”')
_ALNUM = re.compile(r"[^\W_]")
_DIGIT = re.compile(r"\d")
EARLIER = 20  # sentences looked back on for repetition: a news story restates its lead within a page or two


@dataclass
class TermStats:
    """Corpus statistics of terms: inverse document frequency and lead-worthiness.

    ``worth`` is the smoothed log-odds that a term found in an article's body also
    appears in its lead paragraph, centred on the corpus average, so a positive value
    marks terms that editors put in summaries (names of actors, "khởi tố", figures).
    """

    idf: dict[str, float] = field(default_factory=dict)
    worth: dict[str, float] = field(default_factory=dict)
    unseen_idf: float = 0.0

    @classmethod
    def learn(cls, docs: list[Document], references: list[tuple[str, ...]], min_df: int = 5) -> TermStats:
        body_df: Counter = Counter()
        both_df: Counter = Counter()
        for doc, reference in zip(docs, references):
            body = set(bag(doc.words))
            body_df.update(body)
            both_df.update(body & set(bag(reference)))
        n = len(docs)
        kept = {t: df for t, df in body_df.items() if df >= min_df}
        idf = {t: math.log((1 + n) / (1 + df)) + 1 for t, df in kept.items()}
        prior = math.log((sum(both_df[t] for t in kept) + 1) / (sum(kept.values()) - sum(both_df[t] for t in kept) + 1))
        worth = {t: math.log((both_df[t] + 1) / (df - both_df[t] + 1)) - prior for t, df in kept.items()}
        return cls(idf, worth, math.log((1 + n) / (1 + min_df)) + 1)


@lru_cache(maxsize=1 << 17)  # like features.term: running words repeat, so most calls are one lookup
def _word(word: str) -> tuple[str | None, int, tuple[str, ...], bool, bool, int]:
    """What the sentence features read of one word: its term, its syllable count, its lower-cased syllables
    that hold a letter or digit, whether it is capitalised, whether it holds a digit, its term's syllable count."""
    syllables = word.lower().split()
    content = term(word)
    return (content, len(syllables), tuple(x for x in syllables if x.isalnum() or _ALNUM.search(x)),
            word[:1].isupper(), _DIGIT.search(word) is not None, content.count("_") + 1 if content else 0)


_NO_WORDS = ((), (0,), (), (False,), (False,), (0,))


def _syllable_bigrams(words: tuple[str, ...]) -> set[tuple[str, str]]:
    """Pairs of neighbouring lower-cased syllables, punctuation left out."""
    kept = [x for w in words for x in _word(w)[2]]
    return set(zip(kept, kept[1:]))


def _rank(values: np.ndarray) -> np.ndarray:
    """0 for the largest value of the document, 1 for the next, ... (ties in document order)."""
    ranks = np.empty(len(values))
    ranks[np.argsort(-values, kind="stable")] = np.arange(len(values))
    return ranks


def _cosines(dots: np.ndarray, norms: np.ndarray, other: float | np.ndarray) -> np.ndarray:
    scale = norms * other
    return np.divide(dots, scale, out=np.zeros_like(dots), where=scale > 0)


def sentence_features(doc: Document, stats: TermStats, lead: LeadWords | None = None) -> np.ndarray:
    """An array of shape (sentences, len(FEATURES)) for ``doc``; cosines are IDF-weighted.

    ``lead`` scores the wording of each sentence (:mod:`nlp_service.summarize.learned.lead_words`); without it that column is 0.
    """
    return features_and_similarities(doc, stats, lead)[0]


def features_and_similarities(doc: Document, stats: TermStats, lead: LeadWords | None = None
                              ) -> tuple[np.ndarray, np.ndarray]:
    """The features of :func:`sentence_features` and the cosine of every pair of sentences' term counts
    (what redundancy control compares), computed once.

    The document's sentences become a dense count matrix over its own vocabulary, so every
    similarity is a matrix product rather than a loop over pairs of sentences.
    """
    n = len(doc.sentences)
    if n == 0:
        return np.zeros((0, len(FEATURES))), np.zeros((0, 0))
    title_bigrams = _syllable_bigrams(doc.title_words)
    ordered, rows = [], []
    for s in doc.sentences:  # one pass over each sentence's words feeds the terms and the per-sentence features
        terms_in_order, syllables, kept, capitalised, digits, content = zip(*map(_word, s.words)) if s.words \
            else _NO_WORDS
        terms_in_order = list(filter(None, terms_in_order))
        ordered.append(terms_in_order)
        kept = list(chain.from_iterable(kept))
        bigrams = set(zip(kept, kept[1:]))
        shared = len(bigrams & title_bigrams)
        text = s.text.strip()
        rows.append([
            sum(syllables), sum(digits), sum(capitalised[1:]),
            float(not _QUOTES.isdisjoint(text)),
            float(text.endswith(":")), float(text.endswith("?")), float(eligible(s, sum(content))),
            len(text), text.count(","),
            shared / len(title_bigrams) if title_bigrams else 0.0, shared / len(bigrams) if bigrams else 0.0,
            lead.score(terms_in_order) if lead is not None else 0.0,
        ])
    per_sentence = np.asarray(rows, dtype=float)

    title_bag = bag(doc.title_words)
    vocab = list(dict.fromkeys(chain.from_iterable(ordered)))  # the document's terms, first seen first
    vocabulary = dict(zip(vocab, range(len(vocab))))
    cells = np.fromiter(map(vocabulary.__getitem__, chain.from_iterable(ordered)), np.intp)
    cells += np.repeat(np.arange(n) * len(vocab), list(map(len, ordered)))  # row * width + column
    counts = np.bincount(cells, minlength=n * len(vocab)).reshape(n, len(vocab)).astype(float)
    idf = np.fromiter(map(stats.idf.get, vocab, repeat(stats.unseen_idf)), float, len(vocab))
    worth = np.fromiter(map(stats.worth.get, vocab, repeat(0.0)), float, len(vocab))
    in_title = np.zeros(len(vocabulary))
    for t, c in title_bag.items():
        if t in vocabulary:
            in_title[vocabulary[t]] = c
    title_norm = math.sqrt(sum((c * stats.idf.get(t, stats.unseen_idf)) ** 2 for t, c in title_bag.items()))

    weighted = counts * idf
    norms = np.sqrt((weighted ** 2).sum(axis=1))
    whole = weighted.sum(axis=0)
    to_whole = weighted @ whole
    rest = np.sqrt(np.maximum(whole @ whole - 2 * to_whole + norms ** 2, 0.0))  # the document without the sentence
    document_cosine = np.where(rest > 1e-4, _cosines(to_whole - norms ** 2, norms, rest), 1.0)
    first_cosine = _cosines(weighted @ weighted[0], norms, norms[0])
    first_cosine[0] = 1.0
    plain_norms = np.sqrt((counts ** 2).sum(axis=1))
    gram = _cosines(counts @ counts.T, plain_norms[:, None], plain_norms[None, :])
    offsets = np.subtract.outer(np.arange(n), np.arange(n))  # i - j
    earlier = np.where((offsets >= 1) & (offsets <= EARLIER), gram, 0.0).max(axis=1)
    first_three = counts[:3].sum(axis=0)
    lead_cosine = _cosines(counts @ first_three, plain_norms, math.sqrt(first_three @ first_three))
    present = counts > 0
    terms = counts.sum(axis=1)
    worth_sum = counts @ worth
    worth_max = np.where(present.any(axis=1), np.where(present, worth, -np.inf).max(axis=1, initial=-np.inf), 0.0)

    title_cosine = _cosines(weighted @ (in_title * idf), norms, title_norm)
    worth_mean = np.divide(worth_sum, terms, out=np.zeros(n), where=terms > 0)
    columns = {
        "index": np.arange(n, dtype=float), "relative_position": np.arange(n) / n, "sentences": np.full(n, float(n)),
        "syllables": per_sentence[:, 0], "content_terms": terms,
        "title_cosine": title_cosine, "document_cosine": document_cosine, "first_cosine": first_cosine,
        "title_coverage": (present @ (in_title > 0).astype(float)) / len(title_bag) if title_bag else np.zeros(n),
        "worth_mean": worth_mean, "worth_max": worth_max,
        "worth_sum": np.divide(worth_sum, np.sqrt(terms), out=np.zeros(n), where=terms > 0),
        "numbers": per_sentence[:, 1], "proper_names": per_sentence[:, 2], "has_quote": per_sentence[:, 3],
        "ends_colon": per_sentence[:, 4], "is_question": per_sentence[:, 5], "eligible": per_sentence[:, 6],
        "earlier_cosine": earlier, "lead_cosine": lead_cosine, "characters": per_sentence[:, 7],
        "commas": per_sentence[:, 8], "title_bigram_recall": per_sentence[:, 9],
        "title_bigram_precision": per_sentence[:, 10], "lead_words": per_sentence[:, 11],
        "title_rank": _rank(title_cosine), "document_rank": _rank(document_cosine), "worth_rank": _rank(worth_mean),
    }
    return np.column_stack([columns[name] for name in FEATURES]), gram
