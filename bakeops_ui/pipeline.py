"""Wires the live loop for one process (see docs/ARCHITECTURE.md, "One change, end to end").

With BAKEOPS_AMQP_URL: outbox relay -> RabbitMQ -> separate `bakeops worker` -> fanout -> this bridge.
Without it: outbox relay -> the worker's handler in this process -> this bridge. Same handler, same rules.
`bakeops api` (no UI) runs the same pipeline without the bridge, so it never loads NiceGUI.
"""

from typing import Protocol

from bakeops_ui.settings import Settings
from services.events import Refresh
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


class Bridge(Protocol):
    """A UI server's way onto its pages' loop (bakeops_ui/live_bridge.py's LiveBridge)."""

    @property
    def broker_connected(self) -> bool | None: ...

    def start(self) -> None: ...
    def hand_over(self, refresh: Refresh) -> None: ...
    def set_connected(self, connected: bool) -> None: ...
    def listen_to_broker(self, url: str, topology: Topology) -> None: ...
    def stop(self) -> None: ...


class EventPipeline:
    def __init__(self, settings: Settings, *, bridge: Bridge | None = None) -> None:
        self.settings = settings
        self.parts: list = []
        self.bridge = bridge

    def start(self) -> None:
        """Call on the running event loop (NiceGUI's or uvicorn's startup)."""
        settings = self.settings
        if self.bridge is not None:
            self.bridge.start()
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
        if self.bridge is not None and self.bridge.broker_connected is False:
            return False, "RabbitMQ unreachable; reconnecting"
        return True, "ok"

    def stop(self) -> None:
        for part in reversed(self.parts):
            part.stop()
        if self.bridge is not None:
            self.bridge.stop()
