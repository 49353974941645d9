from nlp_service.summarize.base import eligible
from nlp_service.summarize.unsupervised import summarize
from nlp_service.text.clean import clean_text
from nlp_service.text.tokens import tokenize
from tests.texts import DAK_MIL, DAK_MIL_TITLE

ARTICLE, TITLE = DAK_MIL, DAK_MIL_TITLE


def test_returns_k_sentences_in_document_order_with_scores():
    doc = tokenize(ARTICLE, title="Đắk Mil thi đua cải cách hành chính")
    chosen = summarize(doc, 3)
    assert len(chosen) == 3
    assert [s.index for s in chosen] == sorted(s.index for s in chosen)
    assert all(s.score > 0 for s in chosen)
    for s in chosen:
        assert s.text == doc.sentences[s.index].text


def test_captions_and_bylines_are_never_chosen_even_when_all_are_asked_for():
    doc = tokenize(ARTICLE)
    texts = [s.text for s in summarize(doc, 20)]
    assert not any(t.startswith("Ảnh:") or t.startswith("Theo TTXVN") for t in texts)
    assert len(texts) == 5


def test_one_sentence_article_returns_that_sentence():
    doc = tokenize("Sáng nay, thành phố khai trương trung tâm phục vụ hành chính công mới.")
    chosen = summarize(doc, 3)
    assert [s.text for s in chosen] == ["Sáng nay, thành phố khai trương trung tâm phục vụ hành chính công mới."]


def test_a_lone_fragment_is_still_its_own_summary():
    chosen = summarize(tokenize("Tin vắn"), 3)
    assert [s.text for s in chosen] == ["Tin vắn"]


def test_empty_document_gives_empty_summary():
    assert summarize(tokenize(""), 3) == []


def test_near_duplicate_sentences_are_not_both_chosen():
    repeated = "Tỉnh công bố chỉ số hài lòng của người dân với dịch vụ hành chính công năm nay đạt 92%."
    text = "\n".join([repeated, repeated.replace("năm nay", "trong năm nay"),
                      "Các sở ngành sẽ rà soát lại quy trình tiếp nhận hồ sơ trực tuyến trong quý tới.",
                      "Người dân phản ánh thời gian chờ tại bộ phận một cửa đã giảm rõ rệt."])
    chosen = summarize(tokenize(text), 2)
    assert [s.index for s in chosen] != [0, 1]


def test_very_long_text_is_summarized_with_the_requested_budget():
    paragraph = ("Huyện tiếp tục đẩy mạnh cải cách hành chính, số hóa hồ sơ và nâng cao chất lượng phục vụ người dân "
                 "tại bộ phận một cửa, trong đợt thứ {n}.")
    doc = tokenize("\n".join(paragraph.format(n=i) for i in range(400)))
    assert len(summarize(doc, 3)) == 3


def test_eligibility_rejects_fragments_and_shouting():
    doc = tokenize("Xem tiếp.\nTHÔNG BÁO KHẨN CẤP VỀ VIỆC NGHỈ HỌC CỦA TOÀN BỘ HỌC SINH.\n"
                   + clean_text("Học sinh toàn tỉnh được nghỉ học ngày mai vì bão số 3 đổ bộ."))
    flags = [eligible(s) for s in doc.sentences]
    assert flags == [False, False, True]
