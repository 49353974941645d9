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


@pytest.fixture(scope="session", autouse=True)
def _isolated_store_settings(tmp_path_factory):
    """Apps built in tests keep their SQLite store in a temporary directory, never in ./data, and
    the developer's own database URL or API keys do not leak into them."""
    import os

    saved = {name: os.environ.get(name) for name in
             ("NLP_SERVICE_DATA_DIR", "NLP_SERVICE_DATABASE_URL", "NLP_SERVICE_API_KEYS")}
    os.environ["NLP_SERVICE_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))
    os.environ.pop("NLP_SERVICE_DATABASE_URL", None)
    os.environ.pop("NLP_SERVICE_API_KEYS", None)
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
