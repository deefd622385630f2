"""One order's page kept live (tracking, order detail): it reloads when that order changes, newest load wins."""

from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlmodel import Session

from bakeops_ui import live
from pages.in_thread import in_thread
from pages.newest import Newest
from services.database import session_scope
from services.errors import NotFound
from services.events import Refresh

View = TypeVar("View")


def load_order(view: Callable[[Session, str], View], order_id: str) -> View | None:
    """`view` of the order, or None when no order has that code."""
    try:
        with session_scope() as session:
            return view(session, order_id)
    except NotFound:
        return None


def follow_order(
    order_id: str, view: Callable[[Session, str], View], show: Callable[[View], None]
) -> Callable[[], Awaitable[None]]:
    """Show `view` of the order afresh whenever it changes; returns the reload, for the page's own buttons."""
    loads = Newest()

    async def reload() -> None:
        fresh, newest = await loads.load(lambda: in_thread(load_order, view, order_id))
        if newest and fresh is not None:  # two quick moves: never fall back to the first one
            show(fresh)

    async def on_change(refresh: Refresh) -> None:
        # Every UI server gets every refresh; this page only cares about its own order.
        if refresh.subject == order_id:
            await reload()

    live.order_changed.subscribe(on_change)
    return reload
