import numpy as np

from nlp_service.section.estimator import section_pipeline, shrink
from nlp_service.text.tokens import tokenize

SPORT = ["Đội tuyển bóng đá thắng {n} bàn trong trận giao hữu tối qua trên sân Mỹ Đình.",
         "Huấn luyện viên công bố danh sách {n} cầu thủ chuẩn bị cho vòng loại giải vô địch.",
         "Vận động viên điền kinh giành {n} huy chương vàng tại đại hội thể thao khu vực."]
HEALTH = ["Bệnh viện tiếp nhận {n} bệnh nhân sốt xuất huyết trong tuần qua.",
          "Bác sĩ khuyến cáo người dân tiêm vắc xin phòng cúm, đã có {n} ca mắc.",
          "Sở Y tế kiểm tra {n} cơ sở khám chữa bệnh tư nhân trên địa bàn."]


def _data():
    X, y = [], []
    for n in range(1, 9):
        for texts, label in ((SPORT, "the_thao"), (HEALTH, "suc_khoe")):
            X.append(tuple(tokenize(texts[n % 3].format(n=n)).words))
            y.append(label)
    return X, y


def test_fits_calibrated_probabilities_and_shrinks_to_float32():
    X, y = _data()
    model = shrink(section_pipeline(min_df=1, max_df=1.0).fit(X, y))
    for svm in (c.estimator for c in model.named_steps["clf"].calibrated_classifiers_):
        assert svm.coef_.dtype == np.float32 and svm.intercept_.dtype == np.float32
    assert len(model.named_steps["clf"].calibrated_classifiers_) == 1  # ensemble=False: one weight matrix ships
    test = [tuple(tokenize("Cầu thủ ghi bàn thắng quyết định cho đội tuyển bóng đá.").words),
            tuple(tokenize("Bệnh nhân sốt xuất huyết được bác sĩ điều trị tại bệnh viện.").words)]
    proba = model.predict_proba(test)
    assert np.allclose(proba.sum(axis=1), 1) and list(model.predict(test)) == ["the_thao", "suc_khoe"]


def test_words_only_features_are_a_choice():
    X, y = _data()
    words = section_pipeline(min_df=1, max_df=1.0, features="words").fit(X, y).named_steps["tfidf"]
    both = section_pipeline(min_df=1, max_df=1.0).fit(X, y).named_steps["tfidf"]
    assert set(words.vocabulary_) < set(both.vocabulary_)  # syllables of multi-syllable words are added
