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


def test_the_candidate_scan_gives_what_decomposing_every_word_gives():
    from nlp_service.text.tones import normalize_tones_by_word

    texts = [
        "Thuỷ điện Hoà Bình hoạt động khoẻ; Uỷ ban nhân dân tỉnh Khánh Hoà kiểm tra công trình thủy lợi.",
        "HOÀ BÌNH, THUỶ LỢI, khoẻ, lóe, loé, xoá bỏ, xóa bỏ, quý, quỳ, khuya, ngoằn ngoèo, tuỳ ý, tùy ý.",
        "3hoà, hoà3, hoà_bình, ²hoà, hoà²",  # digits, underscores and other numbers around a word
        "ḿoa ǹoe",  # a tone on a consonant: the rule still moves it to the cluster's first vowel
        unicodedata.normalize("NFC", unicodedata.normalize("NFD", "Thuỷ Hoà Khoẻ")),
        "", "   ", "oa", "oà", "uỷ", "Ủy",
    ]
    for text in texts:
        assert normalize_tones(text) == normalize_tones_by_word(text), text


def test_random_letter_soup_agrees_with_the_definition():
    import random

    from nlp_service.text.tones import normalize_tones_by_word

    alphabet = "oOuUaAeEyYqQhHkKtTnN ._-9²" + "òóỏõọàáảãạèéẻẽẹỳýỷỹỵÒÓỎÕỌÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴùúủũụÙÚỦŨỤăâêôơưđ"
    rng = random.Random(14)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
        assert normalize_tones(text) == normalize_tones_by_word(text), text


def test_a_long_hostile_text_is_normalized_in_one_pass():
    text = "hoà " * 50_000 + "x" * 100_000
    assert normalize_tones(text) == "hòa " * 50_000 + "x" * 100_000
