import math
import unicodedata

from nlp_service.text.page_blocks import html_blocks, inside_container, normalize_line, text_blocks

LEVELS = (1, 2, 3)
BODY = ("Ủy ban nhân dân huyện tổ chức hội nghị tổng kết công tác cải cách hành chính năm 2023, "
        "đánh giá kết quả giải quyết hồ sơ tại bộ phận một cửa.")
PAGE = f"""<html><head><title>Trang</title><script>var x = 1;</script></head><body>
<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/tin">Tin tức</a></li></ul>
<div id="main"><p class="title">Tổng kết cải cách hành chính</p><p>{BODY}</p><p>{BODY} Lần hai.</p>
<p>Xem <a href="/x">tại đây</a></p></div><div class="footer">Bản quyền thuộc UBND huyện</div></body></html>"""


def test_blocks_keep_reading_order_link_share_and_skip_scripts():
    blocks = html_blocks(PAGE, LEVELS)
    texts = [b.text for b in blocks]
    assert texts[:3] == ["Trang", "Trang chủ", "Tin tức"] or texts[:2] == ["Trang chủ", "Tin tức"]
    assert "var x = 1;" not in texts
    menu = blocks[texts.index("Trang chủ")]
    assert menu.dom.link_chars == len("Trang chủ") and menu.dom.in_list
    link_line = blocks[texts.index("Xem tại đây")]
    assert 0 < link_line.dom.link_chars < len(link_line.text)


def test_the_prose_container_holds_the_page_prose_and_the_menu_none():
    blocks = html_blocks(PAGE, LEVELS)
    by_text = {b.text: b for b in blocks}
    assert by_text[BODY].dom.shares[-1] == 1.0  # the div holding both paragraphs holds all the prose
    assert by_text["Trang chủ"].dom.shares[:2] == (0.0, 0.0)  # its item and list; the body holds all
    inside = inside_container(blocks, [b.text.startswith(BODY) for b in blocks])  # both paragraphs: the div
    assert inside[[b.text for b in blocks].index("Tổng kết cải cách hành chính")] == 1.0
    assert inside[[b.text for b in blocks].index("Trang chủ")] == 0.0


def test_nothing_sure_or_plain_text_gives_no_container():
    blocks = text_blocks("Một dòng.\nHai dòng.")
    assert all(math.isnan(v) for v in inside_container(blocks, [True, True]))
    html = html_blocks(PAGE, LEVELS)
    assert all(math.isnan(v) for v in inside_container(html, [False] * len(html)))


def test_lines_are_nfc_without_invisible_characters():
    nfd = unicodedata.normalize("NFD", "Cải cách\u200b  hành chính")
    assert normalize_line(nfd) == "Cải cách hành chính"
    assert [b.text for b in text_blocks(f"\r\n  {nfd}\r\n\r\n")] == ["Cải cách hành chính"]


def test_hostile_pages_do_not_raise():
    nested = "<div>" * 200 + "Chữ ở tận cùng." + "</div>" * 200
    assert any("Chữ ở tận cùng." in b.text for b in html_blocks(nested, LEVELS))
    html_blocks("<div>" * 50000 + "x" + "</div>" * 50000, LEVELS)  # libxml2 caps the depth; no RecursionError
    assert html_blocks("", LEVELS) == []
    broken = html_blocks("<div><p>Tin <b>nóng</div></i><table><td>ô", LEVELS)
    assert "Tin nóng" in " ".join(b.text for b in broken)
