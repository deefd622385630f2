"""Outbox: an event row written in the same transaction as the change it announces.

After the commit, listeners (the relay) are woken so the event goes out at once; a sweep
picks up anything a crash or a broker outage left behind.
"""

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, insert
from sqlalchemy.orm import Session

from services.clock import utcnow
from services.events import EventKind, EventPayload, payload_for
from services.models import OutboxEvent

_PENDING = "bakeops_outbox_pending"
_listeners: list[Callable[[], None]] = []
_subject_listeners: list[Callable[[set[str]], None]] = []
# Written with one INSERT in the caller's transaction, not added as an ORM object: nothing reads the row back
# in Python, and the unit of work's flush of it cost more than the order's own two statements (py-spy).
_INSERT = insert(OutboxEvent.__table__)


def record_event(session: Session, kind: EventKind, subject: str, payload: EventPayload) -> None:
    """Write the event in the session's transaction; a payload that is not what `kind` carries is refused here."""
    session.execute(_INSERT, new_event(session, kind, subject, payload))


def new_event(session: Session, kind: EventKind, subject: str, payload: EventPayload) -> dict[str, Any]:
    """The outbox row's values for a caller that writes the row in a statement of its own (a new order's
    claim, services/order_rows.py); the listeners hear of it when the session commits, as with record_event."""
    payload = payload_for(kind, payload)
    session.info.setdefault(_PENDING, set()).add(subject)
    return {
        "event_id": str(uuid.uuid4()),
        "kind": kind.value,
        "subject": subject,
        "payload": payload.model_dump(mode="json"),
        "created_at": utcnow(),
        "attempts": 0,
    }


def on_events_committed(listener: Callable[[], None]) -> Callable[[], None]:
    """Call `listener` (cheap, non-blocking) after each commit that wrote events; returns an unsubscribe."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener) if listener in _listeners else None


def on_subjects_committed(listener: Callable[[set[str]], None]) -> None:
    """Call `listener(subjects)` after each commit that wrote events, with what those events were about."""
    _subject_listeners.append(listener)


@event.listens_for(Session, "after_commit")
def _wake_listeners(session: Session) -> None:
    if subjects := session.info.pop(_PENDING, None):
        for listener in list(_listeners):
            listener()
        for subject_listener in list(_subject_listeners):
            subject_listener(subjects)


@event.listens_for(Session, "after_rollback")
def _forget_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)
