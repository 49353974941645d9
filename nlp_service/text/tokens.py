"""Sentences, then words: the one tokenization pass of a request.

Paragraphs (lines of cleaned text) are split into sentences with underthesea's
``sent_tokenize``, repaired where it breaks after Vietnamese abbreviations
("TP.", "ThS.", "PGS.TS.", "ông Th.") or inside a closing quote; each sentence is
then word-segmented with underthesea's ``word_tokenize`` on its model form
(canonical tone marks). Sentence texts stay as written, so they can be quoted.
The classifiers and the summarizer share the resulting :class:`Document`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from underthesea import sent_tokenize, word_tokenize

from nlp_service.text.clean import model_text

# Titles and abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    "tp tx tt q p ths ts pgs gs bs bsck ks ls nxb th ng tr hcm mr mrs ms dr vd gđ pgđ".split()
)
_TRAILING_ABBREV = re.compile(r"(?:^|[\s(])([A-Za-zĐđÀ-ỹ]{1,5})\.$")
_ONLY_ABBREV = re.compile(r"^([A-ZĐ][A-Za-zĐđ]{0,4}\.)+$")
# Bumped whenever sentence splitting or word segmentation changes: it keys token caches.
TOKENIZER_VERSION = "1"
_CLOSERS = re.compile(r"^[\"”’»)\]]+")


@dataclass(frozen=True)
class Sentence:
    index: int
    text: str  # as written in the cleaned article
    words: tuple[str, ...]  # underthesea words of the model form
    paragraph: int
    position_in_paragraph: int


@dataclass
class Document:
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    title: str | None = None
    title_words: tuple[str, ...] = ()

    @property
    def words(self) -> list[str]:
        return [w for s in self.sentences for w in s.words]

    @property
    def words_with_title(self) -> tuple[str, ...]:
        return tuple(self.title_words) + tuple(self.words)


def _ends_with_abbreviation(sentence: str) -> bool:
    match = _TRAILING_ABBREV.search(sentence)
    if not match:
        return False
    return match.group(1).lower() in _ABBREVIATIONS


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph, with underthesea's abbreviation and quote breaks mended."""
    merged: list[str] = []
    for piece in sent_tokenize(paragraph):
        piece = piece.strip()
        if not piece:
            continue
        if merged:
            closer = _CLOSERS.match(piece)
            if closer:
                merged[-1] += closer.group(0)
                piece = piece[closer.end():].strip()
                if not piece:
                    continue
            if _ONLY_ABBREV.match(merged[-1]) or _ends_with_abbreviation(merged[-1]):
                merged[-1] = f"{merged[-1]} {piece}"
                continue
        merged.append(piece)
    return merged


def tokenize_words(sentence: str) -> tuple[str, ...]:
    """underthesea words of a sentence's model form (multi-syllable words keep their spaces)."""
    return tuple(word_tokenize(model_text(sentence)))


def warm_up() -> None:
    """Load underthesea's models now. ``word_tokenize`` loads its model on first call into a global
    without a lock, so two first calls from two threads can see it half-built (AttributeError → 500);
    calling this once before serving concurrent requests removes the race."""
    tokenize_paragraph("Khởi động bộ tách câu và tách từ.")


def tokenize_paragraph(paragraph: str) -> list[tuple[str, tuple[str, ...]]]:
    """(sentence text, words) for each sentence of one paragraph."""
    return [(sentence, tokenize_words(sentence)) for sentence in split_sentences(paragraph)]


ParagraphTokenizer = Callable[[str], "list[tuple[str, tuple[str, ...]]]"]


def tokenize(text: str, title: str | None = None, paragraphs: ParagraphTokenizer = tokenize_paragraph) -> Document:
    """One pass over cleaned ``text``: sentences by paragraph, then words per sentence.

    ``paragraphs`` lets training read paragraphs from a cache of this same function's output.
    """
    doc = Document(text=text, title=title)
    if title:
        doc.title_words = tokenize_words(title)
    index = 0
    for p, paragraph in enumerate(line for line in text.split("\n") if line.strip()):
        for k, (sentence, words) in enumerate(paragraphs(paragraph)):
            doc.sentences.append(Sentence(index, sentence, tuple(words), p, k))
            index += 1
    return doc
