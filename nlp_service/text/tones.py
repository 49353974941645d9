"""Canonical Vietnamese tone-mark placement.

Vietnamese writes the same syllable two ways in open syllables with the clusters
``oa``, ``oe`` and ``uy``: the traditional placement puts the tone on the first vowel
("hòa", "khỏe", "thủy"), the reformed one on the second ("hoà", "khoẻ", "thuỷ").
Newspapers and our taxonomy use the traditional form, so every text is mapped to it
before tokenization; a model then sees one spelling of each word, in training and in
serving alike. Closed syllables ("hoàng", "huỳnh") and ``qu`` + vowel ("quý") are
written one way only and stay as they are.

The mapping never changes the length of NFC text, so offsets survive it. Only words that end in one of the
three clusters can change, so one regular expression finds those (a few in a hundred words) and each distinct one
is looked up in a table that fills as words are met, rather than every word being decomposed and rebuilt.
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


def _with_tones(letters: str) -> str:
    return "".join(letters + "".join(unicodedata.normalize("NFC", c + t) for c in letters for t in _TONES))


# The ends of words whose last two letters are o/u then a/e/y, with or without a tone mark, in either case.
_CLUSTER_END = re.compile(rf"[{_with_tones('oOuU')}][{_with_tones('aAeEyY')}](?![^\W\d_])")
_TABLE_SIZE = 1 << 16  # distinct candidate words kept; a language has far fewer, a hostile text cannot grow it more
_table: dict[str, str] = {}


def _in_word(c: str) -> bool:
    return c.isalnum() and not c.isdecimal()  # what [^\W\d_] matches


def normalize_tones(text: str) -> str:
    """Return ``text`` (NFC) with every syllable in the traditional tone placement."""
    pieces: list[str] = []
    done = 0
    for match in _CLUSTER_END.finditer(text):
        start = match.start()
        while start > done and _in_word(text[start - 1]):
            start -= 1
        word = text[start:match.end()]
        retoned = _table.get(word)
        if retoned is None:
            retoned = _retone(word)
            if len(_table) < _TABLE_SIZE:
                _table[word] = retoned
        if retoned != word:
            pieces += (text[done:start], retoned)
            done = match.end()
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def normalize_tones_by_word(text: str) -> str:
    """:func:`normalize_tones` decomposing every word: the definition the fast path is tested against."""
    return _WORD.sub(lambda m: _retone(m.group(0)), text)
