"""Wires the live loop for one process (see docs/ARCHITECTURE.md, "One change, end to end").

With BAKEOPS_AMQP_URL: outbox relay -> RabbitMQ -> separate `bakeops worker` -> fanout -> this bridge.
Without it: outbox relay -> the worker's handler in this process -> this bridge. Same handler, same rules.
`bakeops api` (no UI) runs the same pipeline without the bridge.
"""

import asyncio

from bakeops_ui.live import LiveBridge, LiveStats
from bakeops_ui.settings import Settings
from pages import live
from services.bakery_settings import forget_settings
from services.catalogue_cache import forget_catalogue
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
    def __init__(self, settings: Settings, *, with_ui: bool = True) -> None:
        self.settings = settings
        self.with_ui = with_ui
        self.stats = LiveStats()
        self.parts: list = []
        self.bridge: LiveBridge | None = None

    def start(self) -> None:
        """Call on the running event loop (NiceGUI's or uvicorn's startup)."""
        settings = self.settings
        if self.with_ui:
            self.bridge = LiveBridge(asyncio.get_running_loop(), self.stats)
            live.order_changed.subscribe(self.stats.record, unsubscribe_on_delete=False)
            # A product changed on another server: this one's cached catalogue must go too.
            live.catalogue_changed.subscribe(forget_catalogue, unsubscribe_on_delete=False)
            live.bakery_changed.subscribe(forget_settings, unsubscribe_on_delete=False)
        if settings.amqp_url:
            topology = topology_for(settings)
            publisher = AmqpPublisher(settings.amqp_url, topology)
            self.parts = [OutboxRelay(publisher, sweep_seconds=settings.relay_sweep_seconds)]
            if self.bridge is not None:
                self.bridge.listen_to_broker(settings.amqp_url, topology)
        else:
            bus = InProcessBus(EventHandler(email_notifier(settings)), max_attempts=settings.worker_max_attempts)
            if self.bridge is not None:
                bus.subscribe_refreshes(self.bridge.hand_over)
                self.bridge.set_connected(True)
            self.parts = [
                OutboxRelay(bus, sweep_seconds=settings.relay_sweep_seconds),
                LatenessWatch(settings.lateness_check_seconds),
            ]
        for part in self.parts:
            part.start()

    def broker_ready(self) -> tuple[bool, str]:
        """For /ready: in-process needs no broker; otherwise the live feed must be connected."""
        if not self.settings.amqp_url:
            return True, "in-process"
        if self.bridge is not None and self.bridge.consumer is not None:
            return (True, "ok") if self.bridge.consumer.connected else (False, "RabbitMQ unreachable; reconnecting")
        return True, "ok"

    def stop(self) -> None:
        for part in reversed(self.parts):
            part.stop()
        if self.bridge is not None:
            self.bridge.stop()
            live.order_changed.unsubscribe(self.stats.record)
