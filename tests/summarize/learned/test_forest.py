import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingRegressor

from nlp_service.summarize.learned.forest import FlatForest


def _fitted(**kwargs):
    rng = np.random.default_rng(7)
    X = rng.normal(size=(600, 5))
    y = np.sin(X[:, 0]) + X[:, 1] * X[:, 2] + (X[:, 3] > 0.5) + rng.normal(scale=0.1, size=600)
    return HistGradientBoostingRegressor(max_iter=40, random_state=0, **kwargs).fit(X, y), rng


@pytest.mark.parametrize("depth", [None, 3])
def test_flat_forest_predicts_what_scikit_learn_predicts(depth):
    model, rng = _fitted(max_depth=depth)
    X = rng.normal(size=(300, 5)) * 2
    assert np.allclose(FlatForest(model).predict(X), model.predict(X), atol=1e-9)


def test_missing_values_follow_the_trees_learned_direction():
    model, rng = _fitted()
    X = rng.normal(size=(50, 5))
    X[::3, 0] = np.nan
    assert np.allclose(FlatForest(model).predict(X), model.predict(X), atol=1e-9)


def test_empty_input_and_other_losses():
    model, _ = _fitted()
    assert FlatForest(model).predict(np.zeros((0, 5))).shape == (0,)
    absolute, _ = _fitted(loss="absolute_error")
    with pytest.raises(ValueError):
        FlatForest(absolute)


def test_lightgbm_trees_predict_what_lightgbm_predicts():
    lightgbm = pytest.importorskip("lightgbm")
    rng = np.random.default_rng(3)
    X = rng.normal(size=(400, 4))
    y = (X[:, 0] + X[:, 1] * X[:, 2] > 0).astype(int) + (X[:, 3] > 1)
    booster = lightgbm.train({"objective": "lambdarank", "num_leaves": 7, "min_data_in_leaf": 5, "verbose": -1},
                             lightgbm.Dataset(X, y, group=[20] * 20), num_boost_round=25)
    Z = rng.normal(size=(200, 4)) * 2
    assert np.allclose(FlatForest.from_lightgbm(booster.dump_model()).predict(Z), booster.predict(Z), atol=1e-9)
