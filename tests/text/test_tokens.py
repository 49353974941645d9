import unicodedata

from nlp_service.text.tokens import split_sentences, tokenize


def test_abbreviations_do_not_end_sentences():
    text = "PGS.TS. Lê Văn Bình nhận định thị trường sẽ ổn định. Ông Trần V. Nam, Chủ tịch UBND TP. HCM, đồng ý."
    assert split_sentences(text) == [
        "PGS.TS. Lê Văn Bình nhận định thị trường sẽ ổn định.",
        "Ông Trần V. Nam, Chủ tịch UBND TP. HCM, đồng ý.",
    ]


def test_closing_quote_stays_with_its_sentence():
    text = 'GS. Minh nói: "Kết quả rất tốt." Mọi người vỗ tay.'
    assert split_sentences(text) == ['GS. Minh nói: "Kết quả rất tốt."', "Mọi người vỗ tay."]


def test_ths_and_initials_before_a_name():
    text = "ThS. Nguyễn Thị Hoa trình bày báo cáo về chuyển đổi số. Bà cho biết kết quả khả quan."
    assert len(split_sentences(text)) == 2


def test_words_are_multi_syllable_and_sentences_keep_their_text():
    doc = tokenize("Ủy ban nhân dân huyện phát động phong trào thi đua cải cách hành chính.")
    sentence = doc.sentences[0]
    assert sentence.text == "Ủy ban nhân dân huyện phát động phong trào thi đua cải cách hành chính."
    assert "cải cách" in sentence.words and "hành chính" in sentence.words


def test_words_see_canonical_tones_but_text_keeps_the_writers():
    doc = tokenize("Thuỷ điện Hoà Bình xả lũ.")
    assert doc.sentences[0].text == "Thuỷ điện Hoà Bình xả lũ."
    assert any("Thủy" in w for w in doc.sentences[0].words)
    assert not any("Thuỷ" in w for w in doc.sentences[0].words)


def test_paragraphs_number_sentences_in_order():
    doc = tokenize("Câu thứ nhất của đoạn một. Câu thứ hai của đoạn một.\nCâu đầu của đoạn hai.")
    assert [s.index for s in doc.sentences] == [0, 1, 2]
    assert [(s.paragraph, s.position_in_paragraph) for s in doc.sentences] == [(0, 0), (0, 1), (1, 0)]


def test_empty_and_title_only():
    assert tokenize("").sentences == []
    doc = tokenize("Một câu duy nhất.", title="Tiêu đề bài")
    assert len(doc.sentences) == 1 and doc.title_words


def test_nfd_input_tokenizes_like_nfc():
    nfc = "Học sinh được nghỉ học vì mưa lớn."
    from nlp_service.text.clean import normalize_whitespace

    nfd_doc = tokenize(normalize_whitespace(unicodedata.normalize("NFD", nfc)))
    assert nfd_doc.sentences[0].words == tokenize(nfc).sentences[0].words
