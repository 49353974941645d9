"""Portal pages with line labels for free, and the kept-text measures the benchmark reports.

A page's reference is its ``article_text`` (see ``shared/data/portal_pages/README.md``), cut at
a "TIN ĐÃ ĐƯA"/"TIN MỚI HƠN" heading: some portals print their related-stories list inside the
article cell, and those headlines are not the article. A page line is article when it is in
the reference (as a substring for lines of ``MIN_MATCH`` characters or more, as a whole
paragraph for shorter ones) and inside the stretch the reference's long lines span; the line
equal to the page's ``title`` nearest above that stretch is the headline.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from nlp_service.splits import held_out
from nlp_service.text.page_blocks import Block, normalize_line
from nlp_service.text.page_lines import ARTICLE, FURNITURE, HEADLINE

PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "portal_pages" / "pages.jsonl.gz"
MIN_MATCH = 20  # shorter lines ("Ủy ban nhân dân") occur inside articles by chance
LONG_MATCH = 60
_RELATED = re.compile(r"^(tin (đã đưa|mới hơn|cũ hơn|khác|liên quan)|các tin (khác|đã đưa))\s*:?$", re.I)


def read_pages(paths: list[Path]) -> Iterator[dict]:
    for path in paths:
        files = sorted(Path(path).glob("*.jsonl.gz")) if Path(path).is_dir() else [Path(path)]
        for file in files:
            with gzip.open(file, "rt", encoding="utf-8") as handle:
                yield from (json.loads(line) for line in handle if line.strip())


def same_sites_pages(paths: list[Path], known: list[dict]) -> tuple[list[dict], list[dict]]:
    """More pages of the portal_pages sites (written by ``benchmarks.pages_extra``), less any whose story is in
    ``known`` (the same story under another path), split by a hash of the page's path: (for training, held out).
    The held-out share (two fifths) is what ``bench_pages`` reports as pages of the same sites never trained on."""
    seen = {p["article_text"][:200] for p in known}
    train, held = [], []
    for page in read_pages(paths):
        if page["article_text"][:200] in seen:
            continue
        seen.add(page["article_text"][:200])
        (held if held_out(f"{page['site']}:{page['id']}", fifths=2) else train).append(page)
    return train, held


def reference_paragraphs(article_text: str) -> list[str]:
    out = []
    for paragraph in article_text.split("\n"):
        paragraph = normalize_line(paragraph)
        if _RELATED.match(paragraph):
            break
        if paragraph:
            out.append(paragraph)
    return out


class Reference:
    """A page's article paragraphs and headline, and the tests of whether a line belongs to them."""

    def __init__(self, page: dict):
        self.paragraphs = reference_paragraphs(page["article_text"])
        self.whole = " ".join(self.paragraphs)
        self.exact = set(self.paragraphs)
        self.title = normalize_line(page.get("title") or "")

    def is_article(self, line: str) -> bool:
        line = normalize_line(line)
        return line in self.exact or (len(line) >= MIN_MATCH and line in self.whole)

    def is_article_or_title(self, line: str) -> bool:
        return self.is_article(line) or (bool(self.title) and normalize_line(line) == self.title)

    def precision_recall(self, kept_lines: list[str], title: str | None) -> tuple[int, int, int, int]:
        """(kept lines that are article or headline, kept lines, reference paragraphs found, paragraphs)."""
        kept_lines = [x for x in (normalize_line(k) for k in kept_lines) if x]
        good = sum(map(self.is_article_or_title, kept_lines))
        kept = " ".join(kept_lines + ([normalize_line(title)] if title else []))
        found = sum(p in kept for p in self.paragraphs)
        return good, len(kept_lines), found, len(self.paragraphs)


def label_blocks(blocks: list[Block], ref: Reference) -> np.ndarray:
    match = np.array([ref.is_article(b.text) for b in blocks], dtype=bool)
    longs = [i for i, b in enumerate(blocks) if match[i] and len(b.text) >= LONG_MATCH]
    labels = np.full(len(blocks), FURNITURE)
    if not longs:
        return labels
    lo, hi = longs[0], longs[-1]
    while lo > 0 and match[lo - 1]:
        lo -= 1
    while hi + 1 < len(blocks) and match[hi + 1]:
        hi += 1
    labels[lo:hi + 1][match[lo:hi + 1]] = ARTICLE
    heads = [i for i in range(lo) if normalize_line(blocks[i].text) == ref.title]
    if heads:
        labels[heads[-1]] = HEADLINE
    return labels
