"""RabbitMQ plumbing shared by the relay, the worker and the live bridge (pika, blocking API).

Topology for prefix P:
  P.events   topic exchange (durable)  -> P.worker quorum queue (durable, delivery limit, DLX P.dead)
  P.dead     fanout exchange (durable) -> P.worker.dead queue: messages that kept failing
  P.refresh  fanout exchange (durable) -> one queue per `bakeops serve` process (P.refresh.<host>-<pid>-<n>),
             kept while that server reconnects (see declare_listener)
"""

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

import pika
from pika.adapters.blocking_connection import BlockingChannel
from pika.exceptions import AMQPError

from services.events import Event, Refresh
from services.messaging.confirms import PublisherConfirms

log = logging.getLogger("bakeops.amqp")

PERSISTENT = pika.DeliveryMode.Persistent
TRANSIENT = pika.DeliveryMode.Transient


def connection_parameters(url: str) -> pika.URLParameters:
    params = pika.URLParameters(url)
    params.heartbeat = 30
    params.blocked_connection_timeout = 30
    params.socket_timeout = 5
    params.connection_attempts = 1
    return params


@dataclass(frozen=True)
class Topology:
    prefix: str = "bakeops"
    max_attempts: int = 5

    @property
    def events_exchange(self) -> str:
        return f"{self.prefix}.events"

    @property
    def refresh_exchange(self) -> str:
        return f"{self.prefix}.refresh"

    @property
    def dead_exchange(self) -> str:
        return f"{self.prefix}.dead"

    @property
    def worker_queue(self) -> str:
        return f"{self.prefix}.worker"

    @property
    def dead_queue(self) -> str:
        return f"{self.prefix}.worker.dead"

    def declare_events(self, channel: BlockingChannel) -> None:
        """Exchange, worker queue and dead-letter queue: declared by publishers too, so nothing is unroutable."""
        channel.exchange_declare(self.events_exchange, exchange_type="topic", durable=True)
        channel.exchange_declare(self.dead_exchange, exchange_type="fanout", durable=True)
        channel.queue_declare(self.dead_queue, durable=True, arguments={"x-queue-type": "quorum"})
        channel.queue_bind(self.dead_queue, self.dead_exchange)
        channel.queue_declare(
            self.worker_queue,
            durable=True,
            arguments={
                "x-queue-type": "quorum",
                # The broker counts deliveries (also those to a worker that crashed) and dead-letters
                # a message once it has been tried max_attempts times.
                "x-delivery-limit": self.max_attempts - 1,
                "x-dead-letter-exchange": self.dead_exchange,
            },
        )
        channel.queue_bind(self.worker_queue, self.events_exchange, routing_key="#")

    def declare_refresh(self, channel: BlockingChannel) -> None:
        channel.exchange_declare(self.refresh_exchange, exchange_type="fanout", durable=True)

    def declare_listener(self, channel: BlockingChannel, name: str) -> str:
        """One UI server's queue on the refresh fanout. Not exclusive: it outlives a dropped connection and a
        broker restart, so the refreshes sent while the server reconnects wait for it (an exclusive queue
        dropped them; the first worker back after an outage could send its refreshes before the server was
        back). The broker deletes it once no one has used it for LISTENER_EXPIRES_MS (a server gone for good)."""
        self.declare_refresh(channel)
        queue = f"{self.refresh_exchange}.{name}"
        channel.queue_declare(
            queue,
            durable=True,
            arguments={"x-expires": LISTENER_EXPIRES_MS, "x-max-length": LISTENER_MOST_WAITING},
        )
        channel.queue_bind(queue, self.refresh_exchange)
        return queue


LISTENER_EXPIRES_MS = 60_000
LISTENER_MOST_WAITING = 10_000  # refreshes kept for a server that is away: newer ones push out the oldest


def send_refresh(channel: BlockingChannel, topology: Topology, refresh: Refresh) -> None:
    """A refresh is only useful now: transient, and fine to drop when no UI server listens."""
    channel.basic_publish(
        topology.refresh_exchange,
        routing_key="",
        body=refresh.to_json(),
        properties=pika.BasicProperties(delivery_mode=TRANSIENT, content_type="application/json"),
    )


class AmqpPublisher:
    """Publishes events (persistent, mandatory) a batch at a time, and waits once per batch for the broker's
    confirms. Use from one thread only."""

    def __init__(self, url: str, topology: Topology, *, confirm_timeout: float = 10.0) -> None:
        self.url = url
        self.topology = topology
        self.confirm_timeout = confirm_timeout
        self._connection: pika.BlockingConnection | None = None
        self._channel: BlockingChannel | None = None
        self._confirms: PublisherConfirms | None = None

    def publish_events(self, events: list[Event]) -> list[Event]:
        """Send every event, then wait for the broker; returns those it confirmed, in order.

        An event the broker refused (nack) or could not route (returned) is left out, so its outbox row stays
        unsent and goes again. Raises when the broker could not be reached at all.
        """
        was_connected = self._channel is not None and self._channel.is_open
        try:
            return self._publish(events)
        except (AMQPError, OSError):
            self.close()
            if not was_connected:
                raise
            # The old connection had gone stale (broker restart): one more try on a fresh one.
            return self._publish(events)

    def keep_alive(self) -> None:
        """Answer heartbeats while idle so the broker does not drop the connection."""
        if self._connection is not None and self._connection.is_open:
            try:
                self._connection.process_data_events(time_limit=0)
            except AMQPError:
                self.close()

    def close(self) -> None:
        connection, self._connection, self._channel, self._confirms = self._connection, None, None, None
        if connection is not None and connection.is_open:
            with contextlib.suppress(AMQPError):
                connection.close()

    def _publish(self, events: list[Event]) -> list[Event]:
        channel, confirms = self._open()
        for event in events:
            confirms.sending(event)
            channel.basic_publish(
                self.topology.events_exchange,
                routing_key=event.kind,
                body=event.to_json(),
                properties=pika.BasicProperties(
                    delivery_mode=PERSISTENT,
                    content_type="application/json",
                    message_id=event.event_id,
                    type=event.kind,
                ),
                mandatory=True,
            )
        if not confirms.wait_for_all(self.confirm_timeout):
            log.warning("%d events unconfirmed after %.0fs; they stay unsent", confirms.waiting, self.confirm_timeout)
            self.close()  # a late confirm must not be taken for one of the next batch's
        return confirms.take_confirmed()

    def _open(self) -> tuple[BlockingChannel, "PublisherConfirms"]:
        if self._channel is None or not self._channel.is_open or self._confirms is None:
            self.close()
            self._connection = pika.BlockingConnection(connection_parameters(self.url))
            channel = self._connection.channel()
            self.topology.declare_events(channel)
            self.topology.declare_refresh(channel)
            self._confirms = PublisherConfirms(self._connection, channel)
            self._channel = channel
        return self._channel, self._confirms


class ReconnectingConsumer:
    """Runs a consumer on its own thread and connection; reconnects with backoff when the broker goes away.

    `setup(connection, channel)` declares what it needs and starts consuming; `on_state(connected)`
    reports the connection state (for the UI's live indicator and for health checks).
    """

    def __init__(
        self,
        url: str,
        name: str,
        setup: Callable[[pika.BlockingConnection, BlockingChannel], None],
        on_state: Callable[[bool], None] = lambda connected: None,
    ) -> None:
        self.url = url
        self.name = name
        self.setup = setup
        self.on_state = on_state
        self.connected = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self.run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():  # a consumer that was never started has nothing to wait for
            self._thread.join(timeout=5)

    def run(self) -> None:
        backoff = 0.5
        while not self._stop.is_set():
            connection = None
            try:
                connection = pika.BlockingConnection(connection_parameters(self.url))
                self.setup(connection, connection.channel())
                self._set_state(True)
                backoff = 0.5
                while not self._stop.is_set():
                    connection.process_data_events(time_limit=0.2)
            except (AMQPError, OSError) as error:
                self._set_state(False)
                log.warning("%s: broker connection lost (%s); reconnecting in %.1fs", self.name, error, backoff)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 10.0)
            finally:
                if connection is not None and connection.is_open:
                    with contextlib.suppress(AMQPError):
                        connection.close()
        self._set_state(False)

    def _set_state(self, connected: bool) -> None:
        if connected != self.connected:
            self.connected = connected
            self.on_state(connected)
