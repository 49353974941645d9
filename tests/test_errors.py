import pickle

import pytest

from nlp_service.errors import ArticleNotFound, EmptyText, TextTooLong, TooManySentences


@pytest.mark.parametrize("error", [
    TextTooLong(120_000, 100_000),
    TooManySentences(1_001, 1_000),
    ArticleNotFound(42),
    EmptyText("không còn chữ nào sau khi bỏ phần khung trang"),
])
def test_a_library_error_survives_pickling_as_it_crosses_to_and_from_a_worker_process(error):
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert str(back) == str(error)
    assert back.status == error.status and back.title == error.title
    assert back.__dict__ == error.__dict__


def test_the_numbers_of_a_too_long_text_come_back_with_it():
    back = pickle.loads(pickle.dumps(TextTooLong(120_000, 100_000)))
    assert (back.length, back.limit) == (120_000, 100_000)
    assert "120,000" in str(back)
