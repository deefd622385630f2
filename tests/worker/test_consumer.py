"""The worker keeps an event through an outage instead of spending its delivery attempts."""

import functools
import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.exc import OperationalError

from services.events import Event, EventKind, OrderEvent, Refresh
from services.messaging.amqp import Topology
from worker import consumer as consumer_module
from worker.consumer import WorkerConsumer
from worker.outages import Backoff

EVENT = Event(
    event_id="e-1",
    kind=EventKind.ORDER_PLACED,
    subject="ABC123",
    payload=OrderEvent(
        order_id="ABC123", ticket_number=1, status="Order Placed", due_day=date(2026, 12, 5), at=datetime.now(UTC)
    ),
    created_at=datetime.now(UTC),
)


class Channel:
    """Records what the worker tells the broker (only the connection thread may talk to it)."""

    def __init__(self) -> None:
        self.is_open = True
        self.acked: list[int] = []
        self.nacked: list[int] = []

    def basic_ack(self, tag: int) -> None:
        self.acked.append(tag)

    def basic_nack(self, tag: int, requeue: bool) -> None:
        self.nacked.append(tag)


class Connection:
    def __init__(self) -> None:
        self.callbacks = []

    def add_callback_threadsafe(self, callback) -> None:
        self.callbacks.append(callback)


class FlakyDatabase:
    """Fails the way an unreachable PostgreSQL does, `outage` times, then handles the event."""

    def __init__(self, outage: int, then: Exception | None = None) -> None:
        self.outage = outage
        self.then = then
        self.calls = 0
        self.tried = threading.Event()

    def __call__(self, event: Event) -> Refresh:
        self.calls += 1
        self.tried.set()
        if self.calls <= self.outage:
            raise OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))
        if self.then is not None:
            raise self.then
        return Refresh.after(event)


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch) -> None:
    monkeypatch.setattr(consumer_module, "Backoff", functools.partial(Backoff, first=0.001, cap=0.01))
    monkeypatch.setattr(consumer_module.time, "sleep", lambda _seconds: None)  # the poison path's pause


def consumer_with(handler) -> WorkerConsumer:
    return WorkerConsumer("amqp://guest:guest@127.0.0.1:1/%2F", Topology(prefix="unit", max_attempts=3), handler)


def test_an_event_that_meets_an_outage_is_handled_once_the_database_is_back_and_acked() -> None:
    handler = FlakyDatabase(outage=5)
    worker, connection, channel = consumer_with(handler), Connection(), Channel()
    worker._work(connection, channel, tag=7, body=EVENT.to_json(), attempt=1)

    assert handler.calls == 6
    [done] = connection.callbacks
    assert done.func == worker._done  # acked after the refresh, never nacked: no delivery attempt was used
    assert worker.failed == 0 and worker.handled == 1


def test_an_event_that_fails_on_its_own_merits_is_given_back_to_count_an_attempt() -> None:
    handler = FlakyDatabase(outage=2, then=KeyError("order_id"))
    worker, connection, channel = consumer_with(handler), Connection(), Channel()
    worker._work(connection, channel, tag=7, body=EVENT.to_json(), attempt=1)

    [retry] = connection.callbacks
    retry()
    assert channel.nacked == [7] and channel.acked == []
    assert worker.failed == 1


def test_a_worker_stopping_during_an_outage_lets_the_broker_have_the_event_back() -> None:
    handler = FlakyDatabase(outage=10**9)
    worker, connection, channel = consumer_with(handler), Connection(), Channel()
    working = threading.Thread(target=worker._work, args=(connection, channel, 7, EVENT.to_json(), 1))
    working.start()
    assert handler.tried.wait(10)
    worker.stop()
    working.join(10)

    assert not working.is_alive()
    assert connection.callbacks == []  # neither acked nor nacked: redelivered when the channel closes


def _event(n: int) -> Event:
    return EVENT.model_copy(update={"event_id": f"e-{n}", "subject": f"O{n}"})


class BatchHandler:
    """Handles a batch unless it holds the poison event; one at a time it fails only on that one."""

    def __init__(self, poison: str | None = None, outage: int = 0) -> None:
        self.poison = poison
        self.outage = outage
        self.batches: list[list[str]] = []
        self.singles: list[str] = []

    def handle_batch(self, events: list[Event]) -> list[Refresh]:
        self.batches.append([event.event_id for event in events])
        if len(self.batches) <= self.outage:
            raise OperationalError("COMMIT", {}, ConnectionRefusedError("connection refused"))
        if any(event.event_id == self.poison for event in events):
            raise KeyError("order_id")
        return [Refresh.after(event) for event in events]

    def __call__(self, event: Event) -> Refresh:
        self.singles.append(event.event_id)
        if event.event_id == self.poison:
            raise KeyError("order_id")
        return Refresh.after(event)


class BatchChannel(Channel):
    def basic_ack(self, tag: int, multiple: bool = False) -> None:
        self.acked.append((tag, multiple))


def _deliveries(connection, channel, count: int) -> list[consumer_module.Delivery]:
    return [consumer_module.Delivery(connection, channel, n, _event(n).to_json(), 1) for n in range(1, count + 1)]


def test_a_batch_is_handled_in_one_go_and_acked_with_one_multiple_ack(monkeypatch) -> None:
    monkeypatch.setattr(consumer_module, "send_refresh", lambda *_args: None)
    handler = BatchHandler()
    worker, connection, channel = consumer_with(handler), Connection(), BatchChannel()
    worker._work_batch(_deliveries(connection, channel, 5))
    for callback in connection.callbacks:
        callback()

    assert handler.batches == [["e-1", "e-2", "e-3", "e-4", "e-5"]] and handler.singles == []
    assert channel.acked == [(5, True)] and channel.nacked == []
    assert worker.handled == 5


def test_a_poison_event_in_a_batch_sinks_no_other(monkeypatch) -> None:
    monkeypatch.setattr(consumer_module, "send_refresh", lambda *_args: None)
    handler = BatchHandler(poison="e-3")
    worker, connection, channel = consumer_with(handler), Connection(), BatchChannel()
    worker._work_batch(_deliveries(connection, channel, 5))
    for callback in connection.callbacks:
        callback()

    assert handler.singles == ["e-1", "e-2", "e-3", "e-4", "e-5"]  # the batch again, one event at a time
    assert channel.acked == [(1, False), (2, False), (4, False), (5, False)]
    assert channel.nacked == [3]  # only the poison event used up a delivery attempt
    assert worker.handled == 4 and worker.failed == 1


def test_a_batch_that_meets_an_outage_is_tried_again_whole_without_using_an_attempt(monkeypatch) -> None:
    monkeypatch.setattr(consumer_module, "send_refresh", lambda *_args: None)
    handler = BatchHandler(outage=3)
    worker, connection, channel = consumer_with(handler), Connection(), BatchChannel()
    worker._work_batch(_deliveries(connection, channel, 4))
    for callback in connection.callbacks:
        callback()

    assert len(handler.batches) == 4 and handler.singles == []
    assert channel.acked == [(4, True)] and channel.nacked == []
    assert worker.failed == 0
