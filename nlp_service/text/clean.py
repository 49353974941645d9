"""Text cleaning at the boundary: HTML to text, Unicode NFC, whitespace, page furniture.

Articles arrive as plain text or as HTML scraped from news and government portals.
``clean_text`` turns either into paragraphs of article text, one per line, in NFC,
with the furniture of the page (menus, visitor counters, date lines, "Tin mới hơn"
lists, share links, bylines) removed by the line rules of :mod:`nlp_service.text.furniture`.
Tone marks are left as written so that responses can quote the article; the
canonical placement is applied to what the models see (:func:`model_text`).
"""

from __future__ import annotations

import re
import unicodedata

import lxml.html

from nlp_service.text.extract import read_page
from nlp_service.text.furniture import strip_furniture
from nlp_service.text.page_lines import PageLineClassifier
from nlp_service.text.tones import normalize_tones

_HTML_HINT = re.compile(r"<\s*(html|body|div|p|br|span|a|h[1-6]|table|li|article|section)\b", re.I)
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
# Elements whose content is never article text.
_SKIP_TAGS = frozenset("script style noscript template iframe svg canvas button select option nav".split())
# Zero-width characters, soft hyphen and BOM: invisible, but they split words.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Lone UTF-16 surrogates (JSON's "\ud800" decodes to one) and NUL: no encoder, tokenizer or database takes them.
_UNENCODABLE = re.compile("[\x00\ud800-\udfff]")
# libxml2 stops at 255 levels of nesting unless told otherwise; the walk below is iterative, so depth costs nothing.
_PARSER = lxml.html.HTMLParser(huge_tree=True)


def drop_unencodable(text: str) -> str:
    """``text`` without lone surrogates and NUL characters."""
    return _UNENCODABLE.sub("", text)


def looks_like_html(raw: str) -> bool:
    return bool(_HTML_HINT.search(raw[:5000]))


def _walk(root, out: list[str]) -> None:
    """Text and tails of ``root``'s tree in document order, a newline around each block element.
    Iterative, with a stack, so deeply nested pages never reach Python's recursion limit."""
    stack = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if closing:
            if tag in _BLOCK_TAGS:
                out.append("\n")
            if element.tail:
                out.append(element.tail)
            continue
        if tag in _SKIP_TAGS or not isinstance(element.tag, str):
            if element.tail:
                out.append(element.tail)
            continue
        if tag in _BLOCK_TAGS:
            out.append("\n")
        if element.text:
            out.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))


def html_to_text(raw: str) -> tuple[str, str | None]:
    """Return the visible text of an HTML page, one block per line, and its title if any."""
    try:
        root = lxml.html.document_fromstring(raw, parser=_PARSER)
    except (ValueError, lxml.etree.ParserError):
        return raw, None
    title = None
    for xpath in ("//h1", "//title"):
        found = root.xpath(xpath)
        if found:
            candidate = " ".join(found[0].text_content().split())
            if candidate:
                title = candidate
                break
    for head in root.xpath("//head"):
        head.drop_tree()
    out: list[str] = []
    _walk(root, out)
    return "".join(out), title


def normalize_whitespace(text: str) -> str:
    """NFC, invisible characters dropped, spaces folded, one paragraph per line."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def clean_page(raw: str, reader: PageLineClassifier | None = None) -> tuple[str, str | None]:
    """Article text of ``raw`` (plain text or HTML) as NFC paragraphs without page furniture,
    and the page's headline when one is found.

    With ``reader`` (the shipped page-line classifier) the article and headline are what it reads
    (:func:`nlp_service.text.extract.read_page`); without it, or when it keeps nothing, the line rules."""
    title = None
    html = looks_like_html(raw)
    if reader is not None:
        read = read_page(raw, reader, html)
        if read is not None:
            lines, headline = read
            return normalize_whitespace("\n".join(lines)), headline
    if html:
        raw, title = html_to_text(raw)
        title = normalize_whitespace(title) if title else None
    lines = normalize_whitespace(raw).split("\n")
    if title and title in lines:
        lines = lines[lines.index(title):]  # above the headline is the site's header
    return strip_furniture("\n".join(lines)), title


def clean_text(raw: str) -> str:
    """Article text of ``raw`` without its title: see :func:`clean_page`."""
    return clean_page(raw)[0]


def model_text(text: str) -> str:
    """The form the models read: NFC with canonical tone placement (same length as ``text``)."""
    return normalize_tones(unicodedata.normalize("NFC", text))
