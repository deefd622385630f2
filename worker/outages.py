"""Telling an outage (the database or the broker is unreachable) from an event that fails on its own merits.

An outage is not the event's fault: the worker keeps the event and tries it again when the server is back,
without using up one of its delivery attempts. Everything else counts as an attempt and, in the end,
sends the event to the dead-letter queue.
"""

import threading
from collections.abc import Iterator

from pika.exceptions import AMQPConnectionError, ConnectionClosed, StreamLostError
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError

# OperationalError covers a refused or dropped connection, a server shutting down, and also deadlocks and
# serialisation failures: all of them pass if the same work is simply tried again.
_DATABASE_OUTAGES = (OperationalError, InterfaceError, DisconnectionError)
_BROKER_OUTAGES = (AMQPConnectionError, ConnectionClosed, StreamLostError)
# A socket that was refused, reset or timed out (e.g. the mail server's), outside SQLAlchemy and pika.
_LOW_LEVEL_OUTAGES = (ConnectionError, TimeoutError)


def is_outage(error: BaseException) -> bool:
    """True when `error` (or what caused it) says a server is unreachable, not that the event is bad."""
    for link in _causes(error):
        if isinstance(link, DBAPIError) and link.connection_invalidated:
            return True
        if isinstance(link, _DATABASE_OUTAGES + _BROKER_OUTAGES + _LOW_LEVEL_OUTAGES):
            return True
    return False


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    link: BaseException | None = error
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        yield link
        link = link.__cause__ or link.__context__


class Backoff:
    """Capped exponential waits between tries during an outage, cut short when the worker stops."""

    def __init__(self, stop: threading.Event, first: float = 0.2, cap: float = 5.0) -> None:
        self.stop = stop
        self.first = first
        self.cap = cap
        self.next = first

    def wait(self) -> bool:
        """Wait before the next try; False when the worker is stopping and should give the event back."""
        delay, self.next = self.next, min(self.next * 2, self.cap)
        return not self.stop.wait(delay)
