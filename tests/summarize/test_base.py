import pytest

from nlp_service.summarize.base import candidates, eligible
from nlp_service.text.tokens import tokenize


def sentence(text: str):
    return tokenize(text).sentences[0]


@pytest.mark.parametrize("text", [
    "Toàn cảnh hội nghị tổng kết công tác cải cách hành chính năm 2023",
    "Quang cảnh buổi làm việc của đoàn công tác với huyện",
    "Các đại biểu tham dự lễ khánh thành công trình nước sạch",
    "Đồng chí Phó Chủ tịch UBND huyện phát biểu chỉ đạo tại hội nghị",  # a caption: no full stop
    "Xem chi tiết tại đây để tải toàn văn kế hoạch của huyện.",
    "Tin, ảnh: Ngô Minh Tâm và Trần Thị Hoa (Đài Truyền thanh huyện)",
    "Tin hoạt động 14 Tháng Ba 2023 10:15:00 CH",
    "Số lượt người xem: 2381",
])
def test_in_article_furniture_is_never_eligible(text):
    assert not eligible(sentence(text))


@pytest.mark.parametrize("text", [
    "Người dân tại đây đã được hỗ trợ làm hồ sơ trực tuyến ngay tại nhà văn hóa thôn.",
    "Chiều ngày 13/3, huyện tổ chức hội nghị phát động phong trào thi đua vào lúc 14:00.",
    "Ban Thi đua - Khen thưởng huyện đề nghị các xã đăng ký mô hình mới trước tháng Ba năm sau.",
])
def test_body_sentences_stay_eligible(text):
    assert eligible(sentence(text))


def test_the_headline_is_never_a_candidate_again():
    headline = "Huyện phát động phong trào thi đua cải cách hành chính năm 2024."
    body = "Huyện phát động phong trào thi đua cải cách hành chính năm 2024.\nCác xã đăng ký mô hình mới trước quý hai."
    doc = tokenize(body, title=headline.rstrip("."))
    assert [s.text for s in candidates(doc)] == ["Các xã đăng ký mô hình mới trước quý hai."]


def test_the_headline_repeated_in_another_case_and_punctuation_is_not_a_candidate_either():
    # The sentence shares the headline's words only once folded: capitals, quotes and a colon differ.
    headline = "Huyện Krông Nô: phát động phong trào thi đua cải cách hành chính"
    body = ("HUYỆN KRÔNG NÔ PHÁT ĐỘNG “PHONG TRÀO THI ĐUA” CẢI CÁCH HÀNH CHÍNH!\n"
            "Huyện Krông Nô phát động phong trào thi đua cải cách hành chính năm nay.\n"
            "Các xã đăng ký mô hình mới trước quý hai.")
    doc = tokenize(body, title=headline)
    assert [s.text for s in candidates(doc, [True] * len(doc.sentences))] == [
        "Huyện Krông Nô phát động phong trào thi đua cải cách hành chính năm nay.",
        "Các xã đăng ký mô hình mới trước quý hai."]
