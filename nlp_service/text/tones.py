"""Canonical Vietnamese tone-mark placement.

Vietnamese writes the same syllable two ways in open syllables with the clusters
``oa``, ``oe`` and ``uy``: the traditional placement puts the tone on the first vowel
("hòa", "khỏe", "thủy"), the reformed one on the second ("hoà", "khoẻ", "thuỷ").
Newspapers and our taxonomy use the traditional form, so every text is mapped to it
before tokenization; a model then sees one spelling of each word, in training and in
serving alike. Closed syllables ("hoàng", "huỳnh") and ``qu`` + vowel ("quý") are
written one way only and stay as they are.

The mapping never changes the length of NFC text, so offsets survive it.
"""

from __future__ import annotations

import re
import unicodedata

# Combining marks of the five Vietnamese tones: grave, acute, hook above, tilde, dot below.
_TONES = frozenset("\u0300\u0301\u0309\u0303\u0323")
_CLUSTERS = frozenset({"oa", "oe", "uy"})
_WORD = re.compile(r"[^\W\d_]+")


def _retone(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) != 1:
        return word
    bare = "".join(c for c in decomposed if c not in _TONES)
    # Only plain letters take part in the pattern: "uê", "ươ" carry their own rules.
    plain = bare.lower()
    if not plain.isascii() or len(plain) < 2:
        return word
    tail = plain[-2:]
    if tail not in _CLUSTERS:
        return word
    if len(plain) >= 3 and plain[-3] == "q" and tail[0] == "u":
        return word  # "quý", "quỳ": the u belongs to the consonant
    if len(plain) >= 3 and plain[-3] in "aeiouy":
        return word  # a longer vowel run ("khuya"-like) is outside the rule
    # The tone goes right after the first vowel of the final cluster.
    after_first = len(bare) - 1  # a combining mark follows the letter it sits on
    rebuilt = bare[:after_first] + tones[0] + bare[after_first:]
    return unicodedata.normalize("NFC", rebuilt)


def normalize_tones(text: str) -> str:
    """Return ``text`` (NFC) with every syllable in the traditional tone placement."""
    return _WORD.sub(lambda m: _retone(m.group(0)), text)
