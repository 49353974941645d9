"""The shipped learned summarizer on text written for these tests."""

import unicodedata

import numpy as np
import pytest

from nlp_service.summarize.learned.model import LearnedModel
from nlp_service.summarize.budget import Budget
from nlp_service.errors import ModelIntegrityError
from nlp_service.settings import SHIPPED_MODELS
from nlp_service.text.clean import clean_page, clean_text
from nlp_service.text.tokens import tokenize
from tests.texts import DAK_MIL, DAK_MIL_TITLE

ARTICLE, TITLE = DAK_MIL, DAK_MIL_TITLE


@pytest.fixture(scope="module")
def model():
    return LearnedModel.from_dir(SHIPPED_MODELS / "summarizer")


def test_three_sentences_in_document_order_quoted_verbatim(model):
    doc = tokenize(ARTICLE, TITLE)
    chosen = model.summarize(doc, Budget(sentences=3))
    assert len(chosen) == 3
    assert [s.index for s in chosen] == sorted(s.index for s in chosen)
    assert all(s.text == doc.sentences[s.index].text for s in chosen)


def test_captions_and_bylines_are_never_chosen(model):
    texts = [s.text for s in model.summarize(tokenize(ARTICLE), Budget(sentences=20))]
    assert len(texts) == 5
    assert not any(t.startswith(("Ảnh:", "Theo TTXVN")) for t in texts)


def test_scraped_portal_page_summary_has_no_furniture(model, portal_page):
    clean, title = clean_page(portal_page)
    chosen = model.summarize(tokenize(clean, title), Budget(ratio=1.0))
    assert chosen
    for s in chosen:
        for furniture in ("Số lượt", "TIN MỚI HƠN", "Ảnh:", "Phòng Nội vụ", "Đang truy cập", "In bài", "Trang chủ",
                          "Bản quyền", "(12/03/2024)"):
            assert furniture not in s.text


def test_one_sentence_article_returns_that_sentence(model):
    sentence = "Sáng nay, thành phố khai trương trung tâm phục vụ hành chính công mới."
    assert [s.text for s in model.summarize(tokenize(sentence), Budget(sentences=3))] == [sentence]
    assert [s.text for s in model.summarize(tokenize("Tin vắn"), 3)] == ["Tin vắn"]


def test_empty_document_gives_empty_summary(model):
    assert model.summarize(tokenize(""), 3) == []


def test_character_budget_is_kept(model):
    doc = tokenize(ARTICLE, TITLE)
    chosen = model.summarize(doc, Budget(max_chars=200))
    assert chosen and len(" ".join(s.text for s in chosen)) <= 200
    assert model.summarize(doc, Budget(max_chars=10)) == []  # no sentence is that short


def test_ratio_budget(model):
    doc = tokenize(ARTICLE, TITLE)
    assert len(model.summarize(doc, Budget(ratio=0.4))) == 2  # 40% of five eligible sentences


def test_nfd_and_old_style_tone_marks_choose_the_same_sentences(model):
    doc = tokenize(clean_text(ARTICLE), TITLE)
    nfd = tokenize(clean_text(unicodedata.normalize("NFD", ARTICLE)), TITLE)
    old_style = tokenize(clean_text(ARTICLE.replace("Ủy", "Uỷ")), TITLE)
    assert old_style.text != doc.text  # the writer's spelling is kept; only the model form is canonical
    picks = [s.index for s in model.summarize(doc, 3)]
    assert [s.index for s in model.summarize(nfd, 3)] == picks
    assert [s.index for s in model.summarize(old_style, 3)] == picks


def test_huge_repetitive_input_gives_three_different_sentences(model):
    doc = tokenize("\n".join([ARTICLE] * 80))
    chosen = model.summarize(doc, 3)
    assert len(chosen) == 3 and len({s.text for s in chosen}) == 3


def test_card_describes_the_model():
    card = LearnedModel.from_dir(SHIPPED_MODELS / "summarizer").card
    assert card["metrics"]["test_first_2000_k3"]["rouge2"] > 0
    assert card["data"]["train"]["sha256"] and card["features"]


def test_a_directory_holding_another_kind_of_model_is_refused():
    with pytest.raises(ModelIntegrityError):
        LearnedModel.from_dir(SHIPPED_MODELS / "section")


def test_fit_learns_to_prefer_the_sentences_marked_as_lead():
    from nlp_service.summarize.learned.model import LearnedSummarizer

    lead = "Ngày {n}/3, Công an huyện {n} khởi tố vụ án buôn lậu gỗ quý tại xã biên giới."
    filler = ["Người dân trong xóm kể lại nhiều chuyện cũ bên ấm trà chiều.",
              "Trời hôm ấy se lạnh, những cơn mưa phùn kéo dài đến tối.",
              "Tuy nhiên, câu chuyện vẫn còn nhiều tình tiết chưa được làm rõ."]
    docs, references, targets = [], [], []
    for n in range(1, 13):
        order = filler[: n % 3] + [lead.format(n=n)] + filler[n % 3:]  # the lead sits at varying positions
        docs.append(tokenize("\n".join(order)))
        references.append(tuple(lead.format(n=n).split()))
        targets.append(np.array([1.0 if s.startswith("Ngày") else 0.0 for s in order]))
    model = LearnedSummarizer(max_iter=20, min_df=1).fit(docs, references, targets)
    assert model.lead_words_.table_ and model.forest_.depth >= 1
    test = tokenize("\n".join(filler + [lead.format(n=20)]))
    assert [s.text for s in model.summarize(test, 1)] == [lead.format(n=20)]
