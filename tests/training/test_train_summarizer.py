"""The summarizer training's oracle targets and the variants' LSA features, on articles written for these tests."""

import numpy as np

from nlp_service.text.tokens import tokenize
from training.summarizer_variants import lsa_features
from training.train_summarizer import targets

RECORD = {
    "abstract": "Huyện Krông Nô giải quyết đúng hạn 98% hồ sơ hành chính trong năm 2024.",
    "sentences": [
        "Huyện Krông Nô giải quyết đúng hạn 98% hồ sơ hành chính",
        "Trong năm 2024, huyện Krông Nô giải quyết đúng hạn 98% hồ sơ hành chính của người dân.",
        "Thời tiết cuối năm ở Tây Nguyên se lạnh và khô.",
    ],
}


def test_the_oracle_takes_the_sentences_that_cover_the_reference():
    y = targets(RECORD, "oracle")
    assert y[0] == 1.0 and y[2] == 0.0


def test_an_oracle_among_allowed_sentences_never_takes_a_refused_one():
    y = targets(RECORD, "oracle", np.array([False, True, True]))
    assert y[0] == 0.0 and y[1] == 1.0 and y[2] == 0.0


def test_an_oracle_with_nothing_allowed_falls_back_to_the_first_sentence_and_an_empty_article_has_none():
    assert targets(RECORD, "oracle", np.array([False, False, False])).tolist() == [1.0, 0.0, 0.0]
    assert targets({"abstract": "Tin ngắn.", "sentences": []}, "oracle").tolist() == []


def test_lsa_features_read_the_article_against_itself_its_title_and_its_first_sentence():
    doc = tokenize("\n".join(RECORD["sentences"]), title="Krông Nô giải quyết hồ sơ đúng hạn")
    words = ["krông_nô", "giải_quyết", "hồ_sơ", "đúng_hạn", "thời_tiết", "tây_nguyên"]
    index = {w: i for i, w in enumerate(words)}
    vectors = np.array([[1, 0], [1, 0], [1, 0], [1, 0], [0, 1], [0, 1]], dtype=float)  # two made-up topics
    features = lsa_features(doc, index, vectors)
    assert features.shape == (3, 4)
    assert features[1, 2] > 0.99 and features[2, 2] < 0.01  # to the first sentence: same topic, other topic
    assert features[0, 1] > 0.99 and features[2, 1] < 0.01  # to the title
    assert features[2, 3] == 2  # the weather line is the least like the rest of the article
