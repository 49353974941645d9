import numpy as np
import pytest

from nlp_service.artifacts import save_model
from nlp_service.errors import ModelIntegrityError
from nlp_service.text.page_blocks import Block, html_blocks, text_blocks
from nlp_service.text.page_features import LEVELS
from nlp_service.text.page_lines import ARTICLE, FURNITURE, HEADLINE, PageLineClassifier, PageLines, best_run

MENU = ["Trang chủ", "Giới thiệu", "Tin tức", "Liên hệ", "Số lượt truy cập: 120"]
BODY = [
    "Sáng ngày {n}/3, Ủy ban nhân dân huyện tổ chức hội nghị triển khai nhiệm vụ trọng tâm của quý, với sự tham dự "
    "của lãnh đạo các phòng, ban.",
    "Theo báo cáo, tỷ lệ hồ sơ giải quyết đúng hạn đạt {n}%, cao hơn cùng kỳ năm trước; người dân đánh giá cao "
    "thái độ phục vụ của cán bộ.",
    "Kết luận hội nghị, đồng chí Chủ tịch yêu cầu các đơn vị khắc phục hạn chế, hoàn thành kế hoạch trước ngày {n} "
    "tháng sau.",
]


def page(n: int) -> tuple[list[Block], np.ndarray]:
    """A small portal page of our own: a menu, the headline, three paragraphs, a menu again."""
    menu = "".join(f'<li><a href="/{k}">{x}</a></li>' for k, x in enumerate(MENU))
    body = "".join(f"<p>{b.format(n=n)}</p>" for b in BODY)
    html = (f'<html><body><ul>{menu}</ul><div><h2>Huyện triển khai nhiệm vụ quý {n}</h2>{body}</div>'
            f'<ul>{menu[:menu.index("<li><a href=" + chr(34) + "/3")]}</ul></body></html>')
    blocks = html_blocks(html, LEVELS)
    labels = [FURNITURE] * 5 + [HEADLINE] + [ARTICLE] * 3 + [FURNITURE] * 3
    assert len(blocks) == len(labels)
    return blocks, np.array(labels)


def test_best_run_is_the_largest_sum_stretch():
    assert best_run(np.array([-1.0, 0.5, 0.4, -0.2, 0.6, -3.0, 0.9])) == (1, 5)
    assert best_run(np.array([-0.5, -0.1])) == (0, 0)
    assert best_run(np.array([])) == (0, 0)


@pytest.fixture(scope="module")
def fitted():
    pages = [page(n) for n in range(1, 13)]
    return PageLineClassifier(max_iter=30, headline_threshold=0.3).fit([p for p, _ in pages], [y for _, y in pages])


def test_a_fitted_classifier_reads_an_unseen_page(fitted):
    blocks, labels = page(27)
    reading = fitted.read(blocks)
    assert reading.article == list(np.flatnonzero(labels == ARTICLE))
    assert reading.headline == int(np.flatnonzero(labels == HEADLINE)[0])
    assert fitted.read([]).article == []


def test_load_checks_the_card_and_the_kind_of_estimator(fitted, tmp_path):
    save_model(fitted, tmp_path / "ok", {"name": "page_lines"})
    model = PageLines.from_dir(tmp_path / "ok")
    assert model.card["name"] == "page_lines" and model.classifier.read(text_blocks("\n".join(b.text for b in page(5)[0]))).article
    save_model({"not": "a classifier"}, tmp_path / "bad", {"name": "page_lines"})
    with pytest.raises(ModelIntegrityError):
        PageLines.from_dir(tmp_path / "bad")
