import unicodedata

import numpy as np

from nlp_service.summarize.learned.features import FEATURES, TermStats, sentence_features
from nlp_service.summarize.base import eligible
from nlp_service.text.tokens import tokenize, tokenize_words

ARTICLE = """Công an tỉnh Nghệ An khởi tố vụ án tham ô tài sản tại Ban quản lý dự án giao thông.
Theo cơ quan điều tra, kế toán ban đã lập khống 12 bộ chứng từ để rút hơn 3 tỷ đồng tiền ngân sách.
Thời tiết hôm đó mưa nhỏ, đường phố vắng người.
Ông Nguyễn Văn A nói: "Chúng tôi sẽ xử lý nghiêm mọi sai phạm"."""
TITLE = "Khởi tố vụ án tham ô tại ban quản lý dự án giao thông"


def _stats():
    docs = [tokenize(ARTICLE, TITLE), tokenize("Thời tiết hôm nay mưa nhỏ.\nĐường phố vắng người.")]
    references = [tokenize_words("Khởi tố vụ án tham ô tại ban quản lý dự án."), tokenize_words("Trời mưa.")]
    return TermStats.learn(docs, references, min_df=1)


def column(table, name):
    return table[:, FEATURES.index(name)]


def test_one_row_per_sentence_and_one_column_per_feature():
    table = sentence_features(tokenize(ARTICLE, TITLE), _stats())
    assert table.shape == (4, len(FEATURES))
    assert np.isfinite(table).all()
    assert column(table, "index").tolist() == [0, 1, 2, 3]


def test_the_sentence_that_repeats_the_title_is_closest_to_it():
    table = sentence_features(tokenize(ARTICLE, TITLE), _stats())
    assert column(table, "title_cosine").argmax() == 0
    assert column(table, "title_rank")[0] == 0
    assert column(table, "title_cosine")[2] == 0.0  # the weather shares no word with the title


def test_numbers_names_and_quotes_are_counted():
    table = sentence_features(tokenize(ARTICLE, TITLE), _stats())
    assert column(table, "numbers")[1] >= 2
    assert column(table, "proper_names")[3] >= 1
    assert column(table, "has_quote").tolist() == [0, 0, 0, 1]


def test_terms_of_leads_are_worth_more_than_terms_that_never_reach_one():
    stats = _stats()
    assert stats.worth["tham_ô"] > stats.worth["đường_phố"]
    assert stats.worth["tham_ô"] > 0


def test_nfd_input_gives_the_same_features():
    stats = _stats()
    nfc = sentence_features(tokenize(ARTICLE, TITLE), stats)
    from nlp_service.text.clean import clean_text
    nfd = sentence_features(tokenize(clean_text(unicodedata.normalize("NFD", ARTICLE)), TITLE), stats)
    assert np.allclose(nfc, nfd)


def test_empty_document_has_no_rows():
    assert sentence_features(tokenize(""), _stats()).shape == (0, len(FEATURES))


def test_a_restated_sentence_is_marked_as_repeating_an_earlier_one():
    text = ARTICLE + "\nCông an tỉnh Nghệ An khởi tố vụ án tham ô tài sản tại Ban quản lý dự án giao thông."
    table = sentence_features(tokenize(text, TITLE), _stats())
    assert column(table, "earlier_cosine")[4] > 0.99 and column(table, "earlier_cosine")[0] == 0.0
    assert column(table, "title_bigram_recall")[0] > column(table, "title_bigram_recall")[2] == 0.0


def test_counts_from_the_one_pass_over_words_match_the_sentence():
    page = ARTICLE + "\nẢnh: Công an tỉnh Nghệ An.\nTHÔNG BÁO KHẨN CỦA BAN QUẢN LÝ DỰ ÁN GIAO THÔNG TỈNH."
    doc = tokenize(page, TITLE)
    table = sentence_features(doc, _stats())
    assert column(table, "eligible").tolist() == [float(eligible(s)) for s in doc.sentences]
    assert column(table, "eligible").tolist()[-2:] == [0.0, 0.0]  # a caption, a shouted heading
    assert column(table, "syllables").tolist() == [len(" ".join(s.words).split()) for s in doc.sentences]
    assert column(table, "proper_names")[0] >= 2  # "Nghệ An", "Ban quản lý" after the first word
    assert column(table, "numbers")[0] == 0
