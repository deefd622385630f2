"""Time in one place: every timestamp is timezone-aware UTC; 'the day' is the bakery's local day."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_aware(moment: datetime) -> datetime:
    """Naive datetimes from SQLite or clients are taken as UTC, never as server-local time."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def local_day(moment: datetime, timezone: str) -> date:
    return as_aware(moment).astimezone(ZoneInfo(timezone)).date()
