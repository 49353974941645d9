from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def analyzer():
    from nlp_service.analyzer import Analyzer

    return Analyzer.load()


@pytest.fixture(scope="session")
def portal_page() -> str:
    return (FIXTURES / "portal_cchc.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def portal_html() -> str:
    return (FIXTURES / "portal_cchc.html").read_text(encoding="utf-8")


SPORT_TEXT = (
    "Đội tuyển bóng đá Việt Nam thắng Thái Lan 2-1 trong trận chung kết giải vô địch Đông Nam Á tối qua. "
    "Tiền đạo Nguyễn Tiến Linh ghi bàn thắng quyết định ở phút 85 sau pha đánh đầu. "
    "Huấn luyện viên trưởng khen ngợi tinh thần thi đấu của các cầu thủ và cảm ơn người hâm mộ đã cổ vũ trên sân Mỹ Đình."
)


@pytest.fixture(scope="session")
def sport_text() -> str:
    return SPORT_TEXT
