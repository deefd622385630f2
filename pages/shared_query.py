"""A query that every open page of this UI server shares: one run per key per change, however many pages ask.

With 200 boards open, an order event would otherwise start 200 identical board queries: the first page to
ask starts one and the other 199 wait for it. A load that started before the latest change never answers a page
that asks after it, so no page is left showing what was true before the event that woke it.
"""

import asyncio
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from pages.in_thread import in_thread

Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")


class SharedQuery(Generic[Key, Value]):
    def __init__(self, load: Callable[[Key], Value]) -> None:
        self.load = load
        self.reset()

    def reset(self) -> None:
        self.loads = 0  # queries run, for tests and curiosity
        self._changes = 0  # bumped by every change; what was loaded before is stale
        self._cache: dict[Key, Value] = {}
        self._running: dict[Key, tuple[int, asyncio.Future[Value]]] = {}

    def changed(self) -> None:
        """Call once per change, before the pages that show it ask again."""
        self._changes += 1
        self._cache.clear()  # keeps memory to the keys asked for since the last change

    async def get(self, key: Key) -> Value:
        if key in self._cache:
            return self._cache[key]
        running = self._running.get(key)
        if running is None or running[0] != self._changes:
            running = (self._changes, asyncio.ensure_future(self._run(key, self._changes)))
            self._running[key] = running
        # shield: a page closed while waiting must not cancel the load the other pages wait for
        return await asyncio.shield(running[1])

    async def _run(self, key: Key, changes: int) -> Value:
        try:
            value = await in_thread(self.load, key)
            self.loads += 1
        finally:
            if self._running.get(key, (None,))[0] == changes:
                del self._running[key]
        if changes == self._changes:
            self._cache[key] = value
        return value
