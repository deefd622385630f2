"""What travels between the app, the worker and the pages: events and refresh messages."""

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Protocol

from services.clock import as_aware, utcnow
from services.models import OutboxEvent


@dataclass(frozen=True)
class Event:
    """A committed change, as read from the outbox."""

    event_id: str
    kind: str  # e.g. "order.placed", "order.status_changed", "order.cancelled", "order.late", "product.updated"
    subject: str  # the order's public id, or the product id
    payload: dict[str, Any]
    created_at: datetime
    seq: int = 0  # position in the outbox; 0 once it has left the process that wrote it

    @classmethod
    def from_row(cls, row: OutboxEvent) -> "Event":
        return cls(row.event_id, row.kind, row.subject, dict(row.payload), as_aware(row.created_at), row.seq or 0)

    def to_json(self) -> bytes:
        data = asdict(self) | {"created_at": self.created_at.isoformat()}
        del data["seq"]
        return json.dumps(data).encode()

    @classmethod
    def from_json(cls, body: bytes) -> "Event":
        data = json.loads(body)
        return cls(
            data["event_id"], data["kind"], data["subject"], data["payload"], datetime.fromisoformat(data["created_at"])
        )


@dataclass(frozen=True)
class Refresh:
    """Tells every UI server that something changed and which pages should redraw."""

    event_id: str
    kind: str
    subject: str
    payload: dict[str, Any]
    committed_at: datetime
    handled_at: datetime = field(default_factory=utcnow)

    @classmethod
    def after(cls, event: Event) -> "Refresh":
        return cls(event.event_id, event.kind, event.subject, event.payload, event.created_at)

    def to_json(self) -> bytes:
        return json.dumps(
            asdict(self) | {"committed_at": self.committed_at.isoformat(), "handled_at": self.handled_at.isoformat()}
        ).encode()

    @classmethod
    def from_json(cls, body: bytes) -> "Refresh":
        data = json.loads(body)
        return cls(
            data["event_id"],
            data["kind"],
            data["subject"],
            data["payload"],
            datetime.fromisoformat(data["committed_at"]),
            datetime.fromisoformat(data["handled_at"]),
        )

    @property
    def order_id(self) -> str | None:
        return self.subject if self.kind.startswith("order.") else None


class EventPublisher(Protocol):
    """Sends outbox events on to the workers. Raises when they could not be handed over."""

    def publish_events(self, events: list[Event]) -> None: ...


class RefreshPublisher(Protocol):
    """Fans a refresh out to every UI server."""

    def publish_refresh(self, refresh: Refresh) -> None: ...
