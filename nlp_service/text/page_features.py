"""Features of a page's lines for the article/headline/furniture classifier.

Every feature names a kind of line, never a site: its length, how much of it is Vietnamese
function words (jusText's stop list, the cue of Pomikálek's 2011 boilerplate remover), its
shares of digits, capitals and punctuation, date and time shapes (numeric, month names,
"SA"/"CH"), caption, byline and link-text openings, where it sits among the page's prose,
whether the page repeats it, what its neighbours look like, and, for HTML, its link density,
tag, the share of the page's prose in its containers and jusText's main-content verdict
(:mod:`nlp_service.text.page_blocks`).
Plain text has no DOM: those columns are NaN, which the gradient-boosted trees route on.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

from nlp_service.text.page_blocks import PROSE_CHARS, STOPLIST, TAG_KINDS, Block

LEVELS = (1, 2, 3, 4, 6, 8)  # ancestors whose prose share is a feature: the cell, its row, its table...
STOPWORDS = STOPLIST
_I = re.I | re.U
_DATE = re.compile(r"\b\d{1,2}\s*[/.\-]\s*\d{1,2}(\s*[/.\-]\s*\d{2,4})?\b|\b\d{1,2} \d{1,2} \d{4}\b")
_TIME = re.compile(r"\b\d{1,2}\s*[:h]\s*\d{2}(:\d{2})?\b", _I)
_MONTH = re.compile(r"\btháng (một|hai|ba|tư|năm|sáu|bảy|tám|chín|mười|mười một|mười hai|giêng|chạp|\d{1,2})\b", _I)
_MERIDIEM = re.compile(r"\b(SA|CH|AM|PM|GMT)\b")
_WEEKDAY = re.compile(r"\b(thứ (hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật)\b", _I)
_CAPTION = re.compile(r"^(toàn cảnh|quang cảnh|các đại biểu|đại biểu|lãnh đạo|đồng chí|ảnh|hình|clip|video)\b", _I)
_BYLINE = re.compile(r"^(tin,? ảnh|tin và ảnh|tin:|bài,? ảnh|bài:|theo|nguồn|tác giả|pv|ctv|btv)\b", _I)
_LINK_TEXT = re.compile(r"\b(xem (chi tiết|thêm|tiếp)|tại đây|tải về|đọc tiếp|chi tiết)\b", _I)
_TRAILING_DATE = re.compile(r"\(\s*\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\s*\)\s*$")
_END = re.compile(r"[.!?…:;\"”»)]$")
_SYLLABLE = re.compile(r"[^\W\d_]+")


def ends_on_date(line: str) -> bool:
    """The shape of another story's headline in a list of them: "Headline (04/03/2004)"."""
    return bool(_TRAILING_DATE.search(line))


def _text_features(line: str) -> list[float]:
    n = len(line)
    syllables = _SYLLABLE.findall(line)
    words = len(syllables)
    # Character counts by map over str methods: the same counts as a generator per character, in a third of the
    # time (these sums were most of reading a page). No character is both alphanumeric and a space.
    letters = sum(map(str.isalpha, line))
    marks = n - sum(map(str.isalnum, line)) - sum(map(str.isspace, line))
    return [
        math.log1p(n), words, sum(map(len, syllables)) / words if words else 0.0,
        sum(s.lower() in STOPWORDS for s in syllables) / words if words else 0.0,
        sum(s[0].isupper() for s in syllables) / words if words else 0.0,
        sum(map(str.isupper, line)) / letters if letters else 0.0,
        sum(map(str.isdigit, line)) / n, marks / n,
        float(bool(_END.search(line))), float(line.endswith(".")), line.count(",") + line.count(";"),
        float(bool(_DATE.search(line))), float(bool(_TIME.search(line))), float(bool(_MONTH.search(line))),
        float(bool(_MERIDIEM.search(line))), float(bool(_WEEKDAY.search(line))), float(bool(_CAPTION.match(line))),
        float(bool(_BYLINE.match(line))), float(bool(_LINK_TEXT.search(line))),
        float(ends_on_date(line)), float(letters == 0),
    ]


def _dom_features(block: Block) -> list[float]:
    d = block.dom
    if d is None:
        return [math.nan] * (6 + len(TAG_KINDS) + len(LEVELS))
    return [d.link_chars / len(block.text), float(d.in_list), float(d.in_heading),
            float(d.link_chars == len(block.text)), max(d.shares, default=0.0), d.in_main,
            *(float(d.tag == k) for k in TAG_KINDS), *d.shares]


def _is_prose(line: str) -> bool:
    return len(line) >= PROSE_CHARS and bool(_END.search(line))


def _page_features(lines: list[str]) -> np.ndarray:
    """Per line: position, prose around it and before it, and repetition within the page."""
    n = len(lines)
    prose = np.array([len(x) if _is_prose(x) else 0 for x in lines], dtype=float)
    total = prose.sum() or 1.0
    before = (np.cumsum(prose) - prose) / total
    counts = Counter(lines)
    firsts = Counter(x[:60] for x in lines)  # a headline repeated in a sidebar with its date appended
    rows = []
    for i, line in enumerate(lines):
        window = prose[max(i - 5, 0): i + 6].sum() / total
        rows.append([i / n, before[i], 1.0 - before[i] - prose[i] / total, window,
                     counts[line] - 1, firsts[line[:60]] - 1])
    return np.array(rows, dtype=float).reshape(n, 6)


def features(blocks: list[Block]) -> np.ndarray:
    """The feature matrix of a page's blocks (one row per block), neighbours' text features included."""
    if not blocks:
        return np.zeros((0, 0))
    lines = [b.text for b in blocks]
    own = np.array([_text_features(x) for x in lines], dtype=float)
    dom = np.array([_dom_features(b) for b in blocks], dtype=float)
    context = []
    for shift in (-2, -1, 1, 2):  # the neighbours' length, end and function-word share
        shifted = np.full((len(lines), 3), math.nan)
        src = own[:, [0, 8, 3]]
        if shift < 0:
            shifted[-shift:] = src[:shift]
        else:
            shifted[:-shift] = src[shift:]
        context.append(shifted)
    return np.hstack([own, dom, _page_features(lines), *context])


def second_stage(x: np.ndarray, headline: int | None, inside: list[float]) -> np.ndarray:
    """``x`` with each line's offset from the headline (NaN: none found) and whether it is in the article's
    container (:func:`nlp_service.text.page_blocks.inside_container`)."""
    n = x.shape[0]
    if headline is None:
        offset = np.full((n, 1), math.nan)
    else:
        offset = np.clip(np.arange(n) - headline, -50, 200).reshape(n, 1).astype(float)
    return np.hstack([x, offset, np.array(inside, dtype=float).reshape(n, 1)])
