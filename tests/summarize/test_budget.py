import pytest

from nlp_service.summarize.budget import DEFAULT_SENTENCES, Budget, select
from nlp_service.errors import InvalidBudget


def test_no_budget_means_three_sentences():
    assert Budget.of() == Budget(sentences=DEFAULT_SENTENCES) and DEFAULT_SENTENCES == 3


@pytest.mark.parametrize("kwargs", [
    {"sentences": 2, "ratio": 0.5}, {"ratio": 0.5, "max_chars": 100}, {"sentences": 0}, {"ratio": 0.0},
    {"ratio": 1.5}, {"max_chars": 0},
])
def test_impossible_budgets_are_refused(kwargs):
    with pytest.raises(InvalidBudget):
        Budget.of(**kwargs)


def test_count_under_each_budget():
    assert Budget(sentences=3).count(2) == 2
    assert Budget(ratio=0.2).count(20) == 4
    assert Budget(ratio=0.01).count(20) == 1  # a ratio never asks for nothing
    assert Budget(max_chars=50).count(7) == 7


def test_select_keeps_document_order_and_skips_repeats():
    lengths = dict.fromkeys(range(6), 10)
    repeats = {(4, 2), (2, 4)}
    def redundant(i, taken):
        return any((i, j) in repeats for j in taken)

    chosen = select([4, 2, 5, 0], lengths, Budget(sentences=3), redundant)
    assert chosen == [0, 4, 5]


def test_select_under_a_character_budget_passes_over_what_does_not_fit():
    lengths = {0: 150, 1: 60, 2: 30, 3: 500}
    chosen = select([3, 0, 1, 2], lengths, Budget(max_chars=200))
    assert chosen == [0, 2]  # 3 alone overflows; 0 + 1 with the joining space would be 211


def test_a_character_budget_below_every_sentence_gives_nothing():
    assert select([0, 1], {0: 80, 1: 90}, Budget(max_chars=20)) == []


def test_most_sentences_bounds_a_sentence_budget_only():
    assert Budget.of(5, most_sentences=5).sentences == 5
    with pytest.raises(InvalidBudget, match="between 1 and 4"):
        Budget.of(5, most_sentences=4)
    assert Budget.of(ratio=0.5, most_sentences=1).ratio == 0.5
    assert Budget.of(most_sentences=1).sentences == 3  # the default is the service's, not the caller's
