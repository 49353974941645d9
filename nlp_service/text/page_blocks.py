"""A page as a list of text blocks (lines), with what the DOM says about each.

HTML is walked once with lxml: every block-level element closes the running block, so
each block is the text one reader would see on one line. For each block we keep how much
of its text sits inside links and the chain of its ancestors; from the chains,
:func:`container_shares` tells what share of the page's running prose (long, mostly
unlinked blocks) lives in the same container, the signal boilerplate removers since
Kohlschütter et al. (2010) build on: the article is the container that holds the prose.
Each block also says whether jusText (Pomikálek's boilerplate remover: paragraphs classified by
length, link density and stop-word density, then by their neighbours, with its Vietnamese stop
list) keeps it as the page's main content: a well-kept extractor's verdict that the classifier
weighs with the rest.
Plain text gives blocks with no DOM at all (``dom`` is ``None``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

import justext
import lxml.etree
import lxml.html

BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul caption".split()
)
SKIP_TAGS = frozenset("script style noscript template iframe svg canvas button select option head".split())
TAG_KINDS = ("p", "td", "div", "li", "h", "span", "other")  # the innermost block's kind, one feature each
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
PROSE_CHARS = 80  # a block this long with few links is running prose, not a menu item or a headline
PROSE_LINK_SHARE = 0.3
STOPLIST = justext.get_stoplist("Vietnamese")  # lower-case words; the function-word feature reads it too
MAIN_MATCH = 20  # a line this long found inside a main-content paragraph is part of it (shorter ones match by chance)


def normalize_line(text: str) -> str:
    """NFC, invisible characters dropped, spaces folded: the form every line is compared in."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).translate(_INVISIBLE)).strip()


@dataclass
class Dom:
    link_chars: int
    tag: str
    depth: int
    ancestors: tuple[int, ...]  # the enclosing elements (numbered in document order), outermost first
    in_list: bool
    in_heading: bool
    shares: tuple[float, ...] = field(default=())  # container_shares, filled once the page is read
    in_main: float = math.nan  # 1.0 when jusText keeps the line as main content, 0.0 if not, NaN: no verdict


@dataclass
class Block:
    text: str
    dom: Dom | None = None


def _kind(tag: str) -> str:
    if tag in TAG_KINDS:
        return tag
    return "h" if re.fullmatch(r"h[1-6]", tag) else ("span" if tag in ("span", "b", "strong", "em", "i") else "other")


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pieces: list[str] = []
        self.link_chars = 0
        self.entered = 0

    def flush(self, path: list) -> None:
        text = normalize_line("".join(self.pieces))
        if text:
            tags = [tag for tag, _ in path]
            block_tags = [t for t in tags if t in BLOCK_TAGS and t != "br"] or ["other"]
            dom = Dom(min(self.link_chars, len(text)), _kind(block_tags[-1]), len(path), tuple(n for _, n in path),
                      any(t in ("li", "ul", "ol") for t in tags), any(re.fullmatch(r"h[1-6]", t) for t in tags))
            self.blocks.append(Block(text, dom))
        self.pieces, self.link_chars = [], 0

    def add(self, text: str | None, in_link: bool) -> None:
        if text:
            self.pieces.append(text)
            if in_link:
                self.link_chars += len(normalize_line(text))

    def walk(self, root) -> None:
        """Depth-first over ``root`` without recursion (hostile pages nest deeper than Python's stack)."""
        path: list[tuple[str, int]] = []
        links = 0  # open <a> elements around the current point
        events = lxml.etree.iterwalk(root, events=("start", "end"))
        for event, element in events:
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            if event == "start":
                if not tag or tag in SKIP_TAGS:
                    events.skip_subtree()
                    self.add(element.tail, links > 0)
                    continue
                if tag in BLOCK_TAGS:
                    self.flush(path)
                self.entered += 1
                path.append((tag, self.entered))
                links += tag == "a"
                self.add(element.text, links > 0)
            elif tag and tag not in SKIP_TAGS:
                if tag in BLOCK_TAGS:
                    self.flush(path)
                path.pop()
                links -= tag == "a"
                self.add(element.tail, links > 0)


def container_shares(blocks: list[Block], levels: tuple[int, ...]) -> None:
    """Fill each block's share of the page's prose characters held by its ancestor ``k`` levels up."""
    prose: dict[int, int] = {}
    total = 0
    for b in blocks:
        if len(b.text) >= PROSE_CHARS and b.dom.link_chars < PROSE_LINK_SHARE * len(b.text):
            total += len(b.text)
            for a in b.dom.ancestors:
                prose[a] = prose.get(a, 0) + len(b.text)
    for b in blocks:
        chain = b.dom.ancestors
        b.dom.shares = tuple(prose.get(chain[max(len(chain) - k, 0)], 0) / total if total else 0.0 for k in levels)


def _walk(root) -> list[Block]:
    walker = _Walker()
    walker.walk(root)
    walker.flush([])
    return walker.blocks


def main_content(raw: str) -> tuple[set[str], str] | None:
    """The paragraphs jusText keeps as the page's main content (as a set, and joined for containment tests),
    empty when it keeps none; None when it cannot read the page."""
    try:
        kept = [normalize_line(p.text) for p in justext.justext(raw, STOPLIST) if not p.is_boilerplate]
    except Exception:  # noqa: BLE001 (a page it cannot read gets no verdict, never an error)
        return None
    kept = [p for p in kept if p]
    return set(kept), "\n".join(kept)


def html_blocks(raw: str, levels: tuple[int, ...]) -> list[Block]:
    """The blocks of an HTML page in reading order (empty when lxml cannot read it)."""
    try:
        root = lxml.html.document_fromstring(raw)
    except (ValueError, lxml.etree.ParserError):
        return []
    blocks = _walk(root)
    container_shares(blocks, levels)
    kept = main_content(raw) if blocks else None
    if kept is not None:
        paragraphs, joined = kept
        for b in blocks:  # jusText's paragraphs may join several of our lines (a <br> inside a <p>)
            b.dom.in_main = float(b.text in paragraphs or (len(b.text) >= MAIN_MATCH and b.text in joined))
    return blocks


def text_blocks(raw: str) -> list[Block]:
    """The non-empty lines of a plain text, as blocks without DOM."""
    lines = (normalize_line(line) for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return [Block(line) for line in lines if line]


def inside_container(blocks: list[Block], sure: list[bool], share: float = 0.8) -> list[float]:
    """1.0 for blocks inside the deepest element holding ``share`` of the sure blocks' characters, else 0.0;
    NaN for every block when there is no DOM or nothing is sure. A stray sure line elsewhere does not move it."""
    held: dict[int, int] = {}
    total = 0
    for b, ok in zip(blocks, sure):
        if ok and b.dom is not None:
            total += len(b.text)
            for a in b.dom.ancestors:
                held[a] = held.get(a, 0) + len(b.text)
    if not total:
        return [math.nan] * len(blocks)
    container = max((a for a, n in held.items() if n >= share * total), key=lambda a: a)  # numbered in order:
    return [float(b.dom is not None and container in b.dom.ancestors) for b in blocks]  # the deepest is last
