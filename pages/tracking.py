"""The customer's tracking page `/track/{order_id}`: a live status timeline, items, total, pickup time."""

from nicegui import run, ui

from pages.follow import follow_order, load_order
from pages.layout import frame, local_time, money
from services.order_views import public_view
from services.schemas import OrderPublic

STEP_ICONS = {
    "Order Placed": "receipt_long",
    "In Progress": "bakery_dining",
    "Ready": "check_circle",
    "Picked Up": "shopping_bag",
    "Shipped": "local_shipping",
    "Delivered": "home",
    "Cancelled": "cancel",
}


def register() -> None:
    @ui.page("/track/{order_id}")
    async def tracking(order_id: str) -> None:
        order = await run.io_bound(load_order, public_view, order_id)
        with frame("Your order"):
            if order is None:
                _unknown_code(order_id)
                return

            @ui.refreshable
            def show(order: OrderPublic) -> None:
                _order_view(order)

            show(order)
            follow_order(order_id, public_view, show.refresh)


def _unknown_code(order_id: str) -> None:
    with ui.card().classes("w-full max-w-xl").mark("unknown-order"):
        ui.label("We could not find that order").classes("text-2xl font-semibold")
        ui.label(
            f"No order has the code “{order_id[:40]}”. Check the link in your confirmation, or ask us at the counter."
        )
        ui.link("Back to the shop", "/")


def _order_view(order: OrderPublic) -> None:
    with ui.row().classes("w-full items-center gap-4"):
        ui.label(f"Ticket #{order.ticket_number}").classes("text-3xl font-bold")
        ui.badge(order.status, color="green" if order.status == "Ready" else "amber-9").classes("text-lg").mark(
            "order-status"
        )
        if order.late:
            ui.badge("Running late", color="red")
    ui.label(f"Pickup {local_time(order.pickup_at)}").mark("pickup-time")
    with ui.row().classes("w-full gap-8 items-start"):
        with ui.timeline(side="right").classes("max-w-md").mark("timeline"):
            for step in order.history:
                ui.timeline_entry(
                    title=step.status,
                    subtitle=local_time(step.at, "%a %d %b, %H:%M:%S"),
                    icon=STEP_ICONS.get(step.status, "circle"),
                )
        with ui.card().classes("grow"):
            ui.label("Items").classes("font-semibold")
            for item in order.items:
                with ui.row().classes("w-full justify-between"):
                    ui.label(f"{item.quantity} × {item.title}")
                    ui.label(money(item.line_total))
            ui.separator()
            with ui.row().classes("w-full justify-between font-semibold"):
                ui.label("Total")
                ui.label(money(order.total)).mark("order-total")
