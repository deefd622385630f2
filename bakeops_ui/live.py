"""Live events the pages subscribe to. The bridge emits them on NiceGUI's event loop, never from another thread.

Kept outside `pages/`: the bridge (bakeops_ui/live_bridge.py) reaches them without importing every page, and
the pages import this module, which imports none of them. `bakeops api` loads neither (tests/test_import_direction.py).
"""

from nicegui import Event

from bakeops_ui.page_event import PageEvent
from services.events import Refresh

order_changed: Event[Refresh] = PageEvent()  # an order was placed, moved, cancelled or became late
catalogue_changed: Event[Refresh] = PageEvent()  # a product was added or changed
bakery_changed: Event[Refresh] = PageEvent()  # the bakery's settings changed (hours, slots, paused)
connection_changed: Event[bool] = PageEvent()  # the live feed to the broker came up (True) or went down
minute_tick: Event[[]] = PageEvent()  # "placed 5 min ago" and lateness colours age without any change

connection = {"live": False}

_BY_AREA = {"order": order_changed, "product": catalogue_changed, "bakery": bakery_changed}


def deliver(refresh: Refresh) -> None:
    """Called on the event loop for every refresh that reaches this UI server."""
    follows = _BY_AREA.get(refresh.kind.area)
    if follows is not None:  # (no page follows a customer's sign-in link)
        follows.emit(refresh)


def set_connected(live: bool) -> None:
    connection["live"] = live
    connection_changed.emit(live)


def forget_subscribers() -> None:
    """Drop every subscriber (tests start each app afresh; NiceGUI's reset no longer sees module-level events)."""
    for event in (order_changed, catalogue_changed, bakery_changed, connection_changed, minute_tick):
        event.callbacks.clear()
    connection["live"] = False
