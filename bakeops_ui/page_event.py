"""A NiceGUI event that every open page subscribes to, and that forgets a closed page's callback quickly.

NiceGUI unsubscribes a page's callbacks as the page closes, and its unsubscribe walks every callback of the event
to drop the equal ones. Each storefront page subscribes to five live events, so under a rush of visitors (pages
held three seconds each, ~400 at 130 builds/s) every closing page walked them all: 6.5 % of serve's samples in
py-spy during bench.storefront's wrk. Pages close in about the order they opened, so a closing page's callback
sits near the front: here the list counts how often each callback was added, and one added once is removed where
it is first found.
"""

from collections import Counter
from typing import Any

from nicegui import Event


class _Callbacks(list):
    """NiceGUI's list of an event's callbacks, counting each function added (NiceGUI only appends and clears)."""

    def __init__(self) -> None:
        super().__init__()
        self.added: Counter = Counter()

    def append(self, callback: Any) -> None:
        super().append(callback)
        self.added[_key(callback.func)] += 1

    def clear(self) -> None:
        super().clear()
        self.added.clear()


def _key(func: Any) -> Any:
    try:
        hash(func)
    except TypeError:  # a method of an unhashable object: counted under one key, removed the long way
        return UNHASHABLE
    return func


UNHASHABLE = object()


class PageEvent(Event):
    def __init__(self) -> None:
        super().__init__()
        self.callbacks = _Callbacks()

    def unsubscribe(self, callback: Any) -> None:
        """Remove every subscription of `callback`, as NiceGUI's does."""
        callbacks, key = self.callbacks, _key(callback)
        if key is UNHASHABLE or callbacks.added[key] > 1:
            callbacks[:] = [registered for registered in callbacks if registered.func != callback]
        elif callbacks.added[key] == 1:
            index = next(index for index, registered in enumerate(callbacks) if registered.func == callback)
            del callbacks[index]
        if key is not UNHASHABLE:
            callbacks.added.pop(key, None)
