"""Which evidence terms read on their own: none that opens or closes on a function word.

A topic's strongest terms include word bigrams such as "về cải_cách" or "thủ_tục của": quoted,
they read as torn-out fragments ("về cải cách"), and a lone "của" or "và" says nothing. A term is
shown only when its first and last words are content words. The list holds Vietnamese
prepositions, conjunctions, classifiers and particles, aspect and degree words (function words of
the language, not of any topic); content words that happen to be short ("bộ", "sở") are not in it.
"""

from __future__ import annotations

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
