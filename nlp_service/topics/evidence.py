"""Which evidence terms read on their own: none that opens or closes on a function word, none cut
out of a longer phrase that another term continues.

A topic's strongest terms include word bigrams such as "về cải_cách" or "thủ_tục của": quoted,
they read as torn-out fragments ("về cải cách"), and a lone "của" or "và" says nothing. A term is
shown only when its first and last words are content words. The list holds Vietnamese
prepositions, conjunctions, classifiers and particles, aspect and degree words (function words of
the language, not of any topic); content words that happen to be short ("bộ", "sở") are not in it.
"""

from __future__ import annotations

from collections.abc import Callable

FUNCTION_WORDS = frozenset("""
    của và về với cho các những là có được bị bởi tại trong ngoài trên dưới từ đến tới theo để thì mà
    này kia đó ấy nọ đây đã sẽ đang vẫn còn cũng đều chỉ rất quá lắm hơn nhất như hay hoặc nhưng song
    nên vì do nếu khi lúc sau trước một mọi mỗi từng vào ra lên xuống lại nữa không chưa chẳng
    ở sự việc cái con chiếc cuộc nhau nhằm qua cùng bằng gồm hết thêm luôn ngay vừa mới rồi thế
    ai gì nào đâu sao bao_giờ tuy_nhiên trong_đó ngoài_ra bên_cạnh_đó đồng_thời bên_cạnh vậy
""".split())


def readable(term: str) -> bool:
    """Whether a vocabulary term (words joined by spaces, syllables by "_") may be quoted as evidence."""
    words = [w for w in term.lower().split(" ") if w]
    return bool(words) and words[0] not in FUNCTION_WORDS and words[-1] not in FUNCTION_WORDS


def _joined(a: str, b: str, find: Callable[[str], str | None]) -> str | None:
    """``a`` continued by ``b`` where its last words are ``b``'s first ones and the text writes the whole."""
    words_a, words_b = a.split(), b.split()
    for k in range(min(len(words_a), len(words_b)) - 1, 0, -1):
        if [w.lower() for w in words_a[-k:]] == [w.lower() for w in words_b[:k]]:
            return find(" ".join(words_a + words_b[k:]))
    return None


def merged(phrases: list[str], find: Callable[[str], str | None]) -> list[str]:
    """``phrases`` with each pair that overlaps in the text joined: "dịch vụ công" and "công trực tuyến",
    where the article writes "dịch vụ công trực tuyến", become that one phrase (the segmenter cut the
    compound, and its tail alone does not read). ``find(phrase)`` quotes a phrase as the text writes it, or None."""
    out = list(phrases)
    while True:
        pair = next(((i, j, whole) for i, a in enumerate(out) for j, b in enumerate(out)
                     if i != j and (whole := _joined(a, b, find))), None)
        if pair is None:
            return out
        i, j, whole = pair
        out[i] = whole
        del out[j]
