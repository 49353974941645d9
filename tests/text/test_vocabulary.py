"""Compact vocabularies and the one count of a document's terms."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from nlp_service.text.terms import words_and_syllables
from nlp_service.text.vocabulary import DocumentTerms, Vocabulary

TERMS = ["cải_cách", "hành_chính", "cải_cách hành_chính", "#cải", "một_cửa", "a", "x" * 40, "đ" * 30]


def test_lookup_finds_each_term_in_its_column_across_widths():
    vocabulary = Vocabulary.of(TERMS)
    assert {terms.dtype.itemsize for terms, _ in vocabulary.buckets} == {8, 16, 32, 64}
    assert [vocabulary.term(c) for c in range(len(TERMS))] == TERMS
    doc = DocumentTerms(("Cải cách", "hành chính", "tại", "bộ phận", "một cửa", "x" * 40, "y" * 200), ())
    columns, counts = doc.counts(vocabulary, with_title=False)
    assert [vocabulary.term(c) for c in columns] == sorted(
        ["cải_cách", "hành_chính", "cải_cách hành_chính", "#cải", "một_cửa", "x" * 40], key=TERMS.index)
    assert counts.tolist() == [1] * 6


def test_title_and_body_counts_are_the_analyzer_over_both():
    title, body = ("Đắk Mil", "cải cách", "hành chính"), ("Cải cách", "hành chính", ",", "cải cách", "mạnh")
    expected = Counter(words_and_syllables(title + body))
    vocabulary = Vocabulary.of(sorted(expected) + ["không_có"])
    columns, counts = DocumentTerms(body, title).counts(vocabulary, with_title=True)
    assert {vocabulary.term(c): n for c, n in zip(columns, counts)} == expected
    columns, counts = DocumentTerms(body, title).counts(vocabulary, with_title=False)
    assert {vocabulary.term(c): n for c, n in zip(columns, counts)} == Counter(words_and_syllables(body))


def test_trailing_nul_bytes_do_not_pass_for_a_known_term():
    vocabulary = Vocabulary.of(["abc"])
    columns, _ = DocumentTerms(("abc\0", "abc\0\0"), ()).counts(vocabulary, with_title=False)
    assert columns.size == 0
    assert DocumentTerms((), ()).counts(vocabulary, with_title=True)[0].size == 0


def test_term_names_are_safe_to_build_from_many_threads():
    vocabulary = Vocabulary.of([f"từ_{i}" for i in range(50_000)])
    with ThreadPoolExecutor(8) as pool:
        names = list(pool.map(vocabulary.term, range(0, 50_000, 97)))
    assert names == [f"từ_{i}" for i in range(0, 50_000, 97)]
    assert np.array_equal(np.sort(np.concatenate([c for _, c in vocabulary.buckets])), np.arange(50_000))
