"""Per-client rate limits (a sliding window per key, in this process's memory)."""

import threading
import time
from collections import deque
from dataclasses import dataclass, field


@dataclass
class RateLimit:
    """At most `limit` hits per `window` seconds for each key; `limit` 0 means unlimited."""

    limit: int
    window: float = 60.0
    _hits: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def parse(cls, text: str) -> "RateLimit":
        """'30/minute', '5/second', '500/hour' or '0' (off)."""
        if text.strip() in {"0", "off", ""}:
            return cls(0)
        count, _, per = text.partition("/")
        seconds = {"second": 1.0, "minute": 60.0, "hour": 3600.0}[per.strip() or "minute"]
        return cls(int(count), seconds)

    def hit(self, key: str) -> float:
        """Count one hit; returns 0 when allowed, else the seconds until the next one would be."""
        if self.limit <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return hits[0] + self.window - now
            hits.append(now)
            if len(self._hits) > 10_000:  # forget idle clients so memory stays bounded
                self._hits = {k: v for k, v in self._hits.items() if v and v[-1] > now - self.window}
            return 0.0
