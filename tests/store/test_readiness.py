"""Readiness and durability: a SQLite file deleted under the service takes no acknowledged write and fails
/readyz; a locked (or frozen) PostgreSQL answers 503 within the statement timeout; errors never carry SQL
parameters."""

from __future__ import annotations

import shutil
import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from nlp_service.api import create_app
from nlp_service.errors import StoreUnavailable
from nlp_service.settings import Settings
from nlp_service.store import ArticleIn, ArticleStore
from tests.conftest import POSTGRES_ENV
from tests.newsroom import KeywordAnalyzer, article

keywords = KeywordAnalyzer()


def test_a_deleted_sqlite_directory_takes_no_write_and_fails_readiness(tmp_path):
    data = tmp_path / "data"
    settings = Settings(data_dir=data)
    app = create_app(settings, loader=lambda: keywords)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        app.state.models.wait(10)
        assert client.get("/readyz").status_code == 200
        assert client.post("/v1/articles", json=article(1)).status_code == 201
        shutil.rmtree(data)
        answers = [client.post("/v1/articles", json=article(i)) for i in range(2, 6)]
        assert [a.status_code for a in answers] == [503] * 4
        assert all(a.headers["content-type"].startswith("application/problem+json") for a in answers)
        ready = client.get("/readyz")
        assert ready.status_code == 503 and "retry-after" in ready.headers
    reopened = ArticleStore.open(settings)  # the restart: a new, empty file
    try:
        assert reopened.count() == 0  # nothing answered 201 after the deletion, so nothing acknowledged is lost
    finally:
        reopened.close()


def test_a_replaced_sqlite_file_is_not_written(tmp_path):
    settings = Settings(data_dir=tmp_path)
    store = ArticleStore.open(settings)
    try:
        store.ingest(ArticleIn.model_validate(article(1)), keywords)
        path = tmp_path / "nlp_service.db"
        path.rename(tmp_path / "moved.db")
        shutil.copy(tmp_path / "moved.db", path)  # same name, another file
        with pytest.raises(StoreUnavailable):
            store.ingest(ArticleIn.model_validate(article(2)), keywords)
        with pytest.raises(StoreUnavailable):
            store.check()
    finally:
        store.close()


def test_errors_never_carry_sql_parameters(store):
    secret = "Bài viết bí mật chưa đăng"
    with pytest.raises(Exception) as caught, store.engines.write.connect() as connection:
        connection.execute(text("SELECT * FROM no_such_table WHERE x = :x"), {"x": secret})
    assert secret not in str(caught.value)


@pytest.mark.skipif(not __import__("os").environ.get(POSTGRES_ENV), reason=f"{POSTGRES_ENV} is not set")
def test_a_locked_postgresql_answers_503_within_the_statement_timeout(database_url, tmp_path):
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    settings = Settings(database_url=database_url, data_dir=tmp_path, db_statement_timeout=1.0)
    app = create_app(settings, loader=lambda: keywords)
    holder = create_engine(database_url)
    with TestClient(app, base_url="http://127.0.0.1") as client, holder.connect() as locker:
        app.state.models.wait(10)
        assert client.post("/v1/articles", json=article(1)).status_code == 201
        locker.execute(text("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE"))  # a hung database, as seen by us
        for call in (lambda: client.get("/v1/articles"), lambda: client.post("/v1/articles", json=article(2))):
            started = time.monotonic()
            response = call()
            assert response.status_code == 503, response.text
            assert time.monotonic() - started < 3
        locker.rollback()
    holder.dispose()
