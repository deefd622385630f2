"""Prometheus metrics of the bakery's moving parts (exposed by `bakeops serve` and `bakeops worker`)."""

from prometheus_client import Counter, Gauge, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY, Collector
from sqlalchemy import func
from sqlmodel import select

from services.clock import as_aware, utcnow
from services.database import session_scope
from services.models import OutboxEvent

ORDERS_PLACED = Counter("bakeops_orders_placed", "Orders placed (REST or storefront)")
STATUS_CHANGES = Counter("bakeops_status_changes", "Order status changes, by new status", ["status"])
EVENTS_HANDLED = Counter("bakeops_worker_events", "Events the worker finished, by outcome", ["outcome"])
COMMIT_TO_UI = Histogram(
    "bakeops_commit_to_ui_seconds",
    "From the commit of a change to its refresh reaching this UI server's subscribers",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10),
)
LIVE_CONNECTED = Gauge("bakeops_live_connected", "1 while this UI server receives live refreshes")


class OutboxCollector(Collector):
    """Backlog and age of unsent outbox rows, read at scrape time (the relay's health at a glance)."""

    def collect(self):
        backlog = GaugeMetricFamily("bakeops_outbox_backlog", "Outbox events not yet published")
        oldest = GaugeMetricFamily("bakeops_outbox_oldest_unsent_seconds", "Age of the oldest unpublished event")
        try:
            with session_scope() as session:
                count, first = session.exec(
                    select(func.count(), func.min(OutboxEvent.created_at)).where(OutboxEvent.published_at.is_(None))
                ).one()
        except Exception:  # no database yet or unreachable: report nothing rather than break the scrape
            return
        backlog.add_metric([], count)
        oldest.add_metric([], (utcnow() - as_aware(first)).total_seconds() if first else 0.0)
        yield backlog
        yield oldest


_outbox_collector = OutboxCollector()


def watch_outbox() -> None:
    """Register the outbox collector once per process (idempotent)."""
    if _outbox_collector not in REGISTRY._collector_to_names:
        REGISTRY.register(_outbox_collector)
