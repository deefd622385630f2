"""Keeps Python's full garbage collections short in a UI server that holds many open pages.

Every open page holds thousands of long-lived objects (each NiceGUI element has observable classes, props and
style). A full collection walks all of them: with 200 boards open it stopped `bakeops serve` for 0.5-1.8 s,
several times a minute, and every board froze meanwhile (measured with bench.live_board). Survivors are frozen
every second, so a collection walks only what is newer. A closed page's elements are cycles that only a full
collection frees; if they were frozen, they wait for a deep sweep (unfreeze, collect, freeze), which runs once
CLOSED_PAGES_PER_SWEEP pages have closed (every sign-in and every customer's visit leaves one) or every
DEEP_SWEEP_SECONDS, whichever comes first: memory held by closed pages stays bounded, long pauses stay rare.
"""

import gc
import logging
import time

from nicegui import app

log = logging.getLogger("bakeops.gc")

FREEZE_SECONDS = 1.0
DEEP_SWEEP_SECONDS = 600.0
CLOSED_PAGES_PER_SWEEP = 100  # ~20-40 MiB of closed pages at most (each 200-400 KiB, bench.memory)
LONG_PAUSE_MS = 100.0
_started = [0.0]
_closed = [0]  # pages closed since the last deep sweep


def deep_sweep() -> float:
    """One full collection over everything, then freeze the survivors; returns how long it took in ms."""
    started = time.perf_counter()
    _closed[0] = 0
    gc.unfreeze()
    found = gc.collect()
    gc.freeze()
    took = (time.perf_counter() - started) * 1000
    log.info("deep garbage sweep: %d objects reclaimed in %.0f ms", found, took)
    return took


def page_closed() -> None:
    _closed[0] += 1


def freeze_or_sweep() -> None:
    if _closed[0] >= CLOSED_PAGES_PER_SWEEP:
        deep_sweep()
    else:
        gc.freeze()


def keep_collections_short() -> None:
    """Freeze survivors often, sweep deeply rarely: both on NiceGUI's loop, never in a request."""
    gc.freeze()  # what start-up built lives as long as the process
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
