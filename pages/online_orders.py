"""The board's one switch that pauses online orders (customers see why; staff can still enter orders)."""

from nicegui import ui

from bakeops_ui import live
from pages.access import signed_in
from pages.in_thread import in_thread
from services.bakery_settings import current_calendar, set_online_orders_paused
from services.database import session_scope


def online_orders_switch() -> None:
    taking = ui.switch("Taking online orders", value=not current_calendar().online_orders_paused)
    taking.mark("online-orders")

    async def flip(event) -> None:
        paused = not event.value
        if paused == current_calendar().online_orders_paused:
            return  # the switch only followed a change made elsewhere
        who = signed_in()
        await in_thread(_set, paused, who.email if who else "board")
        ui.notify("Online orders paused" if paused else "Taking online orders again", type="info")

    def follow() -> None:  # another board (or REST) flipped it
        taking.set_value(not current_calendar().online_orders_paused)

    taking.on_value_change(flip)
    live.bakery_changed.subscribe(follow)


def _set(paused: bool, by: str) -> None:
    with session_scope() as session:
        set_online_orders_paused(session, paused, by=by)
