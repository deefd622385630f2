"""Overlapping loads on one page (live events, clicks, a day picked): only the newest request's answer is shown.

Two quick moves of an order start two loads; if the first finishes last, the page would go back to the older
status and stay there until the next event. Each page keeps one `Newest` per thing it shows.
"""

from collections.abc import Awaitable, Callable
from typing import TypeVar

Value = TypeVar("Value")


class Newest:
    def __init__(self) -> None:
        self._asked = 0

    async def load(self, load: Callable[[], Awaitable[Value]]) -> tuple[Value, bool]:
        """Await `load()`; returns its answer and whether no newer load was asked for meanwhile."""
        self._asked += 1
        asked = self._asked
        value = await load()
        return value, asked == self._asked
