"""The bakery's card on the storefront: address, hours, the next closure, phone, and a paused notice."""

from nicegui import ui

from services import bakery
from services.bakery_settings import PAUSED_MESSAGE, current_calendar


def bakery_card() -> None:
    """Built inside each storefront's own refreshable, redrawn on every settings change."""
    calendar = current_calendar()
    if calendar.online_orders_paused:
        with ui.card().classes("w-full bg-red-50 dark:bg-red-950").mark("orders-paused"):
            ui.label(PAUSED_MESSAGE).classes("text-xl font-semibold text-red-800")
            ui.label("You can still call us or come by the shop.").classes("text-sm")
    with ui.row().classes("w-full gap-x-6 gap-y-1 text-sm opacity-90 items-center"):
        if calendar.address:
            ui.label(calendar.address).mark("bakery-address")
        ui.label(f"Open {calendar.describe_hours()}").mark("bakery-hours")
        if calendar.phone:
            ui.link(calendar.phone, f"tel:{calendar.phone.replace(' ', '')}").mark("bakery-phone")
        upcoming = calendar.next_closure(bakery.rules().today())
        if upcoming is not None:
            ui.label(f"Closed {upcoming.day:%a %d %b}: {upcoming.message}").classes("text-amber-800").mark(
                "bakery-next-closure"
            )
