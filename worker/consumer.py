"""The RabbitMQ side of `bakeops worker`: bounded prefetch, work on a thread pool, ack after commit."""

import functools
import logging
import time
from concurrent.futures import ThreadPoolExecutor

import pika
from pika.adapters.blocking_connection import BlockingChannel

from services import metrics
from services.events import Event, Refresh
from services.messaging.amqp import ReconnectingConsumer, Topology, send_refresh
from worker.handler import EventHandler

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

    def start(self) -> None:
        self.consumer.start()

    def stop(self) -> None:
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
        try:
            refresh = self.handler(Event.from_json(body))
        except Exception:
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
            return
        self.handled += 1
        metrics.EVENTS_HANDLED.labels(outcome="handled").inc()
        connection.add_callback_threadsafe(functools.partial(self._done, channel, tag, refresh))

    def _done(self, channel: BlockingChannel, tag: int, refresh: Refresh) -> None:
        if not channel.is_open:
            return  # the broker will redeliver; the handler will see the event is already done
        send_refresh(channel, self.topology, refresh)
        channel.basic_ack(tag)

    def _retry(self, channel: BlockingChannel, tag: int) -> None:
        # Requeue: the quorum queue counts the delivery and dead-letters it after max_attempts.
        if channel.is_open:
            channel.basic_nack(tag, requeue=True)
