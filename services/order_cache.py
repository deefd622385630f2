"""GET /order/{id}'s answers kept in memory a short while, dropped by the order's own events.

Customers' scripts and apps poll an order's status, and each poll was a query joining the order to its lines
and history. An answer is kept only in a process that hears every order event: its own commits drop the order
at once, and a UI server hears every other process's through the live feed, as its boards do (~20 ms after
their commit, bench.live_board's subscriber row). A process that hears no refreshes (`bakeops api`) or whose
feed is down keeps nothing, so a status that could change unheard is never answered from memory.
"""

import threading
import time
from collections.abc import Iterable

from services.database import engine
from services.order_views import public_view_json
from services.outbox import on_subjects_committed

# The bound on staleness should an event go unheard: another process's change reaches this one through the
# worker, so while the worker is down only this process's own changes drop answers (as GET /products's).
TTL_SECONDS = 5.0
MOST_ORDERS = 5_000  # ~1-2 KiB each: a few MiB at most
_lock = threading.Lock()
# Keyed by the engine too: a process pointed at another database (tests do this) never sees the old one's.
_answers: dict[tuple[int, str], tuple[float, bytes]] = {}
_forgets = [0]  # bumped by every forget: a read that overlapped one may predate the change, and is not kept
_hearing = [False]


def hearing_refreshes(hearing: bool) -> None:
    """The live feed came up or went down; what was kept before may have missed events either way."""
    with _lock:
        _hearing[0] = hearing
        _forgets[0] += 1
        _answers.clear()


def cached_public_json(public_id: str) -> bytes | None:
    """The kept answer, if there is a fresh one (no database: safe on the event loop)."""
    if not _hearing[0]:
        return None
    hit = _answers.get((id(engine()), public_id))
    if hit is None or time.monotonic() - hit[0] >= TTL_SECONDS:
        return None
    return hit[1]


def public_json(public_id: str) -> bytes:
    """Read the answer from the database (blocking: call from a worker thread) and keep it if it may be."""
    forgets = _forgets[0]
    body = public_view_json(public_id)  # raises NotFound: nothing is kept for an unknown code
    with _lock:
        if _hearing[0] and forgets == _forgets[0]:
            if len(_answers) >= MOST_ORDERS:
                del _answers[next(iter(_answers))]  # the oldest kept
            _answers[(id(engine()), public_id)] = (time.monotonic(), body)
    return body


def forget_orders(public_ids: Iterable[str]) -> None:
    with _lock:
        _forgets[0] += 1
        key_engine = id(engine())
        for public_id in public_ids:
            _answers.pop((key_engine, public_id), None)


on_subjects_committed(forget_orders)  # this process's own changes: dropped as they commit
