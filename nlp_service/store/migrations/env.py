"""Alembic environment: runs on the connection that :func:`nlp_service.store.engine.migrate` passes in.

Revisions in ``versions/`` are written by hand for both SQLite and PostgreSQL; ``tests/test_store.py``
checks that the migrated schema and :mod:`nlp_service.store.models` agree.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from nlp_service.store.models import Base

target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("pass the database as -x url=... (or run the service, which migrates on start-up)")
    with create_engine(url).begin() as conn:
        _run(conn)
