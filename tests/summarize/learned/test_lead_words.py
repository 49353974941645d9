import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from nlp_service.summarize.learned.lead_words import LeadWords, sentence_terms, wording
from nlp_service.text.tokens import tokenize_words

LEADS = ["Ngày 12/3, Công an tỉnh Nghệ An cho biết vừa bắt giữ hai đối tượng buôn bán ma túy.",
         "Ngày 5/6, UBND huyện Đắk Mil cho biết vừa khởi công tuyến đường liên xã.",
         "Sáng 20/4, Sở Y tế thành phố cho biết vừa phát hiện ổ dịch sốt xuất huyết."]
OTHERS = ["Tuy nhiên, nhiều người vẫn chưa yên tâm về chuyện này.",
          "Tuy nhiên, bà con mong sớm có thêm chợ mới trong xã.",
          "Tuy nhiên, ông cho rằng cần thêm thời gian để đánh giá."]


def _data():
    sentences = [sentence_terms(tokenize_words(s)) for s in LEADS + OTHERS + ["Tuy nhiên, tuy nhiên, vẫn chờ."]]
    return sentences, np.array([1] * len(LEADS) + [0] * (len(OTHERS) + 1))


def test_opening_words_are_marked_by_position():
    features = wording(sentence_terms(tokenize_words("Tuy nhiên, câu chuyện chưa kết thúc.")))
    assert {(0, "tuy_nhiên"), ("tuy_nhiên", "câu_chuyện"), "kết_thúc"} <= features
    assert (1, "tuy_nhiên") not in features


def test_scores_equal_the_regression_it_was_fitted_as():  # a sentence that repeats a term included
    sentences, y = _data()
    model = LeadWords(c=10.0, min_df=1).fit(sentences, y)
    vectorizer = TfidfVectorizer(analyzer=lambda terms: [repr(f) for f in wording(terms)], binary=True)
    reference = LogisticRegression(C=10.0, max_iter=1000).fit(vectorizer.fit_transform(sentences), y)
    expected = reference.decision_function(vectorizer.transform(sentences))
    assert np.allclose([model.score(s) for s in sentences], expected, atol=1e-6)


def test_lead_like_wording_scores_higher():
    sentences, y = _data()
    model = LeadWords(c=10.0, min_df=1).fit(sentences, y)
    lead_like = sentence_terms(tokenize_words("Ngày 1/9, Sở Giáo dục cho biết vừa công bố điểm chuẩn."))
    aside = sentence_terms(tokenize_words("Tuy nhiên, nhiều phụ huynh vẫn còn lo lắng."))
    assert model.score(lead_like) > model.score(aside)
    assert model.score(lead_like + lead_like) == model.score(lead_like)  # terms count once
    assert model.score([]) == model.bias_
