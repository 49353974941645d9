import json

import pytest

from nlp_service.errors import InvalidTrainingData
from nlp_service.text.tokens import tokenize
from nlp_service.topics.train import read_training_jsonl, train_from_jsonl
from nlp_service.topics.model import TopicModel

TRAFFIC = ["Công an huyện xử phạt {n} trường hợp vi phạm nồng độ cồn khi tham gia giao thông.",
           "Cảnh sát giao thông lập biên bản {n} xe chở quá tải trên quốc lộ.",
           "Tai nạn giao thông giảm {n} vụ nhờ tăng cường tuần tra kiểm soát."]
SCHOOL = ["Trường tiểu học khai giảng năm học mới với {n} học sinh lớp một.",
          "Sở Giáo dục tuyển thêm {n} giáo viên cho các trường vùng cao.",
          "Kỳ thi tốt nghiệp có {n} thí sinh dự thi tại hội đồng thi của tỉnh."]


def _write(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def _corpus(n=15):
    rows = []
    for i in range(n):
        rows.append({"text": TRAFFIC[i % 3].format(n=i + 10), "topics": ["giao_thong"]})
        rows.append({"text": SCHOOL[i % 3].format(n=i + 100), "topics": ["truong_hoc"]})
    return rows


def test_trains_a_custom_taxonomy_that_the_service_can_load(tmp_path):
    card = train_from_jsonl(_write(tmp_path / "my.jsonl", _corpus()), tmp_path / "model")
    assert {label["id"] for label in card["labels"]} == {"giao_thong", "truong_hoc"}
    model = TopicModel.from_dir(tmp_path / "model")
    topics, _ = model.predict(tokenize("Cảnh sát giao thông xử phạt nhiều xe vi phạm nồng độ cồn."))
    assert topics and topics[0].id == "giao_thong"


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "at least"), ("{not json}\n", "not JSON"), ('{"topics": []}\n', '"text"'),
     ('{"text": "Một câu.", "topics": "giao_thong"}\n', '"topics"'), ('["text"]\n', '"text"')],
)
def test_bad_files_are_clear_errors(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidTrainingData, match=message):
        read_training_jsonl(path)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(InvalidTrainingData, match="cannot read"):
        read_training_jsonl(tmp_path / "none.jsonl")


def test_too_few_examples_of_a_topic_is_refused(tmp_path):
    rows = _corpus() + [{"text": "Lễ hội hoa xuân khai mạc tại công viên.", "topics": ["le_hoi"]}]
    with pytest.raises(InvalidTrainingData, match="le_hoi"):
        train_from_jsonl(_write(tmp_path / "thin.jsonl", rows), tmp_path / "model")


def test_file_without_any_topic_is_refused(tmp_path):
    rows = [{"text": t.format(n=i), "topics": []} for i, t in enumerate(TRAFFIC * 8)]
    with pytest.raises(InvalidTrainingData, match="no document has a topic"):
        train_from_jsonl(_write(tmp_path / "none.jsonl", rows), tmp_path / "model")


def test_label_lines_name_the_topics_and_the_card_keeps_them(tmp_path):
    rows = [{"topic": "giao_thong", "name": "Giao thông", "description": "Xe cộ và đường sá"}] + _corpus()
    card = train_from_jsonl(_write(tmp_path / "named.jsonl", rows), tmp_path / "model")
    labels = {label["id"]: label for label in card["labels"]}
    assert labels["giao_thong"]["name"] == "Giao thông" and labels["giao_thong"]["description"] == "Xe cộ và đường sá"
    assert labels["truong_hoc"]["name"] == "truong_hoc"  # unnamed: its id
    held_out = card["metrics"]["held_out"]
    assert set(held_out["per_topic"]) == {"giao_thong", "truong_hoc"} and held_out["documents_scored"] > 0
    assert all(0 <= s["f1"] <= 1 and s["support"] > 0 for s in held_out["per_topic"].values())
    assert card["version"].endswith("-custom-" + card["data"]["sha256"][:8])


@pytest.mark.parametrize(("line", "message"), [
    ({"topic": "giao_thong"}, '"name"'),
    ({"topic": "giao_thong", "name": "Giao thông", "colour": "red"}, "only"),
    ({"topic": "le_hoi", "name": "Lễ hội"}, "named topics no document has: le_hoi"),
])
def test_bad_label_lines_are_clear_errors(tmp_path, line, message):
    with pytest.raises(InvalidTrainingData, match=message):
        read_training_jsonl(_write(tmp_path / "bad.jsonl", [line] + _corpus()))


def test_a_topic_named_twice_is_refused(tmp_path):
    twice = [{"topic": "giao_thong", "name": "Giao thông"}, {"topic": "giao_thong", "name": "Đường sá"}]
    with pytest.raises(InvalidTrainingData, match="named twice"):
        read_training_jsonl(_write(tmp_path / "twice.jsonl", twice + _corpus()))
