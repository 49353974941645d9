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
    assert model.card["name"] == "page_lines"
    assert model.classifier.read(text_blocks("\n".join(b.text for b in page(5)[0]))).article
    save_model({"not": "a classifier"}, tmp_path / "bad", {"name": "page_lines"})
    with pytest.raises(ModelIntegrityError):
        PageLines.from_dir(tmp_path / "bad")


def test_a_page_whose_headline_is_missed_is_not_read_as_all_article(fitted):
    """Stage two also learns pages without a headline: else "no headline" reads as "every line is article"
    (the corpus bodies it learns from have none), and a menu and counter line would be kept."""
    blocks, labels = page(31)
    x = fitted.first_
    try:  # stage one finds no headline at all
        fitted.first_ = type("NoHeadline", (), {"classes": x.classes, "predict_proba": lambda _, rows: np.column_stack(
            [p * (c != HEADLINE) for p, c in zip(x.predict_proba(rows).T, x.classes)])})()
        reading = fitted.read(blocks)
    finally:
        fitted.first_ = x
    assert reading.headline is None
    assert not any(labels[i] == FURNITURE for i in reading.article)


def test_the_shipped_reader_needs_no_scikit_learn():
    import subprocess
    import sys

    code = ("import sys; from nlp_service.settings import SHIPPED_MODELS; from nlp_service.text.page_lines import "
            "PageLines; from nlp_service.text.page_blocks import text_blocks; m = PageLines.from_dir(SHIPPED_MODELS / "
            "'page_lines'); r = m.classifier.read(text_blocks('Trang chủ\\nHuyện tổ chức hội nghị cải cách hành chính "
            "năm 2024, với sự tham dự của lãnh đạo các phòng, ban và các xã.\\nSố lượt truy cập: 120')); "
            "print(sorted(k for k in sys.modules if k.split('.')[0] in ('sklearn', 'scipy')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_justext_marks_the_main_content_of_a_page():
    long = [b.format(n=4) + " " + b.format(n=5) for b in BODY]  # article paragraphs run past 200 characters
    menu = "".join(f'<li><a href="/{k}">{x}</a></li>' for k, x in enumerate(MENU))
    html = (f"<html><body><ul>{menu}</ul><div><h2>Huyện triển khai nhiệm vụ quý 4</h2>"
            + "".join(f"<p>{p}</p>" for p in long) + "</div></body></html>")
    verdict = {b.text: b.dom.in_main for b in html_blocks(html, LEVELS)}
    assert [verdict[p] for p in long] == [1.0, 1.0, 1.0]
    assert all(verdict[x] == 0.0 for x in MENU)
    nothing = html_blocks("<html><body><ul>" + menu + "</ul></body></html>", LEVELS)
    assert [b.dom.in_main for b in nothing] == [0.0] * len(MENU)  # jusText keeps nothing: a verdict, not NaN


def test_a_table_inside_the_article_is_kept_with_it():
    """A schedule printed as a table between two paragraphs scores low line by line; it is the article's because
    it sits in the element that holds the article, and a sidebar outside that element stays out."""
    from nlp_service.text.page_lines import _with_enclosed

    cells = "".join(f"<tr><td>{k}</td><td>Ngày {k}/5/2019</td><td>Đ/c Phó Chánh Thanh tra</td></tr>" for k in (1, 2, 3))
    html = ("<html><body><ul><li>Trang chủ</li><li>Liên hệ</li></ul><div id='bai'><p>Lịch tiếp công dân tháng 5</p>"
            f"<p>{BODY[0].format(n=5)}</p><table>{cells}</table><p>Vậy, Thanh tra tỉnh thông báo để các tổ chức, "
            "cá nhân biết.</p></div><div><p>Hội nghị tổng kết công tác thanh tra năm 2018 của tỉnh</p></div>"
            "</body></html>")
    blocks = html_blocks(html, LEVELS)
    texts = [b.text for b in blocks]
    closing = "Vậy, Thanh tra tỉnh thông báo để các tổ chức, cá nhân biết."
    first, last = texts.index(BODY[0].format(n=5)), texts.index(closing)
    p = np.array([0.9 if i in (first, last) else 0.05 for i in range(len(blocks))])
    kept = _with_enclosed(blocks, [first], p, 0.5, headline=texts.index("Lịch tiếp công dân tháng 5"))
    assert kept == list(range(first, last + 1))  # the paragraph, the nine cells, the closing paragraph
    assert _with_enclosed([Block(t) for t in texts], [first], p, 0.5, None) == [first]  # plain text: no element
