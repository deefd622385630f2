"""Keeps Python's full garbage collections short in a UI server that holds many open pages.

Every open page holds thousands of long-lived objects (each NiceGUI element has observable classes, props and
style). A full collection walks all of them: with 200 boards open it stopped `bakeops serve` for 0.5-1.8 s,
several times a minute, and every board froze meanwhile (measured with bench.live_board). Survivors are frozen
every second, so a collection walks only what is newer. A closed page left in reference cycles is freed only by a
full collection; if it was frozen, it waits for a deep sweep (unfreeze, collect, freeze), which walks every
object in the process (~0.6 s with a few hundred thousand). Most pages no longer leave cycles behind
(bakeops_ui/page_cycles.py): a closed page counts towards the next sweep only if some of its elements are still
alive a second after it closed, that is, left in cycles. The sweep runs once CLOSED_PAGES_PER_SWEEP such pages
have closed, or every DEEP_SWEEP_SECONDS for whatever else was left, whichever comes first: memory held by closed
pages stays bounded, long pauses stay rare. (Before, every closed page counted: under a rush of storefront visitors
the sweeps took 16 % of serve's CPU, py-spy in bench.storefront.)

A page just built is frozen at once as well (`_freeze_then_respond`, as NiceGUI writes each page's response): a page
lives for seconds at least (a page whose browser never connects, three), so under a rush of visitors every new
page's objects were walked again by each young collection and by the full ones they set off, until the next
timed freeze. Counted in `bakeops serve` under wrk (gc.callbacks, 10 s of storefront builds): 2.5 s of the 10 s
went to collections; frozen as each page is built, about 1 s. Freezing is cheap (it moves the collector's lists
whole, walking nothing); it keeps nothing alive longer, since closed pages are still freed by reference
counting and what was left in cycles is still counted for the deep sweep.
"""

import gc
import logging
import time
import weakref

from nicegui import Client, app

log = logging.getLogger("bakeops.gc")

FREEZE_SECONDS = 1.0
DEEP_SWEEP_SECONDS = 600.0
CLOSED_PAGES_PER_SWEEP = 100  # ~20-40 MiB of closed pages at most (each 200-400 KiB, bench.memory)
LONG_PAUSE_MS = 100.0
_started = [0.0]
LEFT_IN_CYCLES_AFTER_S = 1.0  # a closed page whose elements outlive this is counted as left in cycles
_left_in_cycles = [0]  # pages left in cycles since the last deep sweep
_closing: list[tuple[float, list[weakref.ref]]] = []  # closed pages not yet looked at: when, and their elements
_build_response = Client.build_response


def deep_sweep() -> float:
    """One full collection over everything, then freeze the survivors; returns how long it took in ms."""
    started = time.perf_counter()
    _left_in_cycles[0] = 0
    gc.unfreeze()
    found = gc.collect()
    gc.freeze()
    took = (time.perf_counter() - started) * 1000
    log.info("deep garbage sweep: %d objects reclaimed in %.0f ms", found, took)
    return took


def page_closed(client) -> None:
    # NiceGUI calls this before it removes the page's elements: they are all still there to be watched.
    _closing.append((time.monotonic(), [weakref.ref(element) for element in client.elements.values()]))


def count_pages_left_in_cycles(now: float) -> None:
    waiting = []
    for closed_at, elements in _closing:
        if now - closed_at < LEFT_IN_CYCLES_AFTER_S:
            waiting.append((closed_at, elements))
        elif any(element() is not None for element in elements):
            _left_in_cycles[0] += 1
    _closing[:] = waiting


def freeze_or_sweep() -> None:
    count_pages_left_in_cycles(time.monotonic())
    if _left_in_cycles[0] >= CLOSED_PAGES_PER_SWEEP:
        deep_sweep()
    else:
        gc.freeze()


def _freeze_then_respond(client: Client, *args, **kwargs):
    """A page's elements are made: freeze them with the rest, so young collections stop walking them. (Installed by
    keep_collections_short only: a test process must not freeze its garbage.)"""
    gc.freeze()
    return _build_response(client, *args, **kwargs)


def keep_collections_short() -> None:
    """Freeze survivors often, sweep deeply rarely: both on NiceGUI's loop, never in a request."""
    gc.freeze()  # what start-up built lives as long as the process
    Client.build_response = _freeze_then_respond
    app.timer(FREEZE_SECONDS, freeze_or_sweep)
    app.timer(DEEP_SWEEP_SECONDS, deep_sweep)
    app.on_delete(page_closed)
    if _report_long_pauses not in gc.callbacks:
        gc.callbacks.append(_report_long_pauses)


def _report_long_pauses(phase: str, info: dict) -> None:
    """A collection that stopped every page for long is worth a line in the log."""
    if phase == "start":
        _started[0] = time.perf_counter()
        return
    took = (time.perf_counter() - _started[0]) * 1000
    if took > LONG_PAUSE_MS:
        log.warning("garbage collection of generation %d paused the server for %.0f ms", info["generation"], took)
