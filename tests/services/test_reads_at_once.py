"""The analytics summary's statements run at once on PostgreSQL, and in the caller's session on SQLite."""

import threading

import pytest
from sqlalchemy import text
from sqlmodel import Session

from services.database import make_engine
from services.reads_at_once import read_at_once


@pytest.mark.postgres
def test_on_postgresql_each_read_runs_at_once_on_its_own_connection(pg_database_url: str) -> None:
    """Each read waits until all three have started: one after another, the first would wait in vain."""
    everyone_started = threading.Barrier(3, timeout=5)

    def backend(session: Session) -> int:
        everyone_started.wait()
        return session.exec(text("SELECT pg_backend_pid()")).one()[0]

    engine = make_engine(pg_database_url)
    try:
        with Session(engine) as session:
            answers = read_at_once(session, {name: backend for name in ("a", "b", "c")})
    finally:
        engine.dispose()
    assert len(set(answers.values())) == 3  # three connections, three server processes


def test_on_sqlite_the_reads_use_the_callers_session(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'reads.db'}")
    try:
        with Session(engine) as session:
            answers = read_at_once(session, {"a": lambda s: s, "b": lambda s: s})
            assert answers == {"a": session, "b": session}
    finally:
        engine.dispose()
