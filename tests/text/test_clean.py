import unicodedata

from nlp_service.text.clean import clean_page, clean_text, html_to_text, looks_like_html, model_text, normalize_whitespace


def test_nfd_input_becomes_nfc():
    nfd = unicodedata.normalize("NFD", "Cải cách hành chính")
    assert normalize_whitespace(nfd) == "Cải cách hành chính"
    assert unicodedata.is_normalized("NFC", clean_text(nfd + " là nhiệm vụ trọng tâm của huyện trong năm nay."))


def test_whitespace_and_invisible_characters_are_folded():
    raw = "Ủy\u00a0ban   nhân\u200b dân\r\n\r\n\r\n  huyện Đắk\tMil  "
    assert normalize_whitespace(raw) == "Ủy ban nhân dân\nhuyện Đắk Mil"


def test_model_text_uses_canonical_tones_and_keeps_length():
    assert model_text("Thuỷ lợi hoà bình") == "Thủy lợi hòa bình"


def test_plain_text_is_not_taken_for_html():
    assert not looks_like_html("Giá vàng tăng 2% < mức kỳ vọng > của thị trường.")


def test_html_blocks_become_lines_and_inline_tags_do_not_split_sentences(portal_html):
    text, title = html_to_text(portal_html)
    assert title == "Huyện Đắk Mil phát động phong trào thi đua đẩy mạnh cải cách hành chính năm 2024"
    clean = clean_text(portal_html)
    assert "Ủy ban nhân dân huyện Đắk Mil tổ chức lễ phát động phong trào thi đua" in clean
    for furniture in ("Trang chủ", "Số lượt người xem", "TIN MỚI HƠN", "Đang truy cập", "var _gaq", "Chia sẻ"):
        assert furniture not in clean


def test_clean_page_returns_the_html_title(portal_html):
    _, title = clean_page(portal_html)
    assert title and title.startswith("Huyện Đắk Mil")


def test_broken_html_does_not_raise():
    text, _ = html_to_text("<div><p>Tin <b>nóng</div></i>")
    assert "Tin nóng" in " ".join(text.split())
