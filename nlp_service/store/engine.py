"""Engines for the store: SQLite in a file (WAL) by default, PostgreSQL through psycopg 3; migrations on open.

SQLite needs two things for many threads (and processes) writing safely:
- WAL journal, so readers never block the writer nor the writer the readers, and ``synchronous=FULL``, so a
  commit is on disk before it returns (a 201 is never sent for a write a power cut could still undo);
- ``BEGIN IMMEDIATE`` for write transactions, which takes the write lock at the start and waits for it up to
  the busy timeout. A deferred transaction that reads, then writes, fails at once with "database is locked"
  when another connection wrote meanwhile. Reads keep a deferred ``BEGIN`` on their own engine.
"""

from __future__ import annotations

import logging
import math
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from nlp_service.errors import ConfigurationError
from nlp_service.settings import Settings

log = logging.getLogger("nlp_service")

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_FILE = "nlp_service.db"
# Any fixed number: held while migrating so that two processes starting together migrate once.
PG_MIGRATION_LOCK = 727_105


@dataclass
class Engines:
    """The engine that writes and the one that reads (the same object except on SQLite)."""

    write: Engine
    read: Engine

    @property
    def dialect(self) -> str:
        return self.write.dialect.name

    def dispose(self) -> None:
        self.write.dispose()
        if self.read is not self.write:
            self.read.dispose()


def database_url(settings: Settings) -> str:
    """The configured URL, else the SQLite file in ``data_dir`` (the directory is created)."""
    if settings.database_url:
        return settings.database_url
    data_dir = Path(settings.data_dir).expanduser()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(f"cannot create the data directory {data_dir}: {exc}") from exc
    return f"sqlite:///{(data_dir / SQLITE_FILE).resolve()}"


def sqlite_file(engines: Engines) -> Path | None:
    """The file of a SQLite store, None for another database."""
    if engines.dialect != "sqlite":
        return None
    return Path(engines.write.url.database).resolve()


def safe_url(url: str) -> str:
    """The URL with its password hidden, for logs and messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL is reported without its text
        return "<malformed database URL>"


def _use_wal(cursor: sqlite3.Cursor, busy_timeout: float) -> None:
    """Put the database file in WAL mode, unless it already is (the mode is stored in the file).

    Switching needs a moment when no other connection holds a lock, and SQLite answers "database is locked"
    at once instead of waiting for it: several processes opening a new file together would fail. So the
    switch is retried until the busy timeout, as a write would wait."""
    deadline = time.monotonic() + busy_timeout
    pause = 0.005
    while True:
        try:
            if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
                return
            mode = str(cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]).lower()
            if mode != "wal":  # a file system without shared memory: SQLite keeps its rollback journal
                log.warning("SQLite kept journal mode %s instead of WAL", mode)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.2)


def _sqlite_engine(url: str, busy_timeout: float, immediate: bool) -> Engine:
    # hide_parameters: an error's log line and message never carry the article text or other values.
    engine = create_engine(url, connect_args={"timeout": busy_timeout}, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy emit BEGIN itself (the sqlite3 module's own transaction handling is off).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        _use_wal(cursor, busy_timeout)
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _postgres_engine(url: str, connect_timeout: float, statement_timeout: float) -> Engine:
    engine = create_engine(url, pool_pre_ping=True, hide_parameters=True, pool_timeout=statement_timeout,
                           connect_args={"connect_timeout": max(1, math.ceil(connect_timeout))})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Set per session rather than in the URL's options, which may already carry a search_path.
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(statement_timeout * 1000)}")
            cursor.execute(f"SET lock_timeout = {int(statement_timeout * 1000)}")
        dbapi_connection.commit()

    return engine


def create_engines(url: str, busy_timeout: float = 10.0, connect_timeout: float = 5.0,
                   statement_timeout: float = 10.0) -> Engines:
    try:
        parsed = make_url(url)
    except Exception as exc:  # noqa: BLE001
        raise ConfigurationError("NLP_SERVICE_DATABASE_URL is not a database URL") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise ConfigurationError("the SQLite store needs a file (an in-memory database is lost on exit)")
        return Engines(write=_sqlite_engine(url, busy_timeout, immediate=True),
                       read=_sqlite_engine(url, busy_timeout, immediate=False))
    if backend == "postgresql":
        if parsed.get_dialect().driver != "psycopg":  # plain postgresql:// means psycopg from SQLAlchemy 2.1
            raise ConfigurationError("use PostgreSQL through psycopg 3: postgresql+psycopg://user@host/db")
        engine = _postgres_engine(url, connect_timeout, statement_timeout)
        return Engines(write=engine, read=engine)
    raise ConfigurationError(f"unsupported database {backend!r}: use sqlite:///path or postgresql+psycopg://...")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate(engines: Engines, revision: str = "head") -> None:
    """Bring the schema to ``revision``; safe when several processes start at once."""
    config = alembic_config()
    with engines.write.begin() as connection:
        if engines.dialect == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
        # On SQLite the BEGIN IMMEDIATE of this transaction is the lock.
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
