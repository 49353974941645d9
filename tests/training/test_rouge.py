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


def test_bootstrap_interval_brackets_the_mean_and_narrows_with_more_documents():
    few = [float(i % 7) for i in range(50)]
    many = few * 20
    low, high = rouge.bootstrap_interval(few)
    assert low < sum(few) / len(few) < high
    wide, narrow = high - low, rouge.bootstrap_interval(many)[1] - rouge.bootstrap_interval(many)[0]
    assert narrow < wide / 2
    assert rouge.bootstrap_interval([2.5] * 30) == (2.5, 2.5)


def test_a_paired_interval_of_a_constant_gain_is_that_gain():
    ours, baseline = [float(i % 5) + 1.0 for i in range(40)], [float(i % 5) for i in range(40)]
    low, high = rouge.bootstrap_interval([a - b for a, b in zip(ours, baseline)])
    assert low == pytest.approx(1.0) and high == pytest.approx(1.0)
