"""Fixtures for the live loop: a unique RabbitMQ prefix per test, real bakeops processes, and private
PostgreSQL/RabbitMQ servers for the tests that stop one (never the machine's shared ones)."""

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pika
import pytest
from pika.exceptions import AMQPError
from sqlalchemy import create_engine, func
from sqlmodel import Session, select

from devtools.processes import Process, Server
from services.messaging.amqp import Topology
from services.models import Notification
from tests.conftest import empty_postgres
from tests.private_servers import PrivatePostgres, PrivateRabbitMQ

AMQP_URL = os.environ.get("BAKEOPS_TEST_AMQP", "amqp://guest:guest@127.0.0.1:5672/%2F")


@pytest.fixture(scope="session")
def amqp_url() -> str:
    try:
        pika.BlockingConnection(pika.URLParameters(AMQP_URL)).close()
    except AMQPError as error:
        pytest.fail(f"RabbitMQ is not reachable at {AMQP_URL}: {error!r}", pytrace=False)
    return AMQP_URL


@pytest.fixture
def topology(amqp_url: str) -> Iterator[Topology]:
    """Exchange and queue names no other test run uses; deleted afterwards."""
    topology = Topology(prefix=f"test-{uuid.uuid4().hex[:10]}", max_attempts=3)
    yield topology
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    for queue in (topology.worker_queue, topology.dead_queue):
        channel.queue_delete(queue)
    for exchange in (topology.events_exchange, topology.dead_exchange, topology.refresh_exchange):
        channel.exchange_delete(exchange)
    connection.close()


@pytest.fixture(scope="session")
def private_rabbitmq() -> Iterator[PrivateRabbitMQ]:
    """A broker node of this test run's own (about 10 s to boot, so one per run); tests may stop its app."""
    with PrivateRabbitMQ() as node:
        yield node


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    """A PostgreSQL cluster of this test's own, which the test may stop and start."""
    with PrivatePostgres() as cluster:
        yield cluster


@pytest.fixture
def pg_url(pg_database_url: str) -> str:
    empty_postgres(pg_database_url)
    return pg_database_url


@pytest.fixture
def launch(tmp_path: Path) -> Iterator[Callable[..., Process]]:
    """launch("serve" | "worker", env) starts a real bakeops process; all are stopped after the test."""
    started: list[Process] = []

    def start(role: str, env: dict[str, str]) -> Process:
        log = tmp_path / f"{role}-{len(started)}.log"
        process = Server(env, log, tmp_path) if role == "serve" else Process([role], env, log, tmp_path)
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


def broker_env(database_url: str, amqp_url: str, topology: Topology, **extra: str) -> dict[str, str]:
    return {
        "BAKEOPS_DATABASE_URL": database_url,
        "BAKEOPS_AMQP_URL": amqp_url,
        "BAKEOPS_EXCHANGE_PREFIX": topology.prefix,
        "BAKEOPS_WORKER_MAX_ATTEMPTS": str(topology.max_attempts),
        "BAKEOPS_RELAY_SWEEP_SECONDS": "0.5",
    } | extra


def notifications_for(database_url: str, order_id: str) -> list[Notification]:
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            return list(session.exec(select(Notification).where(Notification.order_public_id == order_id)))
    finally:
        engine.dispose()


def count_notifications(database_url: str) -> int:
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            return session.exec(select(func.count()).select_from(Notification)).one()
    finally:
        engine.dispose()
