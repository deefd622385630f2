"""What the worker does with events, exactly once per event id, in both modes: a batch the broker handed
over in one transaction, or a single event as a batch of one."""

import logging
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import insert
from sqlmodel import select

from services.clock import utcnow
from services.database import session_scope
from services.events import Event, Refresh
from services.models import ProcessedEvent
from services.notifications import LogNotifier, Message, Notifier, notify_customers

log = logging.getLogger("bakeops.worker")


class EventHandler:
    def __init__(self, email: Notifier | None = None) -> None:
        self.fallback = LogNotifier()
        self.email = email or self.fallback
        # Events whose message went out but whose transaction has not committed yet (it failed, or a later
        # event of the batch did): tried again, they are not sent twice from this process.
        self._sent_uncommitted: set[str] = set()
        # Emails of one batch go out side by side: each is its own SMTP conversation, mostly waiting.
        self._mail_out = ThreadPoolExecutor(max_workers=8, thread_name_prefix="mail-out")

    def __call__(self, event: Event) -> Refresh:
        """Do the event's work in one transaction with its processed-event record; returns the refresh to fan out.

        A redelivered event finds its record and does nothing again (the refresh is harmless to repeat).
        """
        return self.handle_batch([event])[0]

    def handle_batch(self, events: list[Event]) -> list[Refresh]:
        """Several events' work in one transaction with their processed-event records; one refresh per event.

        All or nothing: when one of them fails, nothing is kept and the error is raised, so the caller can take
        them again, one at a time. Messages go out once every event's work is recorded, just before the commit.
        """
        with session_scope() as session:
            ids = sorted({event.event_id for event in events})  # one order of inserts: two workers cannot deadlock
            done = set(session.exec(select(ProcessedEvent.event_id).where(ProcessedEvent.event_id.in_(ids))))
            fresh = list({event.event_id: event for event in events if event.event_id not in done}.values())
            if claimed := [{"event_id": event_id, "handled_at": utcnow()} for event_id in ids if event_id not in done]:
                # One Core INSERT for the batch (the ORM's unit of work was most of the worker's time per event).
                # A second worker with some of the same events waits here, then fails on them and takes its
                # batch again one by one, finding them done.
                session.execute(insert(ProcessedEvent.__table__), claimed)
            self._send(notify_customers(session, fresh, self.email, self.fallback))
            session.commit()
        self._sent_uncommitted.difference_update(ids)  # their records guard them now
        for event in events:
            if event.event_id in done:
                log.info("skipped %s event_id=%s: already handled", event.kind, event.event_id, extra=_fields(event))
            else:
                log.info("handled %s %s event_id=%s", event.kind, event.subject, event.event_id, extra=_fields(event))
                done.add(event.event_id)  # the same event twice in one batch: the second is a redelivery
        return [Refresh.after(event) for event in events]

    def _send(self, messages: list[Message]) -> None:
        """Send what is not sent yet; raises the first failure once every other message had its try."""
        unsent = [message for message in messages if message.event_id not in self._sent_uncommitted]
        logged = [message for message in unsent if message.notifier is self.fallback]
        mailed = [message for message in unsent if message.notifier is not self.fallback]
        attempts = [(message, self._mail_out.submit(message.send)) for message in mailed]
        for message in logged:
            message.send()
            self._sent_uncommitted.add(message.event_id)
        failure = None
        for message, attempt in attempts:
            if (error := attempt.exception()) is None:
                self._sent_uncommitted.add(message.event_id)
            else:
                failure = failure or error
        if failure is not None:
            raise failure


def _fields(event: Event) -> dict:
    order_id = event.order.order_id if event.order else None
    return {"fields": {"event_id": event.event_id, "kind": event.kind, "order_id": order_id}}
