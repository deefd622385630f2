"""The RabbitMQ side of `bakeops worker`: bounded prefetch, what has arrived handled as one batch, ack after commit.

Deliveries are handled in the order they arrived, one batch at a time: everything that arrived while the
previous batch was being handled goes in one transaction and is acknowledged with one `multiple` ack (which
covers every earlier delivery on the channel, all of them settled already because batches go in order).
A batch that fails on one event's merits is taken again one event at a time, so one poison event sinks no
other. An event that fails because the database or the broker is down is kept and tried again until it is
back (no delivery attempt is used); only an event that fails on its own merits counts towards the
dead-letter queue.
"""

import functools
import logging
import queue
import threading
import time
from dataclasses import dataclass

import pika
from pika.adapters.blocking_connection import BlockingChannel

from services import metrics
from services.events import Event, Refresh
from services.messaging.amqp import ReconnectingConsumer, Topology, send_refresh
from worker.handler import EventHandler
from worker.outages import Backoff, is_outage

log = logging.getLogger("bakeops.worker")


@dataclass(frozen=True)
class Delivery:
    """One message as the broker handed it over, with the channel its ack must go back on."""

    connection: pika.BlockingConnection
    channel: BlockingChannel
    tag: int
    body: bytes
    attempt: int


class WorkerConsumer:
    """Consumes the worker queue. The connection thread only talks AMQP (so heartbeats keep flowing
    during slow work); one handler thread takes what has arrived and hands the ack back with
    add_callback_threadsafe."""

    def __init__(self, url: str, topology: Topology, handler: EventHandler, *, prefetch: int = 8) -> None:
        self.topology = topology
        self.handler = handler
        self.prefetch = prefetch
        self.consumer = ReconnectingConsumer(url, "worker-consumer", self._setup)
        self.handled = 0
        self.failed = 0
        self._stopping = threading.Event()
        self._arrived: queue.Queue[Delivery] = queue.Queue()
        self._handler_thread = threading.Thread(target=self._handle_arrivals, name="event-handler", daemon=True)

    def start(self) -> None:
        self._handler_thread.start()
        self.consumer.start()

    def stop(self) -> None:
        self._stopping.set()  # events waiting out an outage give up; unacked, the broker hands them out again
        self.consumer.stop()
        if self._handler_thread.is_alive():
            self._handler_thread.join(timeout=5)

    def _setup(self, connection: pika.BlockingConnection, channel: BlockingChannel) -> None:
        self.topology.declare_events(channel)
        self.topology.declare_refresh(channel)
        channel.basic_qos(prefetch_count=self.prefetch)
        on_message = functools.partial(self._on_message, connection)
        channel.basic_consume(self.topology.worker_queue, on_message, auto_ack=False)
        # Said only now that the queue exists and is consumed (tests and operators wait for this line).
        log.info("worker consuming %s", self.topology.worker_queue)

    def _on_message(self, connection, channel, method, properties, body: bytes) -> None:
        attempt = int((properties.headers or {}).get("x-delivery-count", 0)) + 1
        self._arrived.put(Delivery(connection, channel, method.delivery_tag, body, attempt))

    def _handle_arrivals(self) -> None:
        while not self._stopping.is_set():
            try:
                batch = [self._arrived.get(timeout=0.2)]
            except queue.Empty:
                continue
            while len(batch) < self.prefetch:
                try:
                    batch.append(self._arrived.get_nowait())
                except queue.Empty:
                    break
            # A reconnect starts a new channel: each batch is acked on the channel its deliveries came on.
            for channel in dict.fromkeys(delivery.channel for delivery in batch):
                try:
                    self._work_batch([delivery for delivery in batch if delivery.channel is channel])
                except Exception:  # e.g. the connection closed under us: unacked, they are redelivered
                    log.exception("could not settle a batch of events; the broker will hand them out again")

    def _work_batch(self, batch: list[Delivery]) -> None:
        if len(batch) == 1:
            one = batch[0]
            self._work(one.connection, one.channel, one.tag, one.body, one.attempt)
            return
        connection, channel = batch[0].connection, batch[0].channel
        backoff = Backoff(self._stopping)
        while True:
            try:
                refreshes = self.handler.handle_batch([Event.from_json(delivery.body) for delivery in batch])
                break
            except Exception as error:
                if not is_outage(error):
                    log.warning("a batch of %d events failed (%s); handling them one by one", len(batch), error)
                    for one in batch:
                        self._work(one.connection, one.channel, one.tag, one.body, one.attempt)
                    return
                log.warning(
                    "events kept while a server is unreachable (%s); trying again in %.1fs", error, backoff.next
                )
                if not backoff.wait() or not channel.is_open:
                    return  # stopping, or the broker took them back: they are redelivered to a worker
        self.handled += len(batch)
        metrics.EVENTS_HANDLED.labels(outcome="handled").inc(len(batch))
        last = max(delivery.tag for delivery in batch)
        connection.add_callback_threadsafe(functools.partial(self._done_batch, channel, last, refreshes))

    def _work(self, connection, channel, tag: int, body: bytes, attempt: int) -> None:
        backoff = Backoff(self._stopping)
        while True:
            try:
                refresh = self.handler(Event.from_json(body))
                break
            except Exception as error:
                if not is_outage(error):
                    self._failed(connection, channel, tag, attempt)
                    return
                log.warning("event kept while a server is unreachable (%s); trying again in %.1fs", error, backoff.next)
                if not backoff.wait() or not channel.is_open:
                    return  # stopping, or the broker took it back: it is redelivered to a worker
        self.handled += 1
        metrics.EVENTS_HANDLED.labels(outcome="handled").inc()
        connection.add_callback_threadsafe(functools.partial(self._done, channel, tag, refresh))

    def _failed(self, connection, channel, tag: int, attempt: int) -> None:
        self.failed += 1
        final = attempt >= self.topology.max_attempts
        metrics.EVENTS_HANDLED.labels(outcome="dead_lettered" if final else "failed").inc()
        log.exception(
            "event failed on attempt %d of %d%s",
            attempt,
            self.topology.max_attempts,
            "; dead-lettered" if final else "",
            extra={"fields": {"attempt": attempt}},
        )
        time.sleep(min(0.2 * attempt, 2.0))  # back off before the broker hands it out again
        connection.add_callback_threadsafe(functools.partial(self._retry, channel, tag))

    def _done(self, channel: BlockingChannel, tag: int, refresh: Refresh) -> None:
        if not channel.is_open:
            return  # the broker will redeliver; the handler will see the event is already done
        send_refresh(channel, self.topology, refresh)
        channel.basic_ack(tag)

    def _done_batch(self, channel: BlockingChannel, last_tag: int, refreshes: list[Refresh]) -> None:
        if not channel.is_open:
            return  # the broker will redeliver; the handler will see the events are already done
        for refresh in refreshes:
            send_refresh(channel, self.topology, refresh)
        channel.basic_ack(last_tag, multiple=True)

    def _retry(self, channel: BlockingChannel, tag: int) -> None:
        # Requeue: the quorum queue counts the delivery and dead-letters it after max_attempts.
        if channel.is_open:
            channel.basic_nack(tag, requeue=True)
