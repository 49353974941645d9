from nlp_service.text.terms import term, word_ngrams, words_and_syllables


def test_terms_join_syllables_fold_digits_and_drop_punctuation():
    assert term("Cải cách") == "cải_cách"
    assert term("2024") is None or term("năm 2024") == "năm_0000"
    assert term(",") is None and term("...") is None


def test_bigrams_do_not_cross_punctuation():
    grams = word_ngrams(("cải cách", "hành chính", ",", "chuyển đổi", "số"))
    assert "cải_cách hành_chính" in grams
    assert "hành_chính chuyển_đổi" not in grams
    assert grams.count("cải_cách") == 1


def test_syllable_features_are_marked_apart_from_words():
    grams = words_and_syllables(("cải cách", "nhanh"))
    assert "#cải" in grams and "#cách" in grams and "nhanh" in grams and "#nhanh" not in grams
