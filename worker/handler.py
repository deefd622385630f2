"""What the worker does with one event, exactly once per event id, in both modes."""

import logging

from services.database import session_scope
from services.events import Event, Refresh
from services.models import ProcessedEvent
from services.notifications import LogNotifier, Notifier, notify_customer

log = logging.getLogger("bakeops.worker")


class EventHandler:
    def __init__(self, email: Notifier | None = None) -> None:
        self.fallback = LogNotifier()
        self.email = email or self.fallback

    def __call__(self, event: Event) -> Refresh:
        """Do the event's work in one transaction with its processed-event record; returns the refresh to fan out.

        A redelivered event finds its record and does nothing again (the refresh is harmless to repeat).
        """
        with session_scope() as session:
            if session.get(ProcessedEvent, event.event_id) is None:
                session.add(ProcessedEvent(event_id=event.event_id))
                session.flush()  # a second worker with the same event waits here, then finds it done
                notify_customer(session, event, self.email, self.fallback)
                session.commit()
                log.info("handled %s %s event_id=%s", event.kind, event.subject, event.event_id, extra=_fields(event))
            else:
                log.info("skipped %s event_id=%s: already handled", event.kind, event.event_id, extra=_fields(event))
        return Refresh.after(event)


def _fields(event: Event) -> dict:
    order_id = event.order.order_id if event.order else None
    return {"fields": {"event_id": event.event_id, "kind": event.kind, "order_id": order_id}}
