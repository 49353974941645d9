import re

import pytest

from nlp_service.topics.evidence import readable


@pytest.mark.parametrize("term", ["về cải_cách", "của", "và", "thủ_tục của", "các xã", "cải_cách và"])
def test_terms_opening_or_closing_on_a_function_word_are_not_shown(term):
    assert not readable(term)


@pytest.mark.parametrize("term", ["cải_cách hành_chính", "một_cửa", "bộ", "thủ_tục hành_chính", "Khen_thưởng"])
def test_content_terms_are_shown(term):
    assert readable(term)


def test_an_empty_term_is_not_shown():
    assert not readable("   ")


def test_served_evidence_reads_on_its_own(analyzer, portal_page):
    from nlp_service.topics.evidence import FUNCTION_WORDS

    result = analyzer.analyze(portal_page)
    phrases = [p for t in result.topics for p in t.evidence]
    assert phrases
    for phrase in phrases:
        words = phrase.lower().split()
        assert words[0] not in FUNCTION_WORDS and words[-1] not in FUNCTION_WORDS, phrase
        assert re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", portal_page), phrase  # whole words, as written


def test_phrases_that_overlap_in_the_text_are_joined():
    from nlp_service.topics.evidence import merged

    text = "Người dân nộp hồ sơ qua dịch vụ công trực tuyến mức độ 4 của tỉnh."
    find = lambda phrase: phrase if phrase.lower() in text.lower() else None  # noqa: E731
    assert merged(["dịch vụ công", "công trực tuyến", "hồ sơ"], find) == ["dịch vụ công trực tuyến", "hồ sơ"]
    assert merged(["công trực tuyến", "dịch vụ công"], find) == ["dịch vụ công trực tuyến"]  # either order
    assert merged(["dịch vụ công", "công an"], find) == ["dịch vụ công", "công an"]  # not written together
    assert merged([], find) == []
