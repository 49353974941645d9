"""The LambdaMART ranker, fitted on small articles written for these tests."""

import numpy as np
import pytest

from nlp_service.artifacts import save_model
from nlp_service.summarize.budget import Budget
from nlp_service.summarize.learned.model import LearnedModel
from nlp_service.summarize.learned.ranker import RankedSummarizer
from nlp_service.text.tokens import Document, Sentence, tokenize_words

pytest.importorskip("lightgbm")

PLACES = ["huyện Đắk Mil", "xã Tân Lập", "thành phố Vinh", "huyện Nam Đàn", "tỉnh Gia Lai", "quận Hải Châu"]
WORKS = ["khởi công tuyến đường liên xã", "khai trương trung tâm hành chính công", "tổ chức hội nghị tổng kết",
         "phát động phong trào thi đua", "hoàn thành cầu dân sinh mới"]
ASIDES = ["Tuy nhiên, nhiều người dân vẫn chờ thêm thông tin về chuyện này.",
          "Trước đó, bà con đã nhiều lần kiến nghị với chính quyền.",
          "Được biết, thời tiết mấy ngày qua khá thuận lợi.",
          "Theo người dân, con đường cũ đã xuống cấp từ lâu."]


def _article(i: int) -> tuple[Document, np.ndarray]:
    """Four asides and one lead sentence naming the place and the work of the title, at a varying position."""
    place, work = PLACES[i % len(PLACES)], WORKS[i % len(WORKS)]
    lead = f"Sáng {i % 28 + 1}/3, UBND {place} đã {work} với tổng vốn {i + 2} tỷ đồng."
    texts = [ASIDES[(i + j) % len(ASIDES)] for j in range(4)]
    at = i % 5
    texts.insert(at, lead)
    sentences = [Sentence(j, t, tuple(tokenize_words(t)), j, 0) for j, t in enumerate(texts)]
    title = f"{place.split(' ', 1)[1]} {work}"
    grades = np.array([3.0 if j == at else 0.0 for j in range(5)])
    return Document("\n".join(texts), sentences, title, tuple(tokenize_words(title))), grades


@pytest.fixture(scope="module")
def fitted():
    articles = [_article(i) for i in range(60)]
    model = RankedSummarizer(max_iter=20, learning_rate=0.2, max_leaf_nodes=7, min_df=1, min_data_in_leaf=5)
    references = [tuple(tokenize_words(d.title)) for d, _ in articles]
    return model.fit([d for d, _ in articles], references, [g for _, g in articles])


def test_the_ranker_puts_the_lead_first_wherever_it_stands(fitted):
    for i in range(60, 70):
        doc, grades = _article(i)
        assert int(np.argmax(fitted.score(doc))) == int(np.argmax(grades))
        chosen = fitted.summarize(doc, Budget(sentences=1))
        assert [s.index for s in chosen] == [int(np.argmax(grades))]


def test_a_saved_ranker_loads_as_a_summarizer_and_keeps_budgets(fitted, tmp_path):
    save_model(fitted, tmp_path, {"name": "summarizer", "version": "test"})
    loaded = LearnedModel.from_dir(tmp_path).summarizer
    doc, _ = _article(71)
    assert np.allclose(loaded.score(doc), fitted.score(doc))
    chosen = loaded.summarize(doc, Budget(max_chars=120))
    assert sum(len(s.text) for s in chosen) + len(chosen) - 1 <= 120
    assert [s.index for s in chosen] == sorted(s.index for s in chosen)
    assert loaded.summarize(Document(""), 3) == []
