import unicodedata

from nlp_service.store.search import like_pattern, search_form


def test_nfd_case_and_white_space_reduce_to_one_form():
    written = "Sốt  xuất\nHUYẾT tại Hà Nội"
    assert search_form(unicodedata.normalize("NFD", written)) == search_form(written) == "sốt xuất huyết tại hà nội"
    assert search_form("Tiêu đề", None, "  thân bài ") == "tiêu đề thân bài"
    assert search_form(None, "") == search_form("   ") == ""


def test_like_wildcards_are_taken_literally():
    assert like_pattern("100%_a\\b") == "%100\\%\\_a\\\\b%"
