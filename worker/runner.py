"""`bakeops worker`: the consumer, the outbox relay for the worker's own events, the lateness watch."""

import logging
import signal
import threading

from prometheus_client import start_http_server

from services.messaging.amqp import AmqpPublisher, Topology
from services.metrics import watch_outbox
from services.notifications import Notifier
from services.relay import OutboxRelay
from worker.consumer import WorkerConsumer
from worker.handler import EventHandler
from worker.watch import LatenessWatch

log = logging.getLogger("bakeops.worker")


def run_worker(
    amqp_url: str,
    topology: Topology,
    *,
    email: Notifier | None = None,
    prefetch: int = 8,
    lateness_seconds: float = 30.0,
    metrics_port: int = 0,
    stop: threading.Event | None = None,
) -> None:
    """Run until SIGTERM/SIGINT (or `stop` is set). The database must already be configured."""
    stop = stop or threading.Event()
    if metrics_port:
        watch_outbox()
        _serve_metrics(metrics_port)
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
    relay = OutboxRelay(AmqpPublisher(amqp_url, topology))
    consumer = WorkerConsumer(amqp_url, topology, EventHandler(email), prefetch=prefetch)
    watch = LatenessWatch(lateness_seconds)
    for part in (relay, consumer, watch):
        part.start()
    stop.wait()
    log.info("worker stopping")
    for part in (watch, consumer, relay):
        part.stop()


def _serve_metrics(port: int) -> None:
    try:
        start_http_server(port, addr="0.0.0.0")  # inside a container the scraper comes from outside
        log.info("worker metrics on :%d/metrics", port)
    except OSError as error:  # several workers on one host: the first one gets the port
        log.warning("worker metrics port %d unavailable (%s); metrics not exposed", port, error)
