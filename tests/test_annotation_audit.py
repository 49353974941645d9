import numpy as np

from training.annotations.audit import WINDOW, shifted_windows


def _fit(n: int, shifted_from: int, offset: int) -> np.ndarray:
    """Label set i fits article i, except from ``shifted_from`` on, where it fits article i - offset."""
    fit = np.full((n, n), -3.0)
    for i in range(n):
        fit[i, i - offset if i >= shifted_from else i] = 0.0
    return fit


def test_aligned_labels_raise_nothing():
    assert shifted_windows(_fit(60, 60, 0), list(range(60))) == []


def test_a_chunk_saved_under_later_ids_is_found_with_its_offset():
    drift = shifted_windows(_fit(60, 30, 20), list(range(60)))
    assert [(start, offset) for start, offset, *_ in drift] == [(30, 20), (45, 20)]
    assert all(there > in_place for *_, there, in_place in drift)


def test_only_scored_articles_count():
    # Every third article is test (never scored); the drift is still found from the rest.
    fit = _fit(60, 30, 21)
    scored = [j for j in range(60) if j % 3]
    drift = shifted_windows(fit[:, scored], scored)
    assert {offset for _, offset, *_ in drift} == {21}
    assert {start for start, *_ in drift} == {30, 45}


def test_ties_are_not_drift():
    # Runs of empty label sets fit many articles equally well: no offset beats the stored one by the margin.
    fit = np.zeros((2 * WINDOW, 2 * WINDOW))
    assert shifted_windows(fit, list(range(2 * WINDOW))) == []
