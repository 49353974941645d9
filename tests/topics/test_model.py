import unicodedata

from nlp_service.labels import TOPICS_BY_ID
from nlp_service.settings import SHIPPED_MODELS
from nlp_service.text.tokens import tokenize
from nlp_service.topics.model import TopicModel, quote

FOREIGN_FOOTBALL = (
    "Manchester City thắng Arsenal 3-1 ở vòng 20 Ngoại hạng Anh tối qua. Erling Haaland lập cú đúp trong hiệp một, "
    "còn Phil Foden ấn định chiến thắng bằng cú sút xa ở phút 78. Với kết quả này, đội bóng của Pep Guardiola "
    "vươn lên dẫn đầu bảng xếp hạng, hơn Liverpool hai điểm. Arsenal chỉ có bàn danh dự ở những phút cuối trận."
)


def test_quote_returns_the_words_as_written():
    doc = tokenize("Tỉnh đẩy mạnh Cải cách  hành chính năm 2024 và thuỷ lợi.")
    assert quote("cải_cách hành_chính", doc) == "Cải cách  hành chính"
    assert quote("năm 0000", doc) == "năm 2024"
    assert quote("thủy_lợi", doc) == "thuỷ lợi"
    assert quote("bóng_đá", doc) is None


def test_quote_looks_in_the_title_too():
    doc = tokenize("Một câu không liên quan.", title="Chuyển đổi số ở cấp xã")
    assert quote("chuyển_đổi số", doc) == "Chuyển đổi số"


def test_shipped_model_tags_the_portal_page_with_reform_first(portal_page):
    model = TopicModel.from_dir(SHIPPED_MODELS / "topics")
    from nlp_service.text.clean import clean_text

    topics, scores = model.predict(tokenize(clean_text(portal_page)))
    assert topics and topics[0].id == "cai_cach_hanh_chinh"
    assert topics[0].name == TOPICS_BY_ID["cai_cach_hanh_chinh"].name
    assert [t.score for t in topics] == sorted((t.score for t in topics), reverse=True)
    assert set(scores) == set(TOPICS_BY_ID)
    flat = " ".join(unicodedata.normalize("NFC", portal_page).split())
    for topic in topics:
        assert topic.evidence, topic.id
        for phrase in topic.evidence:
            assert " ".join(phrase.split()) in flat
            assert not any(phrase != other and phrase.lower() in other.lower() for other in topic.evidence)


def test_shipped_model_gives_a_foreign_football_report_no_topic():
    model = TopicModel.from_dir(SHIPPED_MODELS / "topics")
    topics, scores = model.predict(tokenize(FOREIGN_FOOTBALL))
    assert topics == []
    assert all(0 <= s <= 1 for s in scores.values())


def test_card_has_thresholds_and_test_metrics_for_every_topic():
    model = TopicModel.from_dir(SHIPPED_MODELS / "topics")
    assert set(model.card["thresholds"]) == set(TOPICS_BY_ID)
    per_topic = model.card["metrics"]["test"]["per_topic"]
    assert set(per_topic) == set(TOPICS_BY_ID)
    assert "test_keyword_baseline" in model.card["metrics"]


def test_a_model_directory_without_serving_arrays_is_converted_at_load(tmp_path):
    import json
    import shutil

    import numpy as np

    from nlp_service.text.tokens import tokenize
    from nlp_service.text.vocabulary import DocumentTerms

    card = json.loads((SHIPPED_MODELS / "topics" / "card.json").read_text(encoding="utf-8"))
    card.pop("serving")
    (tmp_path / "card.json").write_text(json.dumps(card, ensure_ascii=False), encoding="utf-8")
    shutil.copy(SHIPPED_MODELS / "topics" / "model.joblib", tmp_path / "model.joblib")
    doc = tokenize("Tỉnh đẩy mạnh cải cách hành chính, giải quyết thủ tục hành chính tại bộ phận một cửa.", "Một cửa")
    old, new = TopicModel.from_dir(tmp_path), TopicModel.from_dir(SHIPPED_MODELS / "topics")
    terms = [DocumentTerms(doc.words, doc.title_words)]
    assert np.array_equal(old.proba(old.rows(terms)), new.proba(new.rows(terms)))
    assert old.predict(doc) == new.predict(doc)
