"""The embedded default: events are handled inside this process, by the same handler the worker runs."""

import logging
from collections import Counter
from collections.abc import Callable

from services.events import Event, Refresh

log = logging.getLogger("bakeops.inprocess")


class InProcessBus:
    """Implements both publisher interfaces without a broker.

    The relay hands committed events to `publish_events`, which runs the worker's handler at once; only
    after it returns is the outbox row marked sent, so a crash means a retry (the handler is idempotent).
    """

    def __init__(self, handle: Callable[[Event], Refresh], *, max_attempts: int = 5) -> None:
        self.handle = handle
        self.max_attempts = max_attempts
        self.dead_letters: list[Event] = []
        self._attempts: Counter[str] = Counter()
        self._subscribers: list[Callable[[Refresh], None]] = []

    def subscribe_refreshes(self, callback: Callable[[Refresh], None]) -> None:
        self._subscribers.append(callback)

    def publish_events(self, events: list[Event]) -> list[Event]:
        for event in events:
            try:
                refresh = self.handle(event)
            except Exception:
                self._attempts[event.event_id] += 1
                if self._attempts[event.event_id] < self.max_attempts:
                    raise  # the relay keeps the rest unsent and retries with backoff
                log.exception("event %s failed %d times; set aside", event.event_id, self.max_attempts)
                self.dead_letters.append(event)
                continue
            self._attempts.pop(event.event_id, None)
            self.publish_refresh(refresh)
        return events

    def publish_refresh(self, refresh: Refresh) -> None:
        for callback in list(self._subscribers):
            try:
                callback(refresh)
            except Exception:
                log.exception("refresh subscriber failed")
