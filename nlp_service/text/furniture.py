"""Line rules that remove the furniture of scraped news and portal pages.

Each line of a page is judged on its own shape (a counter, a date stamp, a share
link, a caption) or on its neighbours (a run of short menu items, a related-news
list after "Tin mới hơn", a byline at the very end). The rules are general: they
name kinds of lines, never particular sites.
"""

from __future__ import annotations

import re

_I = re.I | re.U
# Who a footer names as the owner: a paper, a portal, an agency.
_PUBLISHER = (r"(báo|cổng|trang|tạp chí|đài|sở|ban|bộ|ubnd|ủy ban|uỷ ban|văn phòng|trung tâm|công ty|cơ quan|"
              r"website|huyện|tỉnh|thành phố|tp)\b")

# Whole-line furniture, whatever its neighbours.
_FURNITURE_LINE = [
    re.compile(p, _I)
    for p in (
        r"^[\d\s.,:;/|()\-–—+*#%]+$",  # counters, digit runs, bare dates
        r"^(số )?lượt (người )?(xem|truy cập|đọc)\b",
        r"^(đang (truy cập|online|trực tuyến)|trực tuyến|online|hôm nay|hôm qua|tuần này|tháng này|"
        r"tổng( số)? (lượt )?truy cập|tổng|lượt truy cập|khách|thành viên)\s*[:：]?\s*[\d.,\s]*$",
        r"^(ngày|thứ [a-zà-ỹ0-9]+|chủ nhật|cập nhật|đăng|ngày đăng|ngày cập nhật|thời gian|"
        r"ngày xuất bản|xuất bản)\b[^.!?]{0,60}\d{1,2}[/.\-]\d{1,2}([/.\-]\d{2,4})?[^.!?]{0,30}$",
        r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}([\s,|\-–]+\d{1,2}[:h]\d{2}\S*)?(\s*(am|pm|gmt[+\d:]*))?\s*$",
        r"^(in bài|bản in|in trang|gửi (bài|email|cho bạn bè)|chia sẻ|share|lưu bài|về đầu trang|"
        r"quay (lại|về)|trở về|xem thêm|đọc tiếp|bình luận|ý kiến bạn đọc|phản hồi|tweet|like|"
        r"facebook|zalo|twitter|email|print|top|đầu trang|trang chủ|cỡ chữ|font)\b[\s\W]*"
        r"((in bài|bản in|chia sẻ|gửi|email|facebook|zalo|twitter|print|top|lưu|bình luận)\b[\s\W]*)*$",
        r"^(ảnh|ảnh minh họa|ảnh minh hoạ|photo|video|nguồn ảnh|clip)\s*[:：].{0,160}$",
        r"^(nguồn|tác giả|người viết|theo|biên tập|phóng viên|pv|btv|ctv)\s*[:：].{0,80}$",
        r"^(từ khóa|từ khoá|tags?|chủ đề|danh mục|chuyên mục)\s*[:：]",
        # Copyright, licence and masthead footers open with the notice or carry a mark; a line that only
        # mentions copyright ("vi phạm bản quyền phần mềm", "Bản quyền thuộc về ai...?") is the article's.
        rf"^(toàn bộ )?bản quyền( (thông tin|nội dung))?\s*(thuộc|©|\(c\)|\d{{4}}|[:：]|của {_PUBLISHER})"
        r"[^?]{0,200}$",
        r"^(©|\(c\)\s*\d{4}|copyright\s*(©|\(c\)|\d{4}|by\b)).{0,200}$",
        r"^.{0,200}(©|\ball rights reserved\b|\bghi rõ nguồn\b(?!\s*gốc)).{0,200}$",
        r"^(giấy phép[^\d\n]{0,60}số\s*[:：]?\s*\d+\s*/\s*gp|(cơ quan chủ quản|chịu trách nhiệm( (nội dung|xuất bản))?|"
        r"tổng biên tập|trưởng ban biên tập|đơn vị quản lý)\s*[:：]).{0,200}$",
        r"^(đánh giá|bình chọn|rating)\b.{0,40}$",
        # Category-and-date stamps with the month in words or a 12-hour clock ("Tin hoạt động 14 Tháng Ba 2023
        # 10:15:00 CH"): a short line that is a date and a time, whatever words precede them.
        # With a time the words before the date may be a category; without one, at most three words ("Thứ năm,
        # ngày"), so that a headline ending on its date ("Kết quả tiếp công dân tuần 1 tháng 7 năm 2019") stays.
        r"^[^.!?]{0,40}\b\d{1,2},?\s+tháng\s+(một|hai|ba|tư|năm|sáu|bảy|tám|chín|mười|mười một|mười hai|\d{1,2}),?"
        r"\s+(năm\s+)?\d{4}\b[\s,|\-–]*\d{1,2}:\d{2}(:\d{2})?\s*(sa|ch|am|pm)?\s*$",
        r"^([^\s.!?]+,?\s+){0,3}\d{1,2},?\s+tháng\s+(một|hai|ba|tư|năm|sáu|bảy|tám|chín|mười|mười một|mười hai|"
        r"\d{1,2}),?\s+(năm\s+)?\d{4}\s*$",
        r"^[^.!?]{0,40}\b\d{1,2}[/.\- ]\d{1,2}[/.\- ]\d{4}[\s,]+\d{1,2}:\d{2}(:\d{2})?\s*(SA|CH|AM|PM)\s*$",
        r"^(thứ (hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật)\s*,?\s*[\d\s/.\-:,]+$",  # "thứ năm, 08 08 2019 08:51"
        r"^(cổng thông tin|trang thông tin|báo điện tử|website)\b[^.!?]{0,80}$",  # site names
    )
]
# A separator-laden line: breadcrumbs ("Trang chủ » Tin tức") and inline menus ("A | B | C").
_SEPARATORS = re.compile(r"\s(»|›|>|\||/|•|·|-|–)\s")
# Headings that open a list of other articles: everything after them is link lists.
_RELATED = re.compile(
    r"^(tin (mới hơn|đã đưa|cũ hơn|khác|liên quan|cùng chuyên mục|mới|đọc nhiều|nổi bật|xem nhiều)|"
    r"các tin (khác|đã đưa|mới hơn|liên quan)|bài (viết )?(liên quan|khác|cùng chuyên mục)|"
    r"xem (thêm|tiếp) các tin|tin tức liên quan|có thể bạn quan tâm|đọc thêm|bài đọc nhiều)\b[\s:.\W]*$",
    _I,
)
_BYLINE_HINT = re.compile(
    r"^((theo|nguồn)\s.+|.*\((tổng hợp|theo .+|ttxvn|vna|pv|ctv|btv|st|sưu tầm)\)|"
    r"(phòng|ban|văn phòng|trung tâm|ubnd|ủy ban|đài|cổng thông tin|sở|bộ phận|tổ)\s.+)\s*$",
    _I,
)
_SENTENCE_END = re.compile(r"[.!?…:;\"”»)]$")
_MENU_WORDS = 5  # a menu item is a few words; the shortest real paragraphs are longer sentences
_BYLINE_WORDS = 10


def _words(line: str) -> int:
    return len(line.split())


def is_furniture(line: str) -> bool:
    """Whether one line, on its own shape, is page furniture (a counter, a date stamp, a share link...)."""
    if any(p.match(line) for p in _FURNITURE_LINE):
        return True
    # Breadcrumbs and inline menus: several separators between short items.
    parts = _SEPARATORS.split(line)
    items = parts[::2]
    if len(items) >= 3 and all(_words(i) <= _MENU_WORDS for i in items) and not _SENTENCE_END.search(line):
        return True
    return False


# A dateline's opening: a stamp's word and a date, then the comma or colon of a sentence going on ("Ngày 8-12,"),
# where a stamp goes on, if at all, with a separator ("| Lượt xem", "- Đăng bởi") or a clock.
_STAMP_OPENING = re.compile(r"^(ngày|thứ [a-zà-ỹ0-9]+|chủ nhật|cập nhật|đăng|ngày đăng|ngày cập nhật|thời gian|"
                            r"ngày xuất bản|xuất bản)\b[^.!?]{0,20}?\d{1,2}[/.\-]\d{1,2}([/.\-]\d{2,4})?\s*[,:]", _I)
_REPORTER = re.compile(r"^(pv|phóng viên)\s*[:：]\s*", _I)
_READS_ON_WORDS = 4  # a stamp has at most a clock, "lúc", "GMT+7" or a view count after its date
_QUESTION_WORDS = 6  # a reporter's byline is a name; a question or a thanks is a sentence


def reads_on(line: str) -> bool:
    """Whether a line shaped like a stamp, a byline or a breadcrumb reads on as the article's own sentence: a date
    opening a dateline or a headline ("Ngày 8-12, ga Đà Nẵng bán vé tàu tết"), an interviewer's question or thanks
    ("PV: Xin trân trọng cảm ơn ông."), a headline with dashes. Page reading keeps such lines at an article's edges; the line rules
    (:func:`is_furniture`), which also clean the training text, are left as they are."""
    stamp = _STAMP_OPENING.match(line)
    if stamp and len(re.findall(r"[^\W\d_]+", line[stamp.end():])) >= _READS_ON_WORDS:
        return True
    reporter = _REPORTER.match(line)
    if reporter and _words(line[reporter.end():]) >= _QUESTION_WORDS and re.search(r"[.?!…]$", line):
        return True
    # A menu's items are names, each capitalised, between bars or chevrons as often as dashes; a headline's dashes
    # set off a phrase that goes on in lower case ("Michael Yu - tổng giám đốc SITC - đã bị bắt").
    return dashed(line) and any(item[:1].islower() for item in _SEPARATORS.split(line)[2::2])


def dashed(line: str) -> bool:
    """Whether a line is items between dashes alone, no bars or chevrons: fixtures ("Arsenal - Juventus"), names,
    a headline's aside; a breadcrumb's shape, but a body's own line as often."""
    parts = _SEPARATORS.split(line)
    return len(parts) >= 3 and all(sep in "-–" for sep in parts[1::2])


def opens_related(line: str) -> bool:
    """A heading that opens a list of other articles ("TIN MỚI HƠN", "Tin liên quan", "Bài cùng chuyên mục")."""
    return bool(_RELATED.match(line))


def _is_short_item(line: str) -> bool:
    return _words(line) <= _MENU_WORDS and not _SENTENCE_END.search(line)


def _drop_menus(lines: list[str]) -> list[str]:
    """Drop runs of three or more short, unpunctuated lines: menus, tag clouds, link lists."""
    keep = [True] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _is_short_item(lines[j]):
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                keep[k] = False
        i = max(j, i + 1)
    return [line for line, k in zip(lines, keep) if k]


def _cut_related(lines: list[str]) -> list[str]:
    """Cut a "Tin mới hơn"/"Tin đã đưa" heading and the headline list that follows it."""
    out: list[str] = []
    skipping = False
    for line in lines:
        if _RELATED.match(line):
            skipping = True
            continue
        if skipping and (_words(line) <= 40 and not re.search(r"[.!?…]\"?$", line) or re.search(r"\(\d{1,2}[/.\-]\d{1,2}", line)):
            continue  # a linked headline, often with its date in brackets
        skipping = False
        out.append(line)
    return out


def _is_name(line: str) -> bool:
    """A line of capitalised words only, as names and signatures are ("Trần Minh Anh - Hà Nội")."""
    words = [w for w in re.split(r"[\s,\-–/]+", line) if w]
    return 0 < len(words) <= 8 and all(w[0].isupper() or not w[0].isalpha() for w in words)


def _drop_trailing_bylines(lines: list[str]) -> list[str]:
    """Drop short name-like lines at the end: authors, department signatures, sources."""
    while lines:
        last = lines[-1]
        unpunctuated = not re.search(r"[.!?…]$", last.rstrip(")"))
        if _words(last) <= _BYLINE_WORDS and unpunctuated and (_BYLINE_HINT.match(last) or _is_name(last)):
            lines = lines[:-1]
            continue
        if _words(last) <= 3 and not re.search(r"[.!?…]$", last):
            lines = lines[:-1]  # a lone name or initials ("PV", "Minh Anh")
            continue
        break
    return lines


def strip_furniture(text: str) -> str:
    """Remove page furniture from ``text`` (one paragraph per line) and return the rest."""
    lines = [line for line in text.split("\n") if line and not is_furniture(line)]
    lines = _cut_related(lines)
    lines = _drop_menus(lines)
    lines = _drop_trailing_bylines(lines)
    return "\n".join(lines)
