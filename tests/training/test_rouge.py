import pytest

from training import rouge

REFERENCE = "Công an tỉnh Nghệ An khởi tố vụ án tham ô tại ban quản lý dự án giao thông."
SUMMARY = "Ngày 12/3, Công an tỉnh Nghệ An cho biết đã khởi tố vụ án tham ô tài sản."


def test_token_level_rouge_agrees_with_the_benchmark_scorer():
    scores = rouge.f1_scores(rouge.scorer(), REFERENCE, SUMMARY)
    for n in (1, 2):
        f1 = rouge.ngram_f1(rouge.tokens(REFERENCE), rouge.tokens(SUMMARY), n)
        assert 100 * f1 == pytest.approx(scores[f"rouge{n}"])
    assert 0 < scores["rouge2"] < scores["rouge1"] < 100


def test_the_benchmark_tokenizer_keeps_vietnamese_letters_and_drops_punctuation():
    assert rouge.tokens("Đắk Mil, năm 2024!") == ["đắk", "mil", "năm", "2024"]
    assert rouge.ngram_f1([], rouge.tokens(SUMMARY), 2) == 0.0
