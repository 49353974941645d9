from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def analyzer():
    from nlp_service.pipeline import Analyzer

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


# -- databases for the article store -------------------------------------------------------------------
# Every store test runs on SQLite, and on PostgreSQL too when NLP_SERVICE_TEST_POSTGRES_URL is set
# (.ci/run sets it). Each PostgreSQL test gets a schema of its own, dropped afterwards, so runs repeat
# cleanly and never touch another run's tables.

POSTGRES_ENV = "NLP_SERVICE_TEST_POSTGRES_URL"


def postgres_schema_url(base: str, schema: str) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh, empty database: a SQLite file, or a new schema on the test PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    import os
    import time
    import uuid

    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    from sqlalchemy import create_engine, text

    schema = f"nlp_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield postgres_schema_url(base, schema)
    finally:
        # A server SIGKILLed by a test can leave a backend finishing its last statement on the schema; the
        # drop can then be chosen as a deadlock's victim. That backend exits once it sees its client gone.
        from sqlalchemy.exc import OperationalError

        for attempt in range(5):
            try:
                with admin.connect() as connection:
                    connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
                break
            except OperationalError:
                if attempt == 4:
                    raise
                time.sleep(1)
        admin.dispose()


@pytest.fixture
def store_settings(tmp_path):
    from nlp_service.settings import Settings

    return Settings(data_dir=tmp_path / "data", list_max_limit=100)


@pytest.fixture
def store(database_url, store_settings):
    from nlp_service.store import ArticleStore

    opened = ArticleStore.open(store_settings, database_url)
    yield opened
    opened.close()
