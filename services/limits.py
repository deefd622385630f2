"""Per-client rate limits: how a limit is written, and the counters every server of the shop shares.

Counted by the `limits` library, in this process's memory or, when several servers run, in Redis, so
N servers still allow a client the limit once, not N times.
"""

import logging
import re
import time
from enum import StrEnum
from typing import Any

from limits import (
    RateLimitItem,
    RateLimitItemPerDay,
    RateLimitItemPerHour,
    RateLimitItemPerMinute,
    RateLimitItemPerSecond,
)
from limits.storage import MemoryStorage, RedisStorage
from limits.strategies import MovingWindowRateLimiter
from pydantic import BaseModel, ConfigDict, Field, model_validator

log = logging.getLogger("bakeops.limits")

_ITEMS = {
    "second": RateLimitItemPerSecond,
    "minute": RateLimitItemPerMinute,
    "hour": RateLimitItemPerHour,
    "day": RateLimitItemPerDay,
}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour|day)\s*$")
OFF = {"0", "off", ""}


class Budget(StrEnum):
    """What a client spends: one budget per kind of request, shared by every way in (REST and pages)."""

    ORDERS = "orders"
    SIGN_INS = "sign-ins"


class Rate(BaseModel):
    """A limit as the settings write it: '120/minute', '5/second', '500/hour', '1000/day'; '0' or 'off' = none."""

    model_config = ConfigDict(frozen=True)

    count: int = Field(ge=0)
    per: str = "minute"

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return cls._parse(value) if isinstance(value, str) else value

    @classmethod
    def parse(cls, text: str) -> "Rate":
        return cls.model_validate(text)

    @staticmethod
    def _parse(text: str) -> dict[str, Any]:
        if text.strip().lower() in OFF:
            return {"count": 0}
        match = _RATE.match(text.lower())
        if match is None:
            raise ValueError(
                f"{text!r} is not a rate: write N/second, N/minute, N/hour or N/day (e.g. 120/minute), or 0 for none"
            )
        return {"count": int(match[1]), "per": match[2]}

    @property
    def off(self) -> bool:
        return self.count == 0

    def item(self) -> RateLimitItem:
        return _ITEMS[self.per](self.count)

    def __str__(self) -> str:
        return "off" if self.off else f"{self.count}/{self.per}"


class RateLimits:
    """The shop's counters: hit(budget, rate, client) says how long that client must wait (0 = go ahead)."""

    def __init__(self, redis_url: str | None = None, key_prefix: str = "bakeops") -> None:
        if redis_url:
            # Short timeouts: a slow Redis must not hold a customer's request for long.
            storage = RedisStorage(
                redis_url, key_prefix=f"{key_prefix}:limits", socket_timeout=1, socket_connect_timeout=1
            )
        else:
            storage = MemoryStorage()
        self.storage = storage
        self.shared = bool(redis_url)  # counted over the network: callers keep it off an event loop
        self._limiter = MovingWindowRateLimiter(storage)

    def hit(self, budget: Budget, rate: Rate, client: str) -> float:
        """Count one request; 0 when allowed, else the seconds until this client may try again."""
        if rate.off:
            return 0.0
        item = rate.item()
        try:
            if self._limiter.hit(item, budget.value, client):
                return 0.0
            reset_at = self._limiter.get_window_stats(item, budget.value, client).reset_time
        except Exception as error:  # Redis unreachable: serve the customer rather than answer 500
            log.warning("rate limit not counted (%s unreachable): %s", type(self.storage).__name__, error)
            return 0.0
        return max(reset_at - time.time(), 1.0)
