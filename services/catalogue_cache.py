"""The public catalogue as ready-to-send JSON, kept in memory.

GET /products is the busiest read there is and changes only when an admin edits a product, so it is
built once and forgotten on every catalogue change: at once in the process that made the change, and
in every UI server when the change's refresh arrives. A short time-to-live bounds staleness in
processes that hear no refreshes (`bakeops api` workers). While the database is unreachable the last
catalogue this process built is served instead, marked stale: customers can still browse.
"""

import threading
import time

from pydantic import TypeAdapter
from sqlalchemy.exc import OperationalError

from services.catalogue import list_products
from services.database import engine, session_scope
from services.outbox import on_events_committed
from services.schemas import ProductPublic

TTL_SECONDS = 5.0
_as_json = TypeAdapter(list[ProductPublic])
_lock = threading.Lock()
# Keyed by the engine too: a process pointed at another database (tests do this) never sees the old one's.
_cached: dict[tuple[int, bool], tuple[float, bytes]] = {}
# What was last built, kept through forgetting: the fallback for a database outage.
_last_known: dict[tuple[int, bool], bytes] = {}


def catalogue_json(include_retired: bool = False) -> bytes:
    """The JSON body of GET /products (blocking on a miss: call from a worker thread)."""
    key = (id(engine()), include_retired)
    hit = _cached.get(key)
    if hit is not None and time.monotonic() - hit[0] < TTL_SECONDS:
        return hit[1]
    with session_scope() as session:
        products = list_products(session, include_retired=include_retired)
        body = _as_json.dump_json([ProductPublic.model_validate(p) for p in products])
    with _lock:
        _cached[key] = (time.monotonic(), body)
        _last_known[key] = body
    return body


def catalogue_json_or_last_known(include_retired: bool = False) -> tuple[bytes, bool]:
    """(body, stale): the catalogue, or while the database is unreachable the last one built here."""
    try:
        return catalogue_json(include_retired), False
    except OperationalError:
        last = _last_known.get((id(engine()), include_retired))
        if last is None:
            raise
        return last, True


def cached_catalogue_json(include_retired: bool = False) -> bytes | None:
    """The cached body if it is fresh, without touching the database (safe on the event loop)."""
    hit = _cached.get((id(engine()), include_retired))
    return hit[1] if hit is not None and time.monotonic() - hit[0] < TTL_SECONDS else None


def forget_catalogue() -> None:
    with _lock:
        _cached.clear()


# Any commit that wrote events may have touched a product: forgetting is cheaper than finding out.
on_events_committed(forget_catalogue)
