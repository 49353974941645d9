from nlp_service.text.furniture import strip_furniture

ARTICLE = (
    "Sáng 11/3, Ủy ban nhân dân huyện tổ chức hội nghị tổng kết công tác cải cách hành chính năm 2023 và triển khai nhiệm vụ năm 2024.\n"
    "Năm qua, tỷ lệ hồ sơ giải quyết đúng hạn của huyện đạt 98,6%, cao hơn năm trước 2,1 điểm phần trăm."
)


def test_counters_date_lines_and_share_links_are_removed():
    page = "\n".join([
        "Thứ Ba, 12/03/2024 08:45", ARTICLE, "Số lượt người xem: 1523", "In bài", "Gửi email", "Chia sẻ",
        "Đang truy cập: 27", "Hôm nay: 1.204", "Tổng lượt truy cập: 2.345.678",
    ])
    assert strip_furniture(page) == ARTICLE


def test_menu_runs_and_breadcrumbs_are_removed():
    page = "\n".join(["Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Liên hệ",
                      "Trang chủ » Tin tức » Cải cách hành chính", ARTICLE])
    assert strip_furniture(page) == ARTICLE


def test_related_news_lists_are_cut_but_later_article_text_stays():
    page = "\n".join([
        ARTICLE, "TIN MỚI HƠN", "Hội nghị triển khai nhiệm vụ ngành giáo dục (12/03/2024)",
        "Ngày hội văn hóa các dân tộc (10/03/2024)", "TIN ĐÃ ĐƯA", "Kiểm tra phòng cháy tại chợ (05/03/2024)",
    ])
    assert strip_furniture(page) == ARTICLE


def test_trailing_bylines_and_signatures_are_removed():
    for byline in ("Phòng Nội vụ huyện", "Nguyễn Minh Anh", "PV", "Theo TTXVN", "Minh Châu (tổng hợp)"):
        assert strip_furniture(ARTICLE + "\n" + byline) == ARTICLE, byline


def test_captions_are_removed_anywhere():
    page = ARTICLE.replace("\n", "\nẢnh: Lãnh đạo huyện trao giấy khen cho các tập thể.\n")
    assert strip_furniture(page) == ARTICLE


def test_short_real_paragraphs_and_headlines_survive():
    page = "Hà Nội mưa lớn, nhiều tuyến phố ngập sâu\n" + ARTICLE + "\nNgười dân được khuyến cáo hạn chế ra đường."
    assert strip_furniture(page) == page


def test_empty_text_stays_empty():
    assert strip_furniture("") == ""


def test_copyright_and_licence_footers_are_removed():
    for footer in ("Bản quyền thuộc Ủy ban nhân dân huyện Đắk Mil", "© 2024 Cổng thông tin điện tử tỉnh Bình Phước",
                   "Copyright © 2023 Báo Lao Động. All rights reserved.",
                   "Cơ quan chủ quản: UBND huyện. Giấy phép số 12/GP-TTĐT do Sở Thông tin và Truyền thông cấp",
                   "Ghi rõ nguồn 'Cổng thông tin điện tử huyện' khi phát hành lại thông tin từ website này.",
                   "Giấy phép xuất bản số 36/GP-TTĐT do Sở Thông tin và Truyền thông tỉnh Đồng Nai cấp",
                   "Giấy phép hoạt động báo chí điện tử số 548/GP-BTTTT", "Bản quyền của Báo Nhân Dân",
                   "Bản quyền: Sở Tư pháp tỉnh Quảng Nam", "Toàn bộ bản quyền thuộc Báo điện tử Dân Trí.",
                   "Bản quyền thông tin thuộc về Cổng Thông tin điện tử Chính phủ.",
                   "Khi phát hành lại thông tin từ Cổng này, đề nghị ghi rõ nguồn \"Cổng TTĐT tỉnh Lâm Đồng\".",
                   "Chịu trách nhiệm nội dung: Chánh Văn phòng UBND huyện"):
        assert strip_furniture(ARTICLE + "\n" + footer) == ARTICLE, footer


def test_paragraphs_about_copyright_are_the_article():
    page = "\n".join([
        "Hát quốc ca ở sân vận động cũng phải trả tiền bản quyền",
        ARTICLE,
        "Theo Cục Bản quyền tác giả, năm nay đã có 120 vụ vi phạm bản quyền phần mềm bị xử lý, tăng gấp đôi năm trước.",
        "Bản quyền thuộc về ai khi trí tuệ nhân tạo tạo ra tác phẩm?",
        "Bản quyền của nhạc sĩ Trịnh Công Sơn bị xâm phạm",
        "Theo giấy phép số 1234/GP-BTNMT, doanh nghiệp chỉ được khai thác cát ở khu vực đã được cấp phép.",
        "Nhãn hàng phải ghi rõ nguồn gốc xuất xứ của sản phẩm nhập khẩu.",
        "(c) = điểm chứng chỉ tiếng Anh quốc tế quy theo thang điểm 10",
        "Chịu trách nhiệm trước pháp luật về số liệu báo cáo là người đứng đầu cơ quan.",
    ])
    assert strip_furniture(page) == page


def test_a_headline_ending_on_its_date_is_not_a_date_stamp():
    from nlp_service.text.furniture import is_furniture

    for headline in ("Kết quả tiếp công dân tuần 1 tháng 7 năm 2019", "Lịch tiếp công dân của Chủ tịch UBND huyện "
                     "ngày 5 tháng 6 năm 2019"):
        assert not is_furniture(headline), headline
    for stamp in ("Tin hoạt động 14 Tháng Ba 2023 10:15:00 CH", "Thứ năm, ngày 14 tháng 3 năm 2023",
                  "Cập nhật 14 tháng 3, 2023 10:15 SA", "Tin hoạt động 14 Tháng Ba 2023"):
        assert is_furniture(stamp), stamp


def test_lines_shaped_like_stamps_bylines_or_crumbs_that_read_on_as_sentences():
    from nlp_service.text.furniture import is_furniture, reads_on

    sentences = [
        "Ngày 8-12, ga Đà Nẵng bán vé tàu tết",
        "Ngày 19-4-2006, Đại hội tiếp tục làm việc",
        "PV: Xin trân trọng cảm ơn ông về cuộc trao đổi này.",
        "Ông Trần Văn Nam - giám đốc sở - đã ký quyết định",
    ]
    for line in sentences:
        assert is_furniture(line) and reads_on(line), line  # the rules still drop them; page reading keeps them
    furniture = [
        "Ngày 28-4-2006", "Thứ năm, ngày 08/08/2019 08:51", "Ngày đăng: 12/03/2023 | Lượt xem: 120",
        "Ngày 12/3/2024 - Đăng bởi quản trị viên", "Thứ sáu, 12/03/2024, 10:15 (GMT+7)", "PV: Nguyễn Văn An",
        "Trang chủ » Tin tức » Hoạt động", "Trang chủ | giới thiệu | liên hệ", "M.KHÁNH - T. PHÙNG - K.HƯNG",
    ]
    for line in furniture:
        assert not reads_on(line), line
