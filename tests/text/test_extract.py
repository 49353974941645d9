"""Whole pages and plain-text dumps of our own through the shipped page-line classifier and the Analyzer."""

import base64
import re
import unicodedata

import pytest

from nlp_service.errors import EmptyText, PageTooLarge, TextTooLong
from nlp_service.settings import Settings
from nlp_service.text.clean import clean_page
from nlp_service.text.extract import title_tag

HEADLINE = "Cư Jút phát động phong trào thi đua thực hiện cải cách hành chính giai đoạn 2023 - 2025"
FURNITURE = re.compile(r"Tháng Ba 2023|\bCH\b|Số lượt người xem|TIN MỚI HƠN|TIN ĐÃ ĐƯA|Trang chủ|Phòng Nội vụ|"
                       r"Xem chi tiết|Toàn cảnh|Bản quyền|In bài|Tổng truy cập|\(\d\d/03/2023\)|^\d+$")


@pytest.fixture(scope="module")
def dump():
    from tests.conftest import FIXTURES

    return (FIXTURES / "portal_thidua_dump.txt").read_text(encoding="utf-8")


def as_html(dump: str, image_bytes: int = 0) -> str:
    """The dump laid out as a portal lays it out: menus in lists, the story in a table cell, counters in divs."""
    lines = dump.split("\n")
    start, end = lines.index(HEADLINE), lines.index("Xem chi tiết tại đây")
    menu = "".join(f'<li><a href="/m{i}">{x}</a></li>' for i, x in enumerate(lines[1:8]))
    image = (f'<img src="data:image/png;base64,{base64.b64encode(bytes(image_bytes)).decode()}">' if image_bytes
             else "")
    body = "".join(f"<p>{x}</p>" for x in lines[start + 1:end])
    related = "".join(f'<li><a href="/r{i}">{x}</a></li>' for i, x in enumerate(lines[end + 6:end + 11]))
    counters = "".join(f"<div>{x}</div>" for x in lines[end + 11:-1])
    return (f"<html><head><title>Trang thông tin điện tử huyện Cư Jút</title></head><body>"
            f"<div class='header'>{lines[0]}</div><ul>{menu}</ul><table><tr><td>{lines[8]}</td></tr>"
            f"<tr><td><p class='title'>{HEADLINE}</p></td></tr><tr><td>{image}{body}<p><a href='/x'>"
            f"Xem chi tiết tại đây</a></p><p>{lines[end + 1]}</p></td></tr></table><div>{lines[end + 2]}</div>"
            f"<ul>{related}</ul>{counters}<div class='footer'>{lines[-1]}</div></body></html>")


def _assert_article_summary(result):
    texts = [s.text for s in result.summary.sentences]
    assert len(texts) == 3
    for text in texts:
        assert not FURNITURE.search(text), text
        assert text != HEADLINE
    assert result.meta.title == HEADLINE


def test_a_plain_text_dump_gives_an_article_summary_and_the_headline_as_title(analyzer, dump):
    _assert_article_summary(analyzer.analyze(dump))


def test_the_same_page_as_html_gives_the_same(analyzer, dump):
    _assert_article_summary(analyzer.analyze(as_html(dump)))


def test_the_article_is_kept_and_the_furniture_is_not(analyzer, dump):
    text, title = analyzer.extract(dump)
    assert title == HEADLINE
    assert text.startswith("Chiều ngày 13/3") and "bình xét thi đua." in text
    for line in text.split("\n"):
        assert not re.search(r"Số lượt|TIN MỚI|TIN ĐÃ|Trang chủ|Tháng Ba 2023|^\d+$", line), line


def test_a_large_page_with_a_short_article_is_analyzed(analyzer, dump):
    page = as_html(dump, image_bytes=1_200_000)  # an inline photo: about 1.6 MB of markup
    assert len(page) > 1_500_000
    result = analyzer.analyze(page)
    assert result.meta.clean_characters < 3_000 and result.meta.characters == len(page)


def test_limits_apply_to_the_raw_page_and_to_the_article(analyzer, dump):
    page = as_html(dump, image_bytes=300_000)
    with pytest.raises(PageTooLarge):
        analyzer.with_settings(Settings(max_page_bytes=100_000)).analyze(page)
    assert analyzer.with_settings(Settings(max_chars=3_000)).analyze(page).meta.clean_characters <= 3_000
    with pytest.raises(TextTooLong):
        analyzer.with_settings(Settings(max_chars=500)).analyze(page)


def test_edges_empty_one_line_and_nfd(analyzer, dump):
    with pytest.raises(EmptyText):
        analyzer.analyze(" \n\t ")
    one = "Huyện Cư Jút tổ chức hội nghị triển khai kế hoạch cải cách hành chính năm 2024."
    assert analyzer.analyze(one).summary.text == one
    nfd = unicodedata.normalize("NFD", dump)
    result = analyzer.analyze(nfd)
    assert result.meta.title == HEADLINE
    assert all(unicodedata.is_normalized("NFC", s.text) for s in result.summary.sentences)


def test_without_a_classifier_the_line_rules_still_clean(dump):
    text, _ = clean_page(dump)
    assert "Số lượt người xem" not in text and "Chiều ngày 13/3" in text


def test_title_tag_is_read_unescaped():
    assert title_tag("<html><head><title>Tin &amp; sự kiện\n - Huyện</title>") == "Tin & sự kiện - Huyện"
    assert title_tag("<p>không có</p>") is None


def test_a_clean_article_is_read_as_it_is_without_the_classifier():
    """Every line a sentence of eight words or more: nothing is shaped like furniture, so the text is kept whole
    (less a source line closing it) and the classifier is not asked."""
    from nlp_service.text.extract import read_page

    class Unasked:
        def read(self, blocks):
            raise AssertionError("the classifier was asked")

    body = ("Sáng 11/3, Ủy ban nhân dân huyện tổ chức hội nghị tổng kết công tác cải cách hành chính năm 2023.\n"
            "Năm qua, tỷ lệ hồ sơ giải quyết đúng hạn của huyện đạt 98,6%, cao hơn năm trước 2,1 điểm phần trăm.")
    assert read_page(body, Unasked(), False) == (body.split("\n"), None)
    sourced = body + "\nNguồn: Cổng thông tin điện tử huyện, đăng ngày 12/3/2024 lúc 8 giờ sáng."
    assert read_page(sourced, Unasked(), False) == (body.split("\n"), None)
    with pytest.raises(AssertionError, match="asked"):  # a headline line is not prose: the classifier reads it
        read_page(HEADLINE + "\n" + body, Unasked(), False)


# An article body of our own whose prose is followed by a table flattened one cell per line, as some scraped
# bodies are: the cells are short, digit-heavy lines, shaped like a portal's counters and menus.
TABLE_BODY = "\n".join([
    "Huyện công bố mức hỗ trợ cho hộ dân có nhà bị ngập trong đợt mưa lũ vừa qua",
    "Ủy ban nhân dân huyện vừa ban hành quyết định hỗ trợ các hộ dân bị thiệt hại do mưa lũ kéo dài trong tuần qua.",
    "Theo quyết định, mức hỗ trợ được tính theo mức độ thiệt hại của từng hộ và được chi trả trong tháng này.",
    "Các xã phải hoàn thành việc thống kê và gửi danh sách về phòng Tài chính trước ngày 20 hằng tháng.",
    "Mức hỗ trợ cụ thể như sau:",
    "Mức thiệt hại", "Số tiền (đồng/hộ)",
    "Nhà bị ngập dưới 1 mét", "2.000.000",
    "Nhà bị ngập trên 1 mét", "5.000.000",
    "Nhà bị sập hoàn toàn", "20.000.000",
])
RELATED_AFTER = "\n".join([
    "TIN MỚI HƠN",
    "Huyện tổ chức hội nghị tổng kết công tác phòng chống thiên tai năm 2023 (12/03/2024)",
    "Ra quân dọn dẹp vệ sinh môi trường sau lũ tại các xã vùng trũng (10/03/2024)",
    "Số lượt người xem: 1.024",
])


def test_an_article_body_keeps_the_table_after_its_prose(analyzer):
    reader = analyzer.page_lines.classifier
    text, title = clean_page(TABLE_BODY, reader)
    for cell in ("Nhà bị ngập dưới 1 mét", "5.000.000", "Nhà bị sập hoàn toàn", "Mức hỗ trợ cụ thể như sau:"):
        assert cell in text.split("\n"), cell
    # Stories listed after it, under their heading, are not the article's, nor is the counter.
    text, _ = clean_page(TABLE_BODY + "\n" + RELATED_AFTER, reader)
    lines = text.split("\n")
    assert "Nhà bị sập hoàn toàn" in lines
    assert not any(x in lines for x in RELATED_AFTER.split("\n"))


def test_a_body_whose_lists_come_first_keeps_them(analyzer):
    """A recipe-like body: the short lines open the text, the prose closes it, and nothing follows."""
    body = "\n".join([
        "Canh chua cá lóc miền Tây",
        "Nguyên liệu:",
        "- 1 con cá lóc khoảng 800 gr", "- 200 gr bạc hà", "- 2 quả cà chua", "- 1 nắm giá đỗ",
        "Thực hiện:",
        "Cá làm sạch, cắt khúc vừa ăn, ướp với chút muối và tiêu trong khoảng mười lăm phút cho thấm.",
        "Đun sôi nước, cho me vào dầm lấy nước chua, nêm đường và nước mắm cho vừa miệng rồi cho cá vào.",
        "Khi cá chín, cho bạc hà, cà chua và giá vào, tắt bếp, rắc ngò gai và thưởng thức khi còn nóng.",
    ])
    text, _ = clean_page(body, analyzer.page_lines.classifier)
    for line in ("- 200 gr bạc hà", "- 1 nắm giá đỗ", "Nguyên liệu:"):
        assert line in text.split("\n"), line


def test_a_dump_with_a_header_above_gets_no_such_extension(analyzer, dump):
    """A page's dump opens with its site's header and menus: the lines after its article stay furniture."""
    text, _ = clean_page(dump + "\nMục lục\nTrang chủ\nGiới thiệu", analyzer.page_lines.classifier)
    lines = text.split("\n")
    assert not any(x in lines for x in ("Mục lục", "Giới thiệu", "TIN MỚI HƠN", "TIN ĐÃ ĐƯA"))


def test_a_table_between_the_headline_and_the_prose_stays_in_the_body(analyzer):
    """The table opens the body, its last cell just above the prose: a cell is neither furniture nor the
    headline, which is the body's first line."""
    headline = "Thành phố hỗ trợ người chăn nuôi có gia cầm phải tiêu hủy vì dịch bệnh"
    body = "\n".join([
        headline,
        "Ủy ban nhân dân thành phố vừa ban hành mức hỗ trợ cho người chăn nuôi có gia cầm buộc phải tiêu hủy.",
        "Mức hỗ trợ của thành phố",
        "Loại gia cầm", "Mức hỗ trợ (đồng/con)",
        "Gà, vịt dưới một tháng tuổi", "5.000",
        "Gà, vịt từ một tháng tuổi", "15.000",
        "Chim cút", "1.000",
        "Gà, vịt nuôi để lấy trứng",
        "Các hộ chăn nuôi quy mô nhỏ ở các quận, huyện ngoại thành được ưu tiên chi trả trước trong tháng này.",
        "Việc hỗ trợ đã được áp dụng với các hộ chăn nuôi quy mô lớn từ đầu tháng và sẽ tiếp tục đến hết dịch.",
        "Tại các tỉnh lân cận, việc tiêu hủy gia cầm cũng đang được tiến hành khẩn trương theo hướng dẫn của ngành.",
        "Tiêu hủy gia cầm ở các xã vùng dịch được tiến hành trong đêm (05/02/2024)",
        "Người dân được khuyến cáo không mua bán gia cầm không rõ nguồn gốc (04/02/2024)",
    ])
    text, title = clean_page(body, analyzer.page_lines.classifier)
    lines = text.split("\n")
    for cell in ("Loại gia cầm", "Chim cút", "15.000", "Gà, vịt nuôi để lấy trứng"):
        assert cell in lines, cell
    assert title == headline
    assert not any(line.endswith("(05/02/2024)") or line.endswith("(04/02/2024)") for line in lines)


# A body closing on a table of two value columns, with a total row, as statistics bodies end: the last cells are
# figures alone, shaped like a counter's digits, and the total's label like a counter's "Tổng".
FIGURES_BODY = "\n".join([
    "Kim ngạch xuất khẩu nông sản của tỉnh tăng mạnh trong năm qua",
    "Theo Sở Công Thương, kim ngạch xuất khẩu nông sản của tỉnh năm qua tăng gần một phần năm so với năm trước.",
    "Cà phê và hồ tiêu vẫn là hai mặt hàng chủ lực, chiếm hơn hai phần ba giá trị xuất khẩu của toàn tỉnh.",
    "Ngành dự báo năm nay giá cà phê tiếp tục ở mức cao nhờ nguồn cung thế giới giảm và nhu cầu tăng.",
    "Kim ngạch một số mặt hàng (triệu USD):",
    "Mặt hàng", "Năm trước", "Năm qua",
    "Cà phê", "412,5", "498,2",
    "Hồ tiêu", "96,1", "120,4",
    "Tổng", "508,6", "618,6",
])


def test_a_body_closing_on_a_table_keeps_its_last_figures_and_total(analyzer):
    text, title = clean_page(FIGURES_BODY, analyzer.page_lines.classifier)
    lines = text.split("\n")
    for cell in ("Hồ tiêu", "120,4", "Tổng", "508,6", "618,6"):
        assert cell in lines, cell
    assert title == FIGURES_BODY.split("\n")[0]


def test_a_lone_counter_under_a_body_is_still_dropped(analyzer):
    """One figure under prose is a counter, not a table's cell; so are a counter's label and digits."""
    prose = FIGURES_BODY.split("\n")[:4]
    for tail in (["1.024"], ["Số lượt xem:", "1.024"], ["Tổng", "1.024"]):
        text, _ = clean_page("\n".join(prose + tail), analyzer.page_lines.classifier)
        assert not set(tail) & set(text.split("\n")), tail
        assert prose[3] in text.split("\n")


def test_a_dateline_headline_and_an_interviewers_thanks_stay_at_the_edges(analyzer):
    """A headline opening on its date and a closing "PV:" line are the body's, though shaped like a stamp and a
    byline; a date stamp above them is not."""
    headline = "Ngày 8-12, ga Đà Nẵng bán vé tàu tết"
    body = "\n".join([
        "Thứ năm, ngày 05/12/2024 08:51",
        headline,
        "Theo lãnh đạo ga, ngành đường sắt đã quyết định tăng cường thêm hai đoàn tàu trong dịp tết năm nay.",
        "- Thưa ông, hành khách có thể mua vé qua mạng từ ngày nào và cần những giấy tờ gì khi lên tàu?",
        "- Hành khách có thể đặt vé trực tuyến từ ngày mở bán và chỉ cần mang theo giấy tờ tùy thân khi lên tàu.",
        "PV: Xin trân trọng cảm ơn ông về cuộc trao đổi này.",
    ])
    text, title = clean_page(body, analyzer.page_lines.classifier)
    lines = text.split("\n") + [title]
    assert headline in lines
    assert "PV: Xin trân trọng cảm ơn ông về cuộc trao đổi này." in lines
    assert "Thứ năm, ngày 05/12/2024 08:51" not in lines


def test_a_schedule_in_a_body_does_not_close_it(analyzer):
    """A body's schedule: days that head their matches ("Ngày 22/9:") and fixtures between dashes are shaped like
    stamps and breadcrumbs, but the body goes on through them to its last line; its credit stays too."""
    body = "\n".join([
        "Đội tuyển U23 Việt Nam bước vào giải giao hữu quốc tế với nhiều gương mặt mới",
        "Chiều qua, đội tuyển U23 Việt Nam đã có buổi tập cuối cùng trước khi bước vào giải giao hữu quốc tế.",
        "Ban huấn luyện cho biết toàn đội đều đảm bảo thể lực và sẵn sàng cho trận ra quân vào cuối tuần này.",
        "Lịch thi đấu của giải:",
        "Ngày 20/9:",
        "U21 Syria - Sinh viên Hàn Quốc",
        "U23 Việt Nam - U23 Bulgaria",
        "Ngày 22/9:",
        "Sinh viên Hàn Quốc - U23 Bulgaria - Sân Thống Nhất",
        "U23 Việt Nam - U21 Syria",
        "Trợ lý: Nguyễn Văn Hùng, Trần Minh Đức",
    ])
    text, _ = clean_page(body, analyzer.page_lines.classifier)
    lines = text.split("\n")
    for line in ("Ngày 22/9:", "Sinh viên Hàn Quốc - U23 Bulgaria - Sân Thống Nhất", "U23 Việt Nam - U21 Syria"):
        assert line in lines, line



@pytest.mark.parametrize("table, last_cells", [
    # one value a row: the last row's single figure follows the figures of the rows above it
    (["Sản lượng một số cây trồng (nghìn tấn):", "Cà phê", "412,5", "Hồ tiêu", "96,1", "Hạt điều", "20,3"],
     ["Hạt điều", "20,3"]),
    # a header row of years, then the figures under them: nothing but words just above the figures
    (["Số hộ nghèo qua các năm:", "Năm 2021", "Năm 2022", "Năm 2023", "1.245", "1.020", "876"],
     ["1.245", "1.020", "876"]),
])
def test_a_body_keeps_the_figures_its_table_ends_on(analyzer, table, last_cells):
    prose = FIGURES_BODY.split("\n")[:4]
    text, _ = clean_page("\n".join(prose + table), analyzer.page_lines.classifier)
    lines = text.split("\n")
    for cell in last_cells:
        assert cell in lines, cell
