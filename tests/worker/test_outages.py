"""Which failures are the servers' (kept and tried again) and which are the event's (dead-lettered in the end)."""

import json

import pika
import pytest
from pika.exceptions import AMQPError
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from devtools.processes import free_port
from services.events import Event
from worker.outages import is_outage


def raised(action) -> BaseException:
    with pytest.raises(Exception) as caught:
        action()
    return caught.value


def test_a_database_nobody_answers_on_is_an_outage() -> None:
    engine = create_engine(f"postgresql+psycopg2://postgres@127.0.0.1:{free_port()}/bakeops")
    error = raised(lambda: engine.connect().close())
    assert isinstance(error, SQLAlchemyError) and is_outage(error)


def test_a_connection_the_database_cut_mid_transaction_is_an_outage(pg_database_url: str) -> None:
    engine = create_engine(pg_database_url)
    with engine.connect() as victim, engine.connect() as operator:
        pid = victim.execute(text("SELECT pg_backend_pid()")).scalar()
        operator.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        assert is_outage(raised(lambda: victim.execute(text("SELECT 1"))))
    engine.dispose()


def test_a_broker_nobody_answers_on_is_an_outage() -> None:
    params = pika.ConnectionParameters("127.0.0.1", free_port(), connection_attempts=1)
    error = raised(lambda: pika.BlockingConnection(params))
    assert isinstance(error, AMQPError) and is_outage(error)


def test_an_error_raised_while_handling_an_outage_is_still_the_outage() -> None:
    def commit_then_fail_to_clean_up() -> None:
        try:
            raise ConnectionRefusedError("database restarting")
        except ConnectionRefusedError:
            raise RuntimeError("rollback failed too")  # noqa: B904 - the implicit context is the point

    assert is_outage(raised(commit_then_fail_to_clean_up))


def test_a_body_that_is_not_an_event_is_the_events_fault() -> None:
    assert not is_outage(raised(lambda: Event.from_json(b"{not json")))
    assert not is_outage(raised(lambda: Event.from_json(json.dumps({"kind": "order.placed"}).encode())))


def test_a_broken_rule_in_the_database_is_the_events_fault(tmp_path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'rules.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE processed (event_id TEXT PRIMARY KEY)"))
        connection.execute(text("INSERT INTO processed VALUES ('e1')"))

    def insert_again() -> None:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO processed VALUES ('e1')"))

    error = raised(insert_again)
    assert isinstance(error, IntegrityError) and not is_outage(error)
    engine.dispose()


def test_a_bug_in_the_handler_is_the_events_fault() -> None:
    assert not is_outage(KeyError("order_id"))
    assert not is_outage(ValueError("bad ticket number"))
