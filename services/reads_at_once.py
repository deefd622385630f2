"""Independent read statements at once, each on a connection of its own, where the database serves them so.

The analytics summary is six statements over the same period's orders. On PostgreSQL, one after another, they
took the sum of their times (service quality ~80 ms, product sales ~70 ms, placements ~40 ms, the rest a few
ms each, over 100,000 orders: bench.analytics_summary); at once, on two cores, about the longest two. Each
statement already saw a snapshot of its own (READ COMMITTED), so running them apart makes no figure less
consistent with the others than it was. SQLite keeps them in the caller's session: the tests' SQLite databases
may hand every thread the same connection, which threads must not share.
"""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from sqlmodel import Session

Value = TypeVar("Value")

_READERS = ThreadPoolExecutor(max_workers=6, thread_name_prefix="read-at-once")


def read_at_once(session: Session, reads: dict[str, Callable[[Session], Value]]) -> dict[str, Value]:
    """Each read's answer by name; on PostgreSQL each runs in its own session on the same engine."""
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return {name: read(session) for name, read in reads.items()}

    def own_session(read: Callable[[Session], Value]) -> Value:
        with Session(bind) as apart:
            return read(apart)

    running = {name: _READERS.submit(own_session, read) for name, read in reads.items()}
    return {name: future.result() for name, future in running.items()}
