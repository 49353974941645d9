"""The summarizer evaluation's helpers, on figures made up for these tests."""

import numpy as np
import pytest

pytest.importorskip("sumy")

from training import eval_summarizer  # noqa: E402


def test_the_trained_range_comes_from_the_card():
    assert eval_summarizer.trained_range({"data": {"train": {"documents": 12000}}}) == (0, 12000)
    card = {"data": {"train": {"documents": 5000, "range": [1000, 6000]}}}
    assert eval_summarizer.trained_range(card) == (1000, 6000)


def test_the_slices_are_disjoint_and_the_train_slice_lies_past_the_shipped_training_documents():
    spans = sorted((split, start, end) for split, start, end in eval_summarizer.SLICES.values())
    for (split_a, _, end_a), (split_b, start_b, _) in zip(spans, spans[1:]):
        assert split_a != split_b or end_a <= start_b
    assert all(start >= 12000 for split, start, _ in eval_summarizer.SLICES.values() if split == "train")


def test_a_slice_table_gives_each_systems_paired_lead_over_the_baseline(capsys):
    base = np.array([10.0, 12.0, 14.0, 16.0] * 10)
    table = {name: {"rouge1": s + 10, "rouge2": s, "rougeL": s + 5}
             for name, s in {"Lead-3": base, "ours": base + 2.5}.items()}
    figures = eval_summarizer.print_slice("slice", table, "Lead-3")
    assert figures["ours"]["rouge2"] == 15.5 and figures["ours"]["rouge2_minus_Lead-3"] == 2.5
    assert figures["ours"]["rouge2_minus_Lead-3_95"] == [2.5, 2.5]
    low, high = figures["Lead-3"]["rouge2_95"]
    assert low < 13.0 < high
    assert "+2.50 (+2.50 to +2.50)" in capsys.readouterr().out
