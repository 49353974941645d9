import json
from importlib import metadata

import pytest
from sklearn.dummy import DummyClassifier

from nlp_service.artifacts import load_model, read_card, save_model, sha256_of
from nlp_service.errors import ModelIntegrityError
from nlp_service.settings import SHIPPED_MODELS


@pytest.fixture()
def saved(tmp_path):
    model = DummyClassifier(strategy="most_frequent").fit([[0], [1]], ["the_thao", "the_thao"])
    save_model(model, tmp_path, {"name": "dummy", "version": "test"})
    return tmp_path


def test_round_trip_records_hash_and_versions(saved):
    card = read_card(saved)
    assert card["artifact"]["sha256"] == sha256_of(saved / "model.joblib")
    assert card["libraries"]["scikit-learn"] == metadata.version("scikit-learn")
    assert list(load_model(saved).estimator.predict([[5]])) == ["the_thao"]


def test_a_tampered_artifact_is_refused_before_unpickling(saved):
    with open(saved / "model.joblib", "ab") as handle:
        handle.write(b"\0")
    with pytest.raises(ModelIntegrityError, match="SHA-256"):
        load_model(saved)


def test_a_different_scikit_learn_version_is_refused(saved):
    card = json.loads((saved / "card.json").read_text())
    card["libraries"]["scikit-learn"] = "0.24.2"
    (saved / "card.json").write_text(json.dumps(card))
    with pytest.raises(ModelIntegrityError, match="scikit-learn 0.24.2"):
        load_model(saved)


def test_missing_or_broken_cards_are_clear_errors(tmp_path):
    with pytest.raises(ModelIntegrityError, match="no model card"):
        load_model(tmp_path)
    (tmp_path / "card.json").write_text("{not json")
    with pytest.raises(ModelIntegrityError, match="not valid JSON"):
        load_model(tmp_path)
    (tmp_path / "card.json").write_text("{}")
    with pytest.raises(ModelIntegrityError, match="no artifact"):
        load_model(tmp_path)


def test_every_shipped_model_matches_its_card():
    directories = [d for d in SHIPPED_MODELS.iterdir() if (d / "card.json").exists()]
    assert directories, "no shipped models found"
    for directory in directories:
        card = read_card(directory)
        assert sha256_of(directory / card["artifact"]["file"]) == card["artifact"]["sha256"], directory.name
        assert (directory / card["artifact"]["file"]).stat().st_size <= 30 * 1024 * 1024


def test_checking_model_dirs_names_each_directory_read_and_the_one_at_fault(tmp_path):
    import shutil

    from nlp_service.artifacts import check_model_dirs
    from nlp_service.settings import Settings

    checked = check_model_dirs(settings=Settings())
    assert checked == {name: SHIPPED_MODELS / name for name in ("section", "topics", "page_lines", "summarizer")}
    shutil.copytree(SHIPPED_MODELS / "section", tmp_path / "section")
    assert check_model_dirs(tmp_path) == {"section": tmp_path / "section"}  # the others are optional
    (tmp_path / "section" / "card.json").write_text("{", encoding="utf-8")
    with pytest.raises(ModelIntegrityError, match=str(tmp_path / "section")):
        check_model_dirs(tmp_path)
    with pytest.raises(ModelIntegrityError, match="NLP_SERVICE_TOPICS_MODEL"):
        check_model_dirs(settings=Settings(topics_model=tmp_path / "nowhere"))
    shutil.copytree(SHIPPED_MODELS / "page_lines", tmp_path / "page_lines")
    (tmp_path / "page_lines" / "model.joblib").write_bytes(b"not the classifier")
    with pytest.raises(ModelIntegrityError, match=str(tmp_path / "page_lines")):
        check_model_dirs(settings=Settings(page_lines_model=tmp_path / "page_lines"))  # checked before any load


def test_every_served_model_is_built_from_its_directory_one_way():
    from nlp_service.artifacts import ServedModel
    from nlp_service.section.model import SectionModel
    from nlp_service.summarize.learned.model import LearnedModel
    from nlp_service.text.page_lines import PageLines
    from nlp_service.topics.model import TopicModel

    for kind, name in ((SectionModel, "section"), (TopicModel, "topics"), (LearnedModel, "summarizer"),
                       (PageLines, "page_lines")):
        model = kind.from_dir(SHIPPED_MODELS / name)
        assert isinstance(model, ServedModel) and model.card["name"] == name
        assert model.version == str(model.card["version"])
    with pytest.raises(ModelIntegrityError):
        TopicModel.from_dir(SHIPPED_MODELS / "section")  # a pipeline is not a tagger with named topics


def test_a_shipped_model_directory_that_is_gone_is_an_incomplete_install(tmp_path, monkeypatch):
    import shutil

    from nlp_service import artifacts
    from nlp_service.settings import Settings

    shipped = tmp_path / "models"
    shutil.copytree(SHIPPED_MODELS / "section", shipped / "section")
    shutil.copytree(SHIPPED_MODELS / "summarizer", shipped / "summarizer")
    monkeypatch.setattr(artifacts, "SHIPPED_MODELS", shipped)
    with pytest.raises(ModelIntegrityError, match=str(shipped / "topics")):
        artifacts.check_model_dirs(settings=Settings(section_model=shipped / "section"))
