from nlp_service.labels import SECTION_IDS, SECTIONS_BY_ID
from nlp_service.section.model import SectionModel
from nlp_service.settings import SHIPPED_MODELS
from nlp_service.text.tokens import tokenize


def test_shipped_card_names_taxonomy_labels_and_reports_metrics():
    model = SectionModel.from_dir(SHIPPED_MODELS / "section")
    assert sorted(model.classes) == sorted(SECTION_IDS)
    for label in model.card["labels"]:
        assert SECTIONS_BY_ID[label["id"]].name == label["name"]
    test = model.card["metrics"]["vntc_test"]
    assert test["docs"] == 49300 and 0 < test["macro_f1"] <= 1


def test_predicts_sport_and_health_with_probabilities(sport_text):
    model = SectionModel.from_dir(SHIPPED_MODELS / "section")
    sport, scores = model.predict(tokenize(sport_text))
    assert sport.id == "the_thao" and sport.name == "Thể thao"
    assert abs(sum(scores.values()) - 1) < 0.01 and sport.score == max(scores.values())
    health, _ = model.predict(tokenize(
        "Bệnh viện Bạch Mai tiếp nhận nhiều bệnh nhân sốt xuất huyết. Bác sĩ khuyến cáo người dân diệt muỗi, "
        "phát quang bụi rậm và đi khám ngay khi sốt cao kéo dài, không tự ý truyền dịch tại nhà."))
    assert health.id == "suc_khoe"
