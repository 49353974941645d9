import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingRegressor

from nlp_service.forest import FlatClassifier, FlatForest


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


def _classified(classes: int):
    """A classifier fitted on small data with missing values, and fresh rows (NaN in two columns) to score."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.RandomState(11)
    X = rng.normal(size=(500, 4))
    score = X[:, 0] + X[:, 1] * X[:, 2] + 0.3 * rng.normal(size=500)
    y = np.digitize(score, [-0.5, 0.5][: classes - 1])
    X[rng.rand(500) < 0.15, 1] = np.nan  # missing in training: the trees learn where NaN goes
    model = HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=15, random_state=0).fit(X, y)
    Z = rng.normal(size=(200, 4)) * 2
    Z[::4, 1] = np.nan
    Z[::5, 3] = np.nan  # never missing in training: follows missing_go_to_left all the same
    return model, Z


@pytest.mark.parametrize("classes", [2, 3])
def test_flat_classifier_gives_scikit_learns_probabilities(classes):
    model, Z = _classified(classes)
    flat = FlatClassifier(model)
    proba = flat.predict_proba(Z)
    assert proba.shape == (200, classes)
    assert np.allclose(proba, model.predict_proba(Z), rtol=0, atol=1e-9)
    assert (flat.predict(Z) == model.predict(Z)).all()
    assert list(flat.classes) == list(model.classes_)


@pytest.mark.parametrize("classes", [2, 3])
def test_flat_classifier_on_no_rows(classes):
    model, _ = _classified(classes)
    flat = FlatClassifier(model)
    assert flat.predict_proba(np.zeros((0, 4))).shape == (0, classes)
    assert flat.predict_proba([]).shape == (0, classes)
    assert flat.predict(np.zeros((0, 4))).shape == (0,)
    with pytest.raises(ValueError, match="4 features"):
        flat.predict_proba(np.zeros((3, 5)))


def test_categorical_features_are_refused():
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.RandomState(5)
    X = np.column_stack([rng.randint(0, 4, size=300), rng.normal(size=300)])
    y = (X[:, 0] % 2 == 0).astype(int)
    model = HistGradientBoostingClassifier(max_iter=5, categorical_features=[0], random_state=0).fit(X, y)
    with pytest.raises(ValueError, match="categorical"):
        FlatClassifier(model)
