import numpy as np
import pytest

from nlp_service.text.tokens import tokenize
from nlp_service.topics.estimator import TopicTagger, best_thresholds

REFORM = [
    "Huyện đẩy mạnh cải cách hành chính, giảm thời gian giải quyết thủ tục hành chính tại bộ phận một cửa.",
    "Tỉnh công bố chỉ số cải cách hành chính và mức độ hài lòng của người dân với dịch vụ công.",
    "Sở Nội vụ kiểm tra kỷ cương hành chính, yêu cầu cán bộ một cửa không gây phiền hà cho người dân.",
    "Thành phố cắt giảm thủ tục hành chính, liên thông hồ sơ đất đai giữa các sở ngành.",
    "Xã triển khai mô hình một cửa liên thông, trả kết quả thủ tục hành chính đúng hẹn.",
    "Hội nghị đánh giá công tác cải cách hành chính sáu tháng đầu năm của huyện.",
]
FOOTBALL = [
    "Câu lạc bộ Hà Nội thắng Hải Phòng 3-1 trên sân Hàng Đẫy trong vòng đấu thứ mười.",
    "Tiền đạo ghi hai bàn giúp đội khách lội ngược dòng ở phút bù giờ.",
    "Huấn luyện viên trưởng hài lòng với lối chơi pressing của các cầu thủ trẻ.",
    "Trận derby thủ đô thu hút hai mươi nghìn khán giả tới sân cổ vũ.",
    "Thủ môn cản phá quả phạt đền, giữ sạch lưới cho đội nhà.",
    "Đội bóng xứ Nghệ chiêu mộ thêm ngoại binh cho lượt về.",
]


def _words(texts):
    return [tokenize(t).words_with_title for t in texts]


@pytest.fixture(scope="module")
def tagger():
    X = _words(REFORM + FOOTBALL)
    Y = np.array([[1, 0]] * len(REFORM) + [[0, 1]] * len(FOOTBALL))
    return TopicTagger(topics=["cai_cach_hanh_chinh", "bong_da"], min_df=1).fit(X, Y)


def test_init_only_stores_parameters():
    t = TopicTagger(topics=["a"], c=2.0)
    assert t.get_params()["c"] == 2.0 and not hasattr(t, "models_")


def test_fit_returns_self_and_scores_the_right_topic(tagger):
    proba = tagger.predict_proba(_words(["Người dân hài lòng khi thủ tục hành chính được rút gọn ở bộ phận một cửa."]))
    assert proba.shape == (1, 2) and proba[0, 0] > proba[0, 1]
    assert 0 <= proba.min() and proba.max() <= 1


def test_thresholds_tuned_on_held_out_data_move_from_default(tagger):
    held_X = _words(["Cải cách hành chính tại xã được người dân đánh giá cao.", "Đội khách thua 0-2 trên sân nhà."])
    tagger.tune_thresholds(held_X, np.array([[1, 0], [0, 1]]))
    assert (tagger.predict(held_X) == np.array([[1, 0], [0, 1]])).all()


def test_evidence_names_the_words_that_pushed_the_score(tagger):
    words = tokenize("Huyện rút ngắn thời gian giải quyết thủ tục hành chính cho doanh nghiệp.").words_with_title
    evidence = tagger.evidence_terms(words, 0, 5)
    assert evidence and any("hành_chính" in term or "thủ_tục" in term for term in evidence)
    assert any(t.startswith("#") for t in tagger.terms_)  # syllables count in the score ...
    assert not any(t.startswith("#") for t in evidence)  # ... but are never shown as evidence


def test_wrong_label_matrix_is_rejected():
    with pytest.raises(ValueError):
        TopicTagger(topics=["a", "b"]).fit(_words(REFORM), np.ones((len(REFORM), 3)))


def test_a_threshold_between_cleanly_separated_classes_sits_in_the_middle():
    proba = np.array([[0.95], [0.9], [0.85], [0.15], [0.1], [0.05]])
    Y = np.array([[1], [1], [1], [0], [0], [0]])
    threshold = best_thresholds(proba, Y)[0]
    assert 0.4 <= threshold <= 0.6  # every cut from 0.175 to 0.85 scores F1 = 1
    assert (proba[:, 0] >= threshold).tolist() == [True] * 3 + [False] * 3
