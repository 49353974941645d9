"""A page's article and headline, read line by line by the page-line classifier.

HTML is read as blocks with their DOM statistics, plain text as its lines; the classifier
(:mod:`nlp_service.text.page_lines`) keeps the article's stretch and names the headline.
Furniture-shaped lines (:func:`is_furniture`) that open or close the stretch are dropped (a date
stamp, a view counter, share links); inside it they stay (a table's "Ngày xử lý: 3/7/2019"
cells, a source line before a closing paragraph), since they are the article's own: dropping
them too cost held-out pages a twentieth of their paragraphs and no precision
(``benchmarks/bench_pages.py``). The summarizers never quote them
(:func:`nlp_service.summarize.base.eligible`). A plain text whose every line is a long sentence
has nothing to remove and is read as it is, without the classifier.

Where a page's <title> opens with a line at the top of the article ("Headline - Site name"), that
line is the headline; when the classifier names none, a headline-shaped line opening the article
or just above it is taken; a breadcrumb or a stamp never is.
When it keeps nothing (a one-line note, a page of fragments) the hand line rules of
:mod:`nlp_service.text.furniture` decide instead, so no text that was answered before is refused.
"""

from __future__ import annotations

import html
import re

from nlp_service.text.furniture import dashed, is_furniture as _shaped_furniture, opens_related, reads_on
from nlp_service.text.page_blocks import Block, html_blocks, normalize_line, text_blocks
from nlp_service.text.page_features import LEVELS, ends_on_date
from nlp_service.text.page_lines import PageLineClassifier

_TITLE = re.compile(r"<title[^>]*>(.*?)</title", re.I | re.S)
TITLE_SCAN = 50_000  # <title> sits in <head>, near the top; never scan a whole large page for it
HEADLINE_REACH = 5  # lines above the article where a headline stands (a date or category line between)
MIN_HEADLINE = 15  # shorter lines ("Tin tức") open many titles by chance
HEADLINE_WORDS = (5, 40)  # Vietnamese headlines run about 8 to 25 syllables; menu items are shorter
_SENTENCE_END = re.compile(r"[.!?…:;]\W{0,2}$")
_DATED_HEADING = re.compile(r"\d\s*:$")  # "Ngày 22/9:", "Chủ nhật 30-10:": a date with a colon introduces lines
# Furniture lines are short or unpunctuated; a text whose every line is a sentence this long is read as it is
# (half of vietnews test bodies, which then skip the classifier's 3 ms).
PROSE_WORDS = 8
# A table flattened one cell per line has a figure every few lines: a row is a label and one to three values.
TABLE_RHYTHM = 4


def is_furniture(text: str) -> bool:
    """Furniture at an article's edges: a furniture-shaped line, unless it reads on as a sentence (:func:`reads_on`)."""
    return _shaped_furniture(text) and not reads_on(text)


def title_tag(raw: str) -> str | None:
    found = _TITLE.search(raw[:TITLE_SCAN])
    return normalize_line(html.unescape(re.sub(r"<[^>]*>", " ", found.group(1)))) if found else None


def _named_by_title(blocks: list[Block], article: list[int], title: str | None) -> int | None:
    """The block just above or at the top of the article that the page's <title> opens with, if any."""
    if not title or not article:
        return None
    for i in range(max(article[0] - HEADLINE_REACH, 0), article[0] + 1):
        text = blocks[i].text
        if len(text) >= MIN_HEADLINE and title.startswith(text):
            return i
    return None


def _headline_shaped(text: str) -> bool:
    words = len(text.split())
    letters = [c for c in text if c.isalpha()]
    return (HEADLINE_WORDS[0] <= words <= HEADLINE_WORDS[1] and not _SENTENCE_END.search(text)
            and not is_furniture(text) and sum(map(str.isupper, letters)) < 0.8 * len(letters))


def _headline_above(blocks: list[Block], article: list[int]) -> int | None:
    """When the classifier names no headline: the headline-shaped line that opens the article or stands just
    above it (date and category stamps between are skipped), as portals print them."""
    if len(article) < 2:
        return None
    following = next((blocks[i].text for i in article[1:] if not is_furniture(blocks[i].text)), "")
    if _headline_shaped(blocks[article[0]].text) and _SENTENCE_END.search(following):  # a date line between
        return article[0]
    for i in range(article[0] - 1, max(article[0] - HEADLINE_REACH, 0) - 1, -1):
        if not is_furniture(blocks[i].text):
            return i if _headline_shaped(blocks[i].text) else None
    return None


def _trimmed(blocks: list[Block], article: list[int], body: bool = False) -> list[int]:
    """``article`` less the furniture-shaped lines that open or close it (a date stamp above the body, a view
    counter or share links under it); inside, such lines are the article's own (a table's dates) and stay, and so
    do the last cells of a table that closes it (:func:`_table_tail`)."""
    start, end = 0, len(article)
    while start < end and is_furniture(blocks[article[start]].text):
        start += 1
    tail = end
    while tail > start and is_furniture(blocks[article[tail - 1]].text):
        tail -= 1
    if not _table_tail(blocks, article[start:tail], article[tail:end], body):
        end = tail
    return article[start:end]


def _letterless(text: str) -> bool:
    return not any(c.isalpha() for c in text)


def _table_tail(blocks: list[Block], kept: list[int], tail: list[int], body: bool) -> bool:
    """Whether the furniture-shaped lines closing an article are the last cells of a table flattened one cell per
    line ("Dân số (triệu người)", "80,6", "1,2"): some are figures alone and, among the ``TABLE_RHYTHM`` lines just
    above them, so is another cell; or, in a text known to be an article body (:func:`_whole_body`), two or more
    of them are figures (a column of percentages). A counter or a date stamp under a page's article follows its
    prose or its byline, and is one line."""
    if not tail or not kept:
        return False
    figures = sum(_letterless(blocks[i].text) for i in tail)
    return figures > 0 and (any(_letterless(blocks[i].text) for i in kept[-TABLE_RHYTHM:]) or body and figures > 1)


def _closes_body(blocks: list[Block], i: int) -> bool:
    """Whether line ``i`` is one after which an article body's own lines are over: the heading of a list of other
    stories, another story's dated headline, or furniture with words in it (a copyright, "Số lượt xem: 120", share
    links). Lines of digits alone are not among them: a table's cells are digits as often as a counter's are. Nor
    are a row's label between figures ("Tổng" in "100", "Tổng", "4.863"), which a counter's label is only when it
    follows the article's own figures, something a body does not end with; items between dashes (fixtures, names,
    which a footer's menu sets between bars); a date that heads what follows ("Ngày 22/9:", a schedule's day)."""
    text = blocks[i].text
    if opens_related(text) or ends_on_date(text):
        return True
    if not is_furniture(text) or _letterless(text) or dashed(text) or _DATED_HEADING.search(text):
        return False
    return not (0 < i < len(blocks) - 1 and _letterless(blocks[i - 1].text) and _letterless(blocks[i + 1].text))


def _whole_body(blocks: list[Block], article: list[int], headline: int | None) -> tuple[list[int], int | None, bool]:
    """For a plain text that is an article body rather than a page's dump: the stretch with the body's own
    short lines around it.

    A dump opens with its site's header and menus and closes with sidebars and a footer. A body has at most the
    headline above the stretch, or nothing but closing lines below it (:func:`_closes_body`: related stories, a
    copyright, a counter). The classifier reads the short lines next to the stretch as furniture, because in a
    dump such runs are sidebars. In a body they are the article's own: a table flattened one cell per line (a
    prize list, a timetable), a recipe's ingredients, a run of photo captions.

    When nothing but the headline is above, the stretch runs on down to the first closing line. When nothing
    but closing lines is below, it runs on up to the top or to a furniture line with words (a date stamp, a
    breadcrumb); a headline the classifier named on the way, below the top, was one of those short lines (a
    table's cell just above the prose) and is dropped, for the headline to be found above the whole body.
    A stretch without a line of prose is no article to extend. Returns the lines, the headline, and whether the
    text opens with the body (nothing but the headline above it)."""
    if not any(_is_prose(blocks[i]) for i in article):
        return article, headline, False
    first, last = article[0], article[-1]
    opens = first <= (1 if headline == 0 else 0)
    if opens:
        while last + 1 < len(blocks) and not _closes_body(blocks, last + 1):
            last += 1
    if all(_closes_body(blocks, i) or _letterless(blocks[i].text) for i in range(last + 1, len(blocks))):
        while first > 0 and not _closes_body(blocks, first - 1):
            first -= 1
        if headline is not None and first < headline < article[0]:
            headline = None
    lines = sorted(set(article) | set(range(first, article[0])) | set(range(article[-1] + 1, last + 1)))
    return lines, headline, opens


def _is_prose(block: Block) -> bool:
    return len(block.text.split()) >= PROSE_WORDS and bool(_SENTENCE_END.search(block.text))


def _all_prose(blocks: list[Block]) -> bool:
    """Whether every line is a sentence-ending line of ``PROSE_WORDS`` words or more: a clean article, with no line
    shaped like a menu item, a stamp, a counter or a headline, so nothing for the classifier to remove."""
    return all(map(_is_prose, blocks))


def read_page(raw: str, reader: PageLineClassifier, is_html: bool) -> tuple[list[str], str | None] | None:
    """(article lines, headline or None), or None when the classifier keeps no line."""
    blocks = html_blocks(raw, LEVELS) if is_html else []
    if not blocks:
        blocks = text_blocks(raw)
    if not is_html and blocks and _all_prose(blocks):
        kept = _trimmed(blocks, list(range(len(blocks))))
        if kept:
            return [blocks[i].text for i in kept], None
    reading = reader.read(blocks)
    article = reading.article
    headline = _named_by_title(blocks, article, title_tag(raw) if is_html else None)
    if headline is None and reading.headline is not None and not is_furniture(blocks[reading.headline].text):
        headline = reading.headline  # a breadcrumb or a date stamp is never the headline, whatever it scored
    body = False
    if not is_html:  # before a headline is guessed: a body's own short lines are not headlines above it
        article, headline, body = _whole_body(blocks, article, headline)
    if headline is None:
        headline = _headline_above(blocks, article)
    lines = [blocks[i].text for i in _trimmed(blocks, [i for i in article if i != headline], body)]
    if not lines:
        return None
    return lines, (blocks[headline].text if headline is not None else None)
