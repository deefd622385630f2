"""The RabbitMQ side of `bakeops worker`: bounded prefetch, work on a thread pool, ack after commit.

An event that fails because the database or the broker is down is kept and tried again until it is back
(no delivery attempt is used); only an event that fails on its own merits counts towards the dead-letter
queue.
"""

import functools
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pika
from pika.adapters.blocking_connection import BlockingChannel

from services import metrics
from services.events import Event, Refresh
from services.messaging.amqp import ReconnectingConsumer, Topology, send_refresh
from worker.handler import EventHandler
from worker.outages import Backoff, is_outage

log = logging.getLogger("bakeops.worker")


class WorkerConsumer:
    """Consumes the worker queue. The connection thread only talks AMQP (so heartbeats keep flowing
    during slow work); handlers run on a pool and hand their ack back with add_callback_threadsafe."""

    def __init__(self, url: str, topology: Topology, handler: EventHandler, *, prefetch: int = 8) -> None:
        self.topology = topology
        self.handler = handler
        self.prefetch = prefetch
        self.pool = ThreadPoolExecutor(max_workers=prefetch, thread_name_prefix="event-handler")
        self.consumer = ReconnectingConsumer(url, "worker-consumer", self._setup)
        self.handled = 0
        self.failed = 0
        self._stopping = threading.Event()

    def start(self) -> None:
        self.consumer.start()

    def stop(self) -> None:
        self._stopping.set()  # events waiting out an outage give up; unacked, the broker hands them out again
        self.consumer.stop()
        self.pool.shutdown(wait=False, cancel_futures=True)

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
        self.pool.submit(self._work, connection, channel, method.delivery_tag, body, attempt)

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

    def _retry(self, channel: BlockingChannel, tag: int) -> None:
        # Requeue: the quorum queue counts the delivery and dead-letters it after max_attempts.
        if channel.is_open:
            channel.basic_nack(tag, requeue=True)
