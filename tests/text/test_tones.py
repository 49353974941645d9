import unicodedata

import pytest

from nlp_service.text.tones import normalize_tones


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("hoà bình", "hòa bình"), ("Hoà", "Hòa"), ("HOÀ", "HÒA"), ("khoẻ mạnh", "khỏe mạnh"), ("thuỷ lợi", "thủy lợi"),
     ("Uỷ ban", "Ủy ban"), ("loé sáng", "lóe sáng")],
)
def test_new_style_marks_move_to_the_traditional_vowel(written, canonical):
    assert normalize_tones(written) == canonical


@pytest.mark.parametrize("word", ["hoàng", "huỳnh", "quý", "quỳnh", "thuế", "người", "khuya", "hòa", "toán"])
def test_syllables_with_one_spelling_are_left_alone(word):
    assert normalize_tones(word) == word


def test_length_is_preserved_so_offsets_survive():
    text = "Thuỷ điện Hoà Bình hoạt động khoẻ, Uỷ ban tỉnh kiểm tra."
    assert len(normalize_tones(text)) == len(text)


def test_nfd_input_after_nfc_gives_the_same_result():
    nfd = unicodedata.normalize("NFD", "hoà")
    assert normalize_tones(unicodedata.normalize("NFC", nfd)) == "hòa"


def test_text_without_letters_is_unchanged():
    assert normalize_tones("") == ""
    assert normalize_tones("12/03/2024 - 08:45") == "12/03/2024 - 08:45"
