"""The live bridge: refresh messages (from RabbitMQ's fanout or the in-process bus) onto NiceGUI's loop.

Only `bakeops serve` has one; `bakeops api` runs the event pipeline without it, and so without NiceGUI.
"""

import asyncio
import logging
import os
import socket
import statistics
import uuid
from collections import deque

import pika
from pika.adapters.blocking_connection import BlockingChannel

from bakeops_ui import live
from services import metrics, order_cache
from services.bakery_settings import forget_settings
from services.catalogue_cache import forget_catalogue
from services.clock import utcnow
from services.events import Refresh
from services.messaging.amqp import ReconnectingConsumer, Topology

log = logging.getLogger("bakeops.live")


class LiveStats:
    """What this UI server's subscribers received, and how long after the commit (for /live/stats)."""

    def __init__(self) -> None:
        self.received = 0
        self.last_event_id: str | None = None
        self.latencies: deque[float] = deque(maxlen=20_000)

    def record(self, refresh: Refresh) -> None:
        self.received += 1
        self.last_event_id = refresh.event_id
        seconds = (utcnow() - refresh.committed_at).total_seconds()
        self.latencies.append(seconds)
        metrics.COMMIT_TO_UI.observe(seconds)

    def reset_latencies(self) -> dict:
        self.latencies.clear()
        return {"reset": True}

    def summary(self) -> dict:
        samples = sorted(self.latencies)

        def quantile(q: float) -> float | None:
            return round(samples[min(len(samples) - 1, int(q * len(samples)))] * 1000, 2) if samples else None

        return {
            "live": live.connection["live"],
            "received": self.received,
            "last_event_id": self.last_event_id,
            "latency_ms": {
                "p50": quantile(0.5),
                "p95": quantile(0.95),
                "p99": quantile(0.99),
                "mean": round(statistics.fmean(samples) * 1000, 2) if samples else None,
            },
        }


class LiveBridge:
    """Thread-safe entry (`hand_over`) for refreshes; emits them on the loop that owns the UI."""

    def __init__(self) -> None:
        self.stats = LiveStats()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.consumer: ReconnectingConsumer | None = None

    def start(self) -> None:
        """Call on the running loop that owns the UI (NiceGUI's startup); refreshes are emitted there."""
        self.loop = asyncio.get_running_loop()
        live.order_changed.subscribe(self.stats.record, unsubscribe_on_delete=False)
        # A product changed on another server: this one's cached catalogue must go too.
        live.catalogue_changed.subscribe(forget_catalogue, unsubscribe_on_delete=False)
        live.bakery_changed.subscribe(forget_settings, unsubscribe_on_delete=False)

    def hand_over(self, refresh: Refresh) -> None:
        if refresh.kind.area == "order":  # here, not on the loop: a status read must not wait for the redraws
            order_cache.forget_orders([refresh.subject])
        self.loop.call_soon_threadsafe(live.deliver, refresh)

    def set_connected(self, connected: bool) -> None:
        order_cache.hearing_refreshes(connected)  # only a server that hears every order event keeps answers
        metrics.LIVE_CONNECTED.set(1 if connected else 0)
        self.loop.call_soon_threadsafe(live.set_connected, connected)

    def listen_to_broker(self, url: str, topology: Topology) -> None:
        """Own queue on the refresh fanout, kept while this server reconnects (Topology.declare_listener);
        reconnects by itself after a broker restart."""
        name = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"

        def setup(connection: pika.BlockingConnection, channel: BlockingChannel) -> None:
            queue = topology.declare_listener(channel, name)
            channel.basic_consume(queue, self._on_message, auto_ack=True)

        self.consumer = ReconnectingConsumer(url, "live-bridge", setup, on_state=self.set_connected)
        self.consumer.start()

    def _on_message(self, channel, method, properties, body: bytes) -> None:
        try:
            self.hand_over(Refresh.from_json(body))
        except (ValueError, KeyError):
            log.warning("ignored a malformed refresh message")

    @property
    def broker_connected(self) -> bool | None:
        """Whether the feed from the broker is up, or None when this bridge does not listen to one."""
        return self.consumer.connected if self.consumer is not None else None

    def stop(self) -> None:
        if self.consumer is not None:
            self.consumer.stop()
        live.order_changed.unsubscribe(self.stats.record)
