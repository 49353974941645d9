"""Text features shared by the classifiers: analyzers over underthesea words.

Estimators receive, per document, the tuple of its words (``Document.words``); these
module-level analyzers (picklable, unlike lambdas) turn them into terms for scikit-learn
vectorizers. A multi-syllable word is one term ("cải_cách"), so word bigrams reach
phrases such as "cải_cách hành_chính" that syllable bigrams cannot tell from chance.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HAS_LETTER = re.compile(r"[^\W_]")
_DIGITS = re.compile(r"\d")


@lru_cache(maxsize=1 << 17)  # a language's running words repeat: most calls become one dict lookup
def term(word: str) -> str | None:
    """The vocabulary form of a word: lower case, syllables joined by "_", digits folded to 0."""
    if not _HAS_LETTER.search(word):
        return None  # punctuation and symbols carry no topic
    return _DIGITS.sub("0", word.lower().replace(" ", "_"))


def word_ngrams(words: tuple[str, ...] | list[str]) -> list[str]:
    """Word unigrams and bigrams (bigrams do not cross dropped punctuation)."""
    out: list[str] = []
    previous = None
    for word in words:
        current = term(word)
        if current is None:
            previous = None
            continue
        out.append(current)
        if previous is not None:
            out.append(f"{previous} {current}")
        previous = current
    return out


def words_and_syllables(words: tuple[str, ...] | list[str]) -> list[str]:
    """Word n-grams plus the syllables of multi-syllable words, for robustness to segmentation slips."""
    out = word_ngrams(words)
    for word in words:
        if " " in word:
            current = term(word)
            if current is not None:
                out.extend(f"#{s}" for s in current.split("_"))
    return out


ANALYZERS = {"words": word_ngrams, "words+syllables": words_and_syllables}  # by the name models and cards use
