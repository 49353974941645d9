import numpy as np
from sklearn.metrics import f1_score

from training.train_topics import bootstrap_f1


def _labels(n: int = 300, topics: int = 4, seed: int = 1) -> np.ndarray:
    return (np.random.default_rng(seed).random((n, topics)) < 0.3).astype(int)


def test_perfect_predictions_have_a_point_interval():
    Y = _labels()
    assert bootstrap_f1(Y, Y, rounds=50) == {"macro_f1": [1.0, 1.0], "micro_f1": [1.0, 1.0], "rounds": 50}


def test_interval_brackets_the_score_of_noisy_predictions():
    Y = _labels()
    flip = np.random.default_rng(2).random(Y.shape) < 0.15
    P = np.where(flip, 1 - Y, Y)
    interval = bootstrap_f1(Y, P, rounds=200)
    for average in ("macro", "micro"):
        low, high = interval[f"{average}_f1"]
        assert low < f1_score(Y, P, average=average) < high
        assert high - low < 0.2


def test_the_seed_fixes_the_resamples():
    Y, P = _labels(seed=3), _labels(seed=4)
    assert bootstrap_f1(Y, P, rounds=100, seed=7) == bootstrap_f1(Y, P, rounds=100, seed=7)
    assert bootstrap_f1(Y, P, rounds=100, seed=7) != bootstrap_f1(Y, P, rounds=100, seed=8)
