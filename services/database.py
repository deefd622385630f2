"""Engine, sessions and migrations, for SQLite (embedded default) and PostgreSQL."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.pool import NullPool
from sqlmodel import Session

MIGRATIONS = Path(__file__).parent / "migrations"

_engine: Engine | None = None


def make_engine(url: str, **overrides: Any) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **overrides)
        event.listen(engine, "connect", _tune_sqlite)
        event.listen(engine, "begin", _begin_immediate)
        return engine
    # No pre-ping (a round trip per request); dropped connections are invalidated on their first error instead.
    # 16 kept open: with fewer, 16 clients at once (bench.rest) opened and closed an overflow connection, a new
    # PostgreSQL backend, on many requests.
    options: dict[str, Any] = {"pool_size": 16, "max_overflow": 16, "pool_recycle": 1800}
    return create_engine(url, **(options | overrides))


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the board read while an order is written; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
    # Let SQLAlchemy's "begin" hook open transactions itself (see _begin_immediate).
    dbapi_connection.isolation_level = None


def _begin_immediate(connection: Any) -> None:
    # A deferred SQLite transaction that reads, then writes after another writer committed, fails
    # at once with "database is locked"; taking the write lock up front makes writers queue instead.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def use_engine(engine: Engine) -> None:
    """Point every service at this database (called once by the app, the worker or a test)."""
    global _engine
    _engine = engine


def reader_of(database: Engine) -> Engine:
    """The same PostgreSQL database for statements that read alone: a pool of its own in autocommit.

    A single SELECT needs no transaction, so it skips the BEGIN and ROLLBACK round trips; the pool is separate
    so that no connection switches mode per use (switching cost a blocking call each time in bench.rest).
    """
    reader = _readers.get(database)
    if reader is None:
        reader = _readers[database] = make_engine(
            database.url.render_as_string(hide_password=False), isolation_level="AUTOCOMMIT"
        )
    return reader


_readers: dict[Engine, Engine] = {}


def engine() -> Engine:
    if _engine is None:
        raise RuntimeError("No database configured: call services.database.use_engine() first")
    return _engine


def new_session() -> Session:
    """A session on the app's engine; objects stay readable after a commit."""
    return Session(engine(), expire_on_commit=False)


@contextmanager
def session_scope() -> Iterator[Session]:
    with new_session() as session:
        yield session


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the schema up to date; the only way tables are made outside tests.

    On PostgreSQL an advisory lock makes several servers starting at once migrate one after another.
    """
    config = alembic_config(url)
    migration_engine = make_engine(url) if url.startswith("sqlite") else create_engine(url, poolclass=NullPool)
    try:
        with migration_engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        migration_engine.dispose()


_MIGRATION_LOCK = 0x0BA6E0
