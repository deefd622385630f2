"""Wires the live loop for one `bakeops serve` process (see ARCHITECTURE.md, "One live loop").

With BAKEOPS_AMQP_URL: outbox relay -> RabbitMQ -> separate `bakeops worker` -> fanout -> this bridge.
Without it: outbox relay -> the worker's handler in this process -> this bridge. Same handler, same rules.
"""

import asyncio

from bakeops_ui.live import LiveBridge, LiveStats
from bakeops_ui.settings import Settings
from pages import live
from services.messaging.amqp import AmqpPublisher, Topology
from services.messaging.inprocess import InProcessBus
from services.notifications import Notifier, SmtpNotifier
from services.relay import OutboxRelay
from worker.handler import EventHandler
from worker.watch import LatenessWatch


def topology_for(settings: Settings) -> Topology:
    return Topology(prefix=settings.exchange_prefix, max_attempts=settings.worker_max_attempts)


def email_notifier(settings: Settings) -> Notifier | None:
    return SmtpNotifier(settings.smtp_url, settings.smtp_sender) if settings.smtp_url else None


class EventPipeline:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.stats = LiveStats()
        self.parts: list = []
        self.bridge: LiveBridge | None = None

    def start(self) -> None:
        """Call on the running event loop (NiceGUI's startup hook)."""
        settings = self.settings
        self.bridge = LiveBridge(asyncio.get_running_loop(), self.stats)
        live.order_changed.subscribe(self.stats.record, unsubscribe_on_delete=False)
        if settings.amqp_url:
            topology = topology_for(settings)
            publisher = AmqpPublisher(settings.amqp_url, topology)
            self.parts = [OutboxRelay(publisher, sweep_seconds=settings.relay_sweep_seconds)]
            self.bridge.listen_to_broker(settings.amqp_url, topology)
        else:
            bus = InProcessBus(EventHandler(email_notifier(settings)), max_attempts=settings.worker_max_attempts)
            bus.subscribe_refreshes(self.bridge.hand_over)
            self.parts = [
                OutboxRelay(bus, sweep_seconds=settings.relay_sweep_seconds),
                LatenessWatch(settings.lateness_check_seconds),
            ]
            live.set_connected(True)
        for part in self.parts:
            part.start()

    def stop(self) -> None:
        for part in reversed(self.parts):
            part.stop()
        if self.bridge is not None:
            self.bridge.stop()
        live.order_changed.unsubscribe(self.stats.record)
