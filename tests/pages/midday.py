"""The bakery's clock in tests: moved to late morning, so "due today" and "open now" hold at any hour.

Orders placed without a pickup time take the earliest free slot; run at night, that slot is tomorrow and a
test expecting the order on the board's Today fails. Every `services.clock.utcnow()` caller (wherever it was
imported) reads `services.clock.datetime.now`, so shifting that one name moves the whole bakery, while NiceGUI,
the event loop and the database keep the real time.
"""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from services import clock

LONDON = ZoneInfo("Europe/London")  # the bakery's zone in every test configuration
LATE_MORNING = time(11, 0)  # inside the default hours (07:00-18:00), with slots left after the buffer


def bakery_at_late_morning(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Shift the bakery's clock forward to the next 11:00 London time; returns that moment (in UTC)."""
    return bakery_clock_at(monkeypatch, LATE_MORNING).astimezone(UTC)


def bakery_clock_at(monkeypatch: pytest.MonkeyPatch, local: time) -> datetime:
    """Shift the bakery's clock forward to the next `local` time in London; returns that moment, London time.

    Forward only: a token or deadline the app computes from the shifted clock is still in the future by the
    real clock that PyJWT and the servers check against.
    """
    real = clock.datetime
    now = real.now(UTC)
    target = datetime.combine(now.astimezone(LONDON).date(), local, tzinfo=LONDON)
    if target < now:
        target += timedelta(days=1)
    offset = target - now

    class Shifted(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            return real.now(tz) + offset

    monkeypatch.setattr(clock, "datetime", Shifted)
    return target
