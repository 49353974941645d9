"""What every summarizer shares: its protocol, which sentences may be chosen, word bags.

A summary quotes sentences of the article and never its furniture: captions, bylines, datelines,
shouted headings and fragments are not :func:`eligible`, nor what editors leave inside a body (photo
captions such as "Toàn cảnh ..." or an unpunctuated line under a photo, "Xem chi tiết tại đây", "Tin, ảnh:
...", date-and-time stamps, counters) and, in :func:`candidates`, the headline repeated. :func:`bag` and :func:`cosine` compare
sentences by their terms (:func:`nlp_service.text.terms.term`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from nlp_service.schemas import SummarySentenceOut
from nlp_service.summarize.budget import Budget
from nlp_service.text.furniture import is_furniture
from nlp_service.text.terms import term
from nlp_service.text.tokens import Document, Sentence

MIN_WORDS = 5  # shorter "sentences" are headings, captions or fragments

_CAPTION = re.compile(r"^(ảnh|ảnh minh họa|photo|video|clip|nguồn)\s*[:：]|\((ảnh|photo)\s*[:：][^)]*\)\s*$", re.I)
_BYLINE = re.compile(r"^(theo|nguồn|tác giả|pv|ctv|btv)\b.{0,60}$|^[\w\s.]{0,40}\((ttxvn|vna|tổng hợp|theo [^)]*)\)\.?$", re.I)
_DATELINE = re.compile(r"^\(?[A-ZĐ][\wÀ-ỹ. ]{0,30}\)?\s*[-–—]\s*$")
_IN_BODY = re.compile(
    r"^(toàn cảnh|quang cảnh|(các )?đại biểu (tham dự|dự|tham quan)|ảnh\s*\d*\s*[:.]|hình\s*\d*\s*[:.])|"
    r"\b(xem (chi tiết|toàn văn)|(xem|bấm|nhấn|click) (vào )?(tại )?đây|tải về|file đính kèm)\b|"
    r"^(tin,? ảnh|tin và ảnh|bài,? ảnh|bài và ảnh|tin|bài)\s*[:：]", re.I)
_STAMP = re.compile(r"\d{1,2}:\d{2}(:\d{2})?\s*(SA|CH|AM|PM)\b|\b\d{4},? \d{1,2}:\d{2}\b|"
                    r"\btháng (một|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)( một| hai)? \d{4}\b", re.I)
_ENDINGS = frozenset('.!?…;:"”’)]')  # what ends a sentence (a stripped line's last character)
CAPTION_WORDS = 30  # an unpunctuated line this short under a photo is its caption; longer ones are body text


class Summarizer(Protocol):
    """What :mod:`nlp_service.summarize.registry` registers: a versioned picker of sentences."""

    version: str

    def summarize(self, doc: Document, budget: Budget | int = 3) -> list[SummarySentenceOut]:
        """The chosen sentences of ``doc`` within ``budget``, in document order."""
        ...


def summary_sentence(index: int, sentence: Sentence, score: float) -> SummarySentenceOut:
    """The record of one chosen sentence, its score rounded as every summarizer reports it."""
    return SummarySentenceOut(index=index, text=sentence.text, score=round(float(score), 4))


def eligible(sentence: Sentence, content_syllables: int | None = None) -> bool:
    """Whether a sentence may appear in a summary: no captions, bylines, datelines or fragments.

    ``content_syllables``, the syllables of the sentence's terms when the caller has counted them, saves
    counting them again.
    """
    if content_syllables is None:
        content_syllables = sum(t.count("_") + 1 for t in map(term, sentence.words) if t is not None)
    if content_syllables < MIN_WORDS:
        return False
    text = sentence.text.strip()
    if text[-1:] not in _ENDINGS and len(text.split()) <= CAPTION_WORDS:  # the cheapest test first
        return False
    if _CAPTION.search(text) or _BYLINE.match(text) or _DATELINE.match(text) or is_furniture(text):
        return False
    if _IN_BODY.search(text) or len(text.split()) <= 15 and _STAMP.search(text):  # a stamp is a short line
        return False
    letters = "".join(filter(str.isalpha, text))
    return not (letters and sum(map(str.isupper, letters)) > 0.8 * len(letters))  # shouted headings


def bag(words) -> Counter:
    return Counter(t for t in map(term, words) if t is not None)


def cosine(a: Counter, b: Counter, weight: dict[str, float] | None = None) -> float:
    if not a or not b:
        return 0.0
    w = weight or {}
    dot = sum(a[t] * b[t] * w.get(t, 1.0) ** 2 for t in a.keys() & b.keys())
    na = math.sqrt(sum((c * w.get(t, 1.0)) ** 2 for t, c in a.items()))
    nb = math.sqrt(sum((c * w.get(t, 1.0)) ** 2 for t, c in b.items()))
    return dot / (na * nb) if na and nb else 0.0


def candidates(doc: Document, allowed: Sequence[bool] | None = None) -> list[Sentence]:
    """The sentences a summary may use; a text of fragments only is its own summary.

    ``allowed``, each sentence's :func:`eligible` when the caller has computed it already, is used as is.
    """
    if allowed is None:
        allowed = [eligible(s) for s in doc.sentences]
    headline = _folded(doc.title or "")
    # Every word of a folded text is a run of word characters of its lower case, so a sentence that lacks the
    # headline's longest word, in any case, cannot fold to it: only the few that have it are folded.
    longest = max(headline.split(), key=len, default="")
    return [s for s, ok in zip(doc.sentences, allowed)
            if ok and (longest not in s.text.lower() or _folded(s.text) != headline)] or doc.sentences[:1]


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())
