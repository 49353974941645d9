"""One count of a document's terms, shared by every model that reads the same analyzer, and compact vocabularies.

Method: the terms of :func:`nlp_service.text.terms.words_and_syllables` are counted once per document: over the body
words, and what the title adds (its own terms and the bigram that joins its last word to the body's first, exactly
what the analyzer yields over ``title_words + words``), so a model of the body and a model of the title and body
share one count. The distinct terms are encoded once (UTF-8) into a fixed-width byte array; a :class:`Vocabulary`
is the model's terms as sorted arrays of the same kind, one per width (memory-mapped from the model directory, so worker
processes share its pages) with each term's column, and a lookup is one binary search over it for all of a
document's terms — no dictionary of Python strings per model, no work per term in Python beyond the count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from nlp_service.errors import ModelIntegrityError
from nlp_service.text.terms import term, words_and_syllables


class Vocabulary:
    """Terms as sorted fixed-width UTF-8 arrays, one per width (8, 16, 32, ... bytes: most terms are short, so
    one array as wide as the longest term would be mostly padding), with the model column of each term."""

    def __init__(self, buckets: list[tuple[np.ndarray, np.ndarray]]):
        for terms, columns in buckets:
            if terms.dtype.kind != "S" or len(terms) != len(columns):
                raise ModelIntegrityError("a vocabulary is sorted byte-string arrays with one column per term")
        self.buckets = buckets
        self._by_column: np.ndarray | None = None

    @classmethod
    def of(cls, terms: Sequence[str]) -> Vocabulary:
        """From terms in column order (a vectorizer's feature names)."""
        encoded = [str(t).encode("utf-8") for t in terms]
        if any(not e or e.endswith(b"\0") for e in encoded):
            raise ModelIntegrityError("vocabulary terms must be non-empty and not end in NUL")
        if len(set(encoded)) != len(encoded):
            raise ModelIntegrityError("a vocabulary repeats a term")
        widths = np.array([_width(len(e)) for e in encoded], dtype=np.int64)
        buckets = []
        for width in sorted(set(widths.tolist())):
            columns = np.flatnonzero(widths == width)
            array = np.array([encoded[c] for c in columns], dtype=f"S{width}")
            order = np.argsort(array, kind="stable")
            buckets.append((array[order], columns[order].astype(np.int32)))
        return cls(buckets)

    def arrays(self) -> dict[str, np.ndarray]:
        out = {}
        for terms, columns in self.buckets:
            out[f"terms{terms.dtype.itemsize}"], out[f"columns{terms.dtype.itemsize}"] = terms, columns
        return out

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> Vocabulary:
        widths = sorted(int(k[5:]) for k in arrays if k.startswith("terms"))
        return cls([(arrays[f"terms{w}"], arrays[f"columns{w}"]) for w in widths])

    def __len__(self) -> int:
        return sum(len(terms) for terms, _ in self.buckets)

    def term(self, column: int) -> str:
        by_column = self._by_column
        if by_column is None:  # built whole, then published: a request in another thread never sees it half-filled
            by_column = np.empty((len(self), 2), dtype=np.int64)  # column -> (bucket, place in it)
            for b, (_, columns) in enumerate(self.buckets):
                by_column[columns] = np.column_stack([np.full(len(columns), b), np.arange(len(columns))])
            self._by_column = by_column
        b, at = by_column[column]
        return self.buckets[b][0][at].decode("utf-8")

    def lookup(self, keys: np.ndarray, lengths: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(columns ascending, counts) of the encoded ``keys`` found here; the others are dropped."""
        found_columns, found_counts = [], []
        narrower = 0
        for terms, columns in self.buckets:
            width = terms.dtype.itemsize
            here = (lengths > narrower) & (lengths <= width)
            narrower = width
            if not here.any():
                continue
            wanted = keys[here].astype(terms.dtype)
            at = np.searchsorted(terms, wanted)
            found = at < len(terms)
            found[found] = terms[at[found]] == wanted[found]
            found_columns.append(columns[at[found]])
            found_counts.append(counts[here][found])
        if not found_columns:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        columns = np.concatenate(found_columns).astype(np.int64)
        order = np.argsort(columns)
        return columns[order], np.concatenate(found_counts)[order]


def _width(length: int) -> int:
    return max(8, 1 << (length - 1).bit_length())


def title_extra(title_words: Sequence[str], words: Sequence[str]) -> list[str]:
    """The terms the analyzer yields over ``title_words + words`` beyond those it yields over ``words``."""
    if not title_words:
        return []
    extra = words_and_syllables(title_words)
    if words:
        last, first = term(title_words[-1]), term(words[0])
        if last is not None and first is not None:
            extra.append(f"{last} {first}")
    return extra


class DocumentTerms:
    """A document's distinct terms, encoded once: those of the body first, then those only the title adds."""

    def __init__(self, words: Sequence[str], title_words: Sequence[str] = ()):
        body = Counter(words_and_syllables(words))
        full = body.copy()
        full.update(title_extra(title_words, words))
        encoded = [t.encode("utf-8") for t in full]
        self.keys = np.array(encoded, dtype=f"S{max(map(len, encoded), default=1)}")
        # numpy drops trailing NUL bytes: such a term must not pass for the term without them.
        self.lengths = np.fromiter((len(e) if not e.endswith(b"\0") else 1 << 30 for e in encoded), dtype=np.int64,
                                   count=len(encoded))
        self.full_counts = np.fromiter(full.values(), dtype=np.int64, count=len(full))
        self.body_size = len(body)
        self.body_counts = np.fromiter(body.values(), dtype=np.int64, count=len(body))

    def counts(self, vocabulary: Vocabulary, with_title: bool) -> tuple[np.ndarray, np.ndarray]:
        """(columns ascending, counts) in one model's vocabulary, of the body or of the title and body."""
        if with_title:
            return vocabulary.lookup(self.keys, self.lengths, self.full_counts)
        n = self.body_size
        return vocabulary.lookup(self.keys[:n], self.lengths[:n], self.body_counts)


def stacked(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(columns, counts, starts) of several documents' (columns, counts), one after another."""
    starts = np.zeros(len(parts) + 1, dtype=np.int64)
    starts[1:] = np.cumsum([len(c) for c, _ in parts])
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), starts
    return np.concatenate([c for c, _ in parts]), np.concatenate([n for _, n in parts]), starts
