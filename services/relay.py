"""Moves committed outbox rows to the broker: at once after each commit, and by a periodic sweep.

A broker outage only delays events: rows stay unsent and go out, in order, when it is back.
"""

import logging
import threading
from datetime import timedelta

from sqlalchemy import Select, delete, select, text, update
from sqlmodel import Session

from services.clock import utcnow
from services.database import session_scope
from services.events import Event, EventPublisher
from services.models import OutboxEvent
from services.outbox import on_events_committed

log = logging.getLogger("bakeops.relay")

_SWEEP_LOCK = 0x0BA6E1  # one relay at a time across processes keeps each order's events in order
BATCH = 500
# The relay reads and marks outbox rows by column (SQLAlchemy Core), not as ORM objects: it never changes
# them in Python, and building objects and the ORM's bulk-update bookkeeping were two thirds of its time per
# sweep (py-spy on serve placing orders at 1 client).
_OUTBOX = OutboxEvent.__table__


class NotConfirmed(Exception):
    """The broker refused or could not route some events of a batch; their rows stay unsent."""


class OutboxRelay:
    def __init__(self, publisher: EventPublisher, *, sweep_seconds: float = 1.0, keep_days: int = 7) -> None:
        self.publisher = publisher
        self.sweep_seconds = sweep_seconds
        self.keep_days = keep_days
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox-relay", daemon=True)
        self.published = 0
        self.failures = 0

    def start(self) -> None:
        self._unsubscribe = on_events_committed(self._wake.set)
        self._thread.start()

    def stop(self) -> None:
        self._unsubscribe()
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=5)

    def wake(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        backoff = self.sweep_seconds
        last_cleanup = utcnow()
        while not self._stop.is_set():
            self._wake.wait(timeout=backoff)
            self._wake.clear()
            keep_alive = getattr(self.publisher, "keep_alive", None)
            if keep_alive is not None:
                keep_alive()
            if self._stop.is_set():
                break
            try:
                while (sent := self.sweep()) > 0:
                    self.published += sent
                    if sent < BATCH:  # a backlog (after an outage) drains without waiting
                        break
                backoff = self.sweep_seconds
                if utcnow() - last_cleanup > timedelta(hours=1):
                    self.forget_old_events()
                    last_cleanup = utcnow()
            except Exception as error:  # broker or database down: keep the rows, try again later
                self.failures += 1
                backoff = min(max(backoff * 2, 0.5), 15.0)
                log.warning("outbox relay could not publish (%s); retrying in %.1fs", error, backoff)

    def sweep(self) -> int:
        """Publish the oldest unsent events; returns how many went out."""
        with session_scope() as session:
            if session.get_bind().dialect.name != "postgresql":
                return self._sweep_single_writer(session)
            got_lock = session.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": _SWEEP_LOCK}).scalar()
            if not got_lock:
                self._wake.set()  # another process is sweeping; look again shortly
                self._stop.wait(0.05)
                return 0
            rows = session.execute(_unsent().with_for_update(skip_locked=True)).all()
            return self._publish(session, [Event.from_row(row) for row in rows])

    def _sweep_single_writer(self, session: Session) -> int:
        # SQLite has one writer at a time and one process: read, let go of the database while the
        # in-process handler writes its own transaction, then mark what went out.
        events = [Event.from_row(row) for row in session.execute(_unsent())]
        session.rollback()
        return self._publish(session, events)

    def _publish(self, session: Session, events: list[Event]) -> int:
        if not events:
            return 0
        confirmed = self.publisher.publish_events(events)
        _mark_sent(session, [event.seq for event in confirmed])
        if len(confirmed) < len(events):
            # Marked only what the broker took; the rest goes again after the backoff.
            raise NotConfirmed(f"{len(events) - len(confirmed)} of {len(events)} events not confirmed by the broker")
        return len(events)

    def forget_old_events(self) -> None:
        with session_scope() as session:
            cutoff = utcnow() - timedelta(days=self.keep_days)
            session.execute(delete(_OUTBOX).where(_OUTBOX.c.published_at < cutoff))
            session.commit()


def _unsent() -> Select:
    return select(_OUTBOX).where(_OUTBOX.c.published_at.is_(None)).order_by(_OUTBOX.c.seq).limit(BATCH)


def _mark_sent(session: Session, seqs: list[int]) -> None:
    if not seqs:
        session.commit()
        return
    session.execute(
        update(_OUTBOX).where(_OUTBOX.c.seq.in_(seqs)).values(published_at=utcnow(), attempts=_OUTBOX.c.attempts + 1)
    )
    session.commit()
