"""The serving arrays give scikit-learn's scores: same TF-IDF rows bit for bit, probabilities to 1e-9."""

from __future__ import annotations

import unicodedata

import joblib
import numpy as np
import pytest

from nlp_service.linear import CalibratedLinear
from nlp_service.section.model import SectionModel
from nlp_service.settings import SHIPPED_MODELS
from nlp_service.text.clean import clean_page
from nlp_service.text.tokens import tokenize
from nlp_service.text.vocabulary import DocumentTerms, stacked
from nlp_service.topics.model import TopicModel
from tests.newsroom import STORIES
from tests.texts import DAK_MIL, DAK_MIL_TITLE

HOSTILE = ("Chuyển đổi số " + "x" * 300 + " nhanh_chóng_quá_mức " * 40 + "\0 hoà\0 bình\x00. " + "🙂" * 50)
TEXTS = [(s.text.format(n=i * 137), s.title) for i, s in enumerate(STORIES)] + [
    (DAK_MIL, DAK_MIL_TITLE),
    ("Một câu duy nhất về giá xăng dầu.", None),
    (unicodedata.normalize("NFD", "Thuỷ điện Hoà Bình xả lũ, Uỷ ban tỉnh chỉ đạo sơ tán dân."), "Khoẻ mạnh"),
    ("...!!! 12/03/2024 - 08:45", "Tin mới"),  # no word the models know
    (HOSTILE, "Tiêu đề" * 30),
]


@pytest.fixture(scope="module")
def fitted():
    section = joblib.load(SHIPPED_MODELS / "section" / "model.joblib")
    tagger = joblib.load(SHIPPED_MODELS / "topics" / "model.joblib")
    return section, tagger


@pytest.fixture(scope="module")
def docs():
    return [tokenize(clean_page(text)[0], title) for text, title in TEXTS]


def test_rows_are_the_vectorizers_bit_for_bit(fitted, docs):
    section, tagger = fitted
    served_section = SectionModel.from_dir(SHIPPED_MODELS / "section")
    served_topics = TopicModel.from_dir(SHIPPED_MODELS / "topics")
    terms = [DocumentTerms(d.words, d.title_words) for d in docs]
    ours = served_topics.rows(terms)
    theirs = tagger.vectorizer_.transform([d.words_with_title for d in docs])
    theirs.sort_indices()
    assert np.array_equal(ours.starts, theirs.indptr) and np.array_equal(ours.columns, theirs.indices)
    assert np.array_equal(ours.values, theirs.data)
    body = served_section.linear.rows(*stacked([t.counts(served_section.vocabulary, False) for t in terms]))
    theirs = section.steps[0][1].transform([tuple(d.words) for d in docs])
    theirs.sort_indices()
    assert np.array_equal(body.columns, theirs.indices) and np.array_equal(body.values, theirs.data)


def test_served_probabilities_equal_scikit_learns(fitted, docs):
    section, tagger = fitted
    served_section = SectionModel.from_dir(SHIPPED_MODELS / "section")
    served_topics = TopicModel.from_dir(SHIPPED_MODELS / "topics")
    terms = [DocumentTerms(d.words, d.title_words) for d in docs]
    expected = section.predict_proba([tuple(d.words) for d in docs])
    assert list(section.classes_) == served_section.classes
    assert np.abs(served_section.proba_many(terms) - expected).max() < 1e-9
    expected = tagger.predict_proba([d.words_with_title for d in docs])
    assert np.abs(served_topics.proba(served_topics.rows(terms)) - expected).max() < 1e-9
    assert np.array_equal(served_topics.thresholds, tagger.thresholds_) and served_topics.topics == tagger.topics_


def test_evidence_terms_are_the_taggers(fitted, docs):
    _, tagger = fitted
    served = TopicModel.from_dir(SHIPPED_MODELS / "topics")
    rows = served.rows([DocumentTerms(d.words, d.title_words) for d in docs])
    for i, doc in enumerate(docs):
        for j in range(len(served.topics)):
            assert served.evidence_of(rows, i, j, 8) == tagger.evidence_terms(doc.words_with_title, j, 8)


def test_the_saved_arrays_equal_a_fresh_conversion(fitted):
    section, tagger = fitted
    fresh = CalibratedLinear.from_sklearn(section.steps[0][1], [section.steps[-1][1]]).arrays()
    saved = SectionModel.from_dir(SHIPPED_MODELS / "section").linear.arrays()
    assert fresh.keys() == saved.keys() and all(np.array_equal(fresh[k], saved[k]) for k in fresh)
    fresh = CalibratedLinear.from_sklearn(tagger.vectorizer_, tagger.models_).arrays()
    saved = TopicModel.from_dir(SHIPPED_MODELS / "topics").linear.arrays()
    assert fresh.keys() == saved.keys() and all(np.array_equal(fresh[k], saved[k]) for k in fresh)


def test_an_empty_document_scores_the_intercepts_alone():
    served = TopicModel.from_dir(SHIPPED_MODELS / "topics")
    rows = served.rows([DocumentTerms((), ())])
    decision = served.linear.decision(rows)
    assert rows.columns.size == 0 and np.array_equal(decision[0], served.linear.intercept)
