"""Search normalisation: the one form that stored text and ``q=`` are both reduced to before matching."""

from __future__ import annotations

import unicodedata


def search_form(*parts: str | None) -> str:
    """NFC, case-folded, runs of white space as one space: what q= is compared against, on every database."""
    return " ".join(unicodedata.normalize("NFC", " ".join(p for p in parts if p)).casefold().split())


def like_pattern(phrase: str) -> str:
    """A LIKE pattern (escape character ``\\``) matching ``phrase`` anywhere, its wildcards taken literally."""
    escaped = phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
