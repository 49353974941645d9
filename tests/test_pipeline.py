import unicodedata

import pytest

from nlp_service.pipeline import Analyzer
from nlp_service.errors import (
    EmptyText,
    InvalidBudget,
    ModelIntegrityError,
    ModelNotReady,
    TextTooLong,
    UnknownSummaryMethod,
)
from nlp_service.settings import Settings


SECOND = "Sở Tài chính được giao rà soát các dự án chậm giải ngân trước ngày 30 tháng 6."
THIRD = "Các huyện phải báo cáo tiến độ giải phóng mặt bằng của từng công trình trọng điểm."


def _squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_portal_page_gets_politics_section_and_furniture_free_summary(analyzer, portal_page):
    result = analyzer.analyze(portal_page)
    assert result.section.id == "chinh_tri_xa_hoi"
    assert result.topics[0].id == "cai_cach_hanh_chinh"
    assert len(result.summary.sentences) == 3
    for sentence in result.summary.sentences:
        assert _squash(sentence.text) in _squash(portal_page)
        for furniture in ("Số lượt", "TIN MỚI HƠN", "Ảnh:", "Phòng Nội vụ", "Đang truy cập", "In bài"):
            assert furniture not in sentence.text
    assert result.meta.clean_characters < result.meta.characters
    assert result.meta.models["section"]


def test_html_page_gives_the_same_section_and_title_from_h1(analyzer, portal_html):
    result = analyzer.analyze(portal_html)
    assert result.section.id == "chinh_tri_xa_hoi"
    assert all("<" not in s.text for s in result.summary.sentences)


def test_classify_and_summarize_agree_with_analyze(analyzer, sport_text):
    full = analyzer.analyze(sport_text, summary_sentences=2)
    assert analyzer.classify(sport_text).section == full.section
    assert analyzer.summarize(sport_text, sentences=2).sentences == full.summary.sentences


def test_nfd_and_old_style_tone_input_classify_like_nfc(analyzer, sport_text):
    nfd = unicodedata.normalize("NFD", sport_text)
    assert analyzer.classify(nfd).section.id == analyzer.classify(sport_text).section.id


def test_empty_and_blank_text_raise_empty_text(analyzer):
    for text in ("", "   \n\t"):
        with pytest.raises(EmptyText):
            analyzer.analyze(text)


def test_text_of_only_furniture_is_empty(analyzer):
    with pytest.raises(EmptyText):
        analyzer.analyze("Trang chủ\nGiới thiệu\nLiên hệ\nSố lượt người xem: 12")


def test_limit_comes_from_settings(analyzer):
    small = analyzer.with_settings(Settings(max_chars=50))
    with pytest.raises(TextTooLong) as info:
        small.analyze("x" * 51)
    assert info.value.limit == 50


def test_huge_input_under_the_limit_is_analyzed(analyzer):
    paragraph = "Hội đồng nhân dân tỉnh thông qua nghị quyết về đầu tư công trung hạn và phân bổ ngân sách cho các huyện."
    result = analyzer.analyze("\n".join([paragraph] * 600), summary_sentences=3)
    # 600 copies of one sentence: the summary says it once, as redundancy control should. A line a text repeats
    # hundreds of times is what a site's furniture looks like to the page reader, which may drop a few at the edges.
    assert 540 <= result.meta.sentences <= 600 and [s.text for s in result.summary.sentences] == [paragraph]
    varied = analyzer.analyze("\n".join([paragraph, SECOND, THIRD] * 200), summary_sentences=3)
    assert varied.meta.sentences == 600 and len({s.text for s in varied.summary.sentences}) == 3


def test_python_api_and_cli_return_the_same_topics(analyzer, portal_page, tmp_path):
    import json

    from typer.testing import CliRunner

    from nlp_service import cli

    page = tmp_path / "page.txt"
    page.write_text(portal_page, encoding="utf-8")
    out = CliRunner().invoke(cli.app, ["analyze", str(page), "--json"])
    assert out.exit_code == 0, out.output
    from_cli = [(t["id"], t["score"], t["evidence"]) for t in json.loads(out.stdout)["topics"]]
    assert from_cli == [(t.id, t.score, t.evidence) for t in analyzer.analyze(portal_page).topics]


def test_all_scores_only_when_asked(analyzer, sport_text):
    assert analyzer.classify(sport_text).all_scores is None
    scores = analyzer.classify(sport_text, all_scores=True).all_scores
    assert scores is not None and len(scores) == 12


def test_a_configured_topics_dir_that_does_not_exist_is_refused(tmp_path):
    from nlp_service.errors import ModelIntegrityError

    with pytest.raises(ModelIntegrityError, match="not a directory"):
        Analyzer.load(settings=Settings(topics_model=tmp_path / "missing"))


def test_learned_summarizer_is_the_default_and_unsupervised_stays_selectable(analyzer, portal_page):
    learned = analyzer.summarize(portal_page)
    assert learned.method == "learned" and len(learned.sentences) == 3
    v1 = analyzer.summarize(portal_page, method="unsupervised")
    assert v1.method == "unsupervised" and len(v1.sentences) == 3
    with pytest.raises(UnknownSummaryMethod):
        analyzer.summarize(portal_page, method="abstractive")
    with pytest.raises(InvalidBudget):
        analyzer.summarize(portal_page, sentences=2, max_chars=100)


def test_without_a_learned_model_summaries_are_unsupervised(tmp_path, portal_page):
    import shutil

    from nlp_service.settings import SHIPPED_MODELS

    shutil.copytree(SHIPPED_MODELS / "section", tmp_path / "section")
    bare = Analyzer.load(tmp_path)
    assert bare.summarize(portal_page).method == "unsupervised"
    with pytest.raises(ModelNotReady):
        bare.summarize(portal_page, method="learned")


def test_a_configured_summarizer_directory_that_is_missing_is_refused(tmp_path):
    with pytest.raises(ModelIntegrityError):
        Analyzer.load(settings=Settings(summarizer_model=tmp_path / "nowhere"))


def test_analyze_many_gives_what_analyze_gives_one_by_one(analyzer):
    from nlp_service.errors import EmptyText
    from tests.newsroom import STORIES

    items = [(s.text.format(n=i), s.title) for i, s in enumerate(STORIES)] + ["   ", "Một câu duy nhất."]
    many = analyzer.analyze_many(items, 2, all_scores=True)
    assert isinstance(many[-2], EmptyText)
    for item, result in zip(items[:-2] + items[-1:], many[:-2] + many[-1:]):
        text, title = (item, None) if isinstance(item, str) else item
        one = analyzer.analyze(text, title, 2, all_scores=True).model_dump()
        got = result.model_dump()
        one["meta"].pop("elapsed_ms"), got["meta"].pop("elapsed_ms")
        assert got == one
    assert analyzer.analyze_many([]) == []


def test_meta_names_the_summarizer_that_ran(analyzer, portal_page):
    learned = analyzer.summarize(portal_page, method="learned").meta.models["summarizer"]
    unsupervised = analyzer.analyze(portal_page, summary_method="unsupervised").meta.models["summarizer"]
    assert unsupervised == "unsupervised-v1"
    assert learned == analyzer.summarizers["learned"].version != unsupervised
    assert analyzer.versions["summarizer"] == learned  # the loaded model's version is left as it was


def test_include_text_returns_the_cleaned_text_evidence_is_quoted_from(analyzer, portal_html):
    result = analyzer.analyze(portal_html, include_text=True)
    assert result.text and "<" not in result.text and "Trang chủ" not in result.text
    folded = " ".join(result.text.split()).lower()
    for topic in result.topics:
        assert all(" ".join(e.split()).lower() in folded for e in topic.evidence)
    assert analyzer.analyze(portal_html).text is None


def test_the_sentence_limit_comes_from_the_analyzers_settings(analyzer, portal_page):
    strict = analyzer.with_settings(Settings(max_summary_sentences=2))
    with pytest.raises(InvalidBudget, match="between 1 and 2"):
        strict.summarize(portal_page, sentences=3)
    with pytest.raises(InvalidBudget, match="between 1 and 2"):
        strict.analyze(portal_page, summary_sentences=3)
    assert len(strict.summarize(portal_page, sentences=2).sentences) == 2


def test_every_registered_summarizer_is_loaded_and_named_in_the_result(analyzer, portal_page):
    from nlp_service.summarize import registry

    assert list(analyzer.summarizers) == list(registry.NAMES)
    assert analyzer.default_method == registry.NAMES[0]
    for name in registry.NAMES:
        assert analyzer.summarize(portal_page, method=name).method == name
    assert analyzer.versions["summarizer"] == analyzer.summarizers[registry.NAMES[0]].version
