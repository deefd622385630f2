"""Column types that behave the same on SQLite and PostgreSQL."""

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator

from services.clock import as_aware


class AwareDateTime(TypeDecorator):
    """Stores UTC and always hands back an aware datetime (SQLite forgets the zone otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else as_aware(value)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else as_aware(value)
