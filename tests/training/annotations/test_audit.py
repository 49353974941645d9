import numpy as np

from training.annotations.audit import BAD, WINDOW, shifted_runs


def _fit(n: int, shifted_from: int, offset: int, shifted_to: int | None = None) -> np.ndarray:
    """Label set i fits article i, except in [shifted_from, shifted_to), where it fits article i - offset."""
    fit = np.full((n, n), -3.0)
    for i in range(n):
        drifted = shifted_from <= i < (n if shifted_to is None else shifted_to)
        fit[i, i - offset if drifted else i] = 0.0
    return fit


def test_aligned_labels_raise_nothing():
    assert shifted_runs(_fit(60, 60, 0), list(range(60))) == []


def test_a_chunk_saved_under_later_ids_is_one_run_with_its_offset():
    runs = shifted_runs(_fit(90, 40, 25, shifted_to=70), list(range(90)))
    assert len(runs) == 1
    first, last, offset, in_place, there = runs[0]
    assert offset == 25 and in_place < -BAD < there
    # The run covers the drifted label sets 41-70 (numbered from 1) and not far beyond them.
    assert 40 - WINDOW < first <= 41 and 70 <= last < 70 + WINDOW


def test_drift_in_the_last_label_sets_is_found():
    runs = shifted_runs(_fit(60, 52, 20), list(range(60)))
    assert [(offset, last) for _, last, offset, _, _ in runs] == [(20, 60)]


def test_only_scored_articles_count():
    # Every third article is test (never scored); the drift is still found from the rest.
    fit = _fit(60, 30, 21)
    scored = [j for j in range(60) if j % 3]
    assert [offset for _, _, offset, _, _ in shifted_runs(fit[:, scored], scored)] == [21]


def test_a_window_without_scored_articles_in_place_is_no_verdict():
    # Label sets 21-35 sit on test articles and are stored under other ids: nothing in place can be scored.
    fit = _fit(60, 20, 10, shifted_to=35)
    scored = [j for j in range(60) if not 20 <= j < 35]
    assert shifted_runs(fit[:, scored], scored) == []


def test_only_a_fit_far_below_the_best_is_bad():
    n = 45
    for shortfall, found in ((BAD * 0.8, False), (BAD * 1.2, True)):
        fit = np.full((n, n), -6.0)
        for i in range(n):
            fit[i, i] = -shortfall if i >= 15 else 0.0
            if i >= 15:
                fit[i, i - 10] = 0.0
        runs = shifted_runs(fit, list(range(n)))
        assert bool(runs) is found, shortfall
        assert all(offset == 10 for _, _, offset, _, _ in runs)


def test_hard_articles_that_fit_nowhere_are_not_drift():
    # Label sets 16-30 fit their own articles badly, and each fits some other article better, but at no common
    # offset: hard cases, not a chunk stored under other ids.
    n = 45
    rng = np.random.default_rng(0)
    fit = np.full((n, n), -6.0)
    for i in range(n):
        fit[i, i] = -4.0 if 15 <= i < 30 else 0.0
        if 15 <= i < 30:
            fit[i, rng.integers(n)] = -1.0
    assert shifted_runs(fit, list(range(n))) == []
    fit[15:30, 5:20] = np.where(np.eye(15, dtype=bool), -1.0, fit[15:30, 5:20])  # now they all fit 10 places back
    assert [offset for _, _, offset, _, _ in shifted_runs(fit, list(range(n)))] == [10]
