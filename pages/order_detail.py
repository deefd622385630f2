"""Order detail `/admin/orders/{order_id}`: every field, the full status history, and the staff actions."""

from nicegui import ui

from pages.follow import follow_order, load_order
from pages.guard import staff_page
from pages.in_thread import in_thread
from pages.layout import frame, local_time, money
from pages.pickup_move import PickupMove
from pages.staff_actions import StaffActions
from services.order_status import is_final, next_status
from services.order_views import staff_view
from services.schemas import OrderStaffView


def register() -> None:
    @staff_page("/admin/orders/{order_id}")
    async def order_detail(order_id: str) -> None:
        with frame("Order", staff=True):
            order = await in_thread(load_order, staff_view, order_id)
            if order is None:
                ui.label("No order has that code.").classes("text-xl").mark("unknown-order")
                ui.link("Back to the board", "/admin")
                return

            @ui.refreshable
            def details(order: OrderStaffView) -> None:
                _details(order, actions, mover)

            actions = StaffActions(on_done=follow_order(order_id, staff_view, details.refresh))
            mover = PickupMove(actions.by, actions.on_done)
            details(order)


def _details(order: OrderStaffView, actions: StaffActions, mover: PickupMove) -> None:
    with ui.row().classes("items-center gap-4"):
        ui.label(f"Order #{order.ticket_number}").classes("text-3xl font-bold")
        ui.badge(order.status, color="amber-9", text_color="black").classes("text-lg").mark("order-status")
        if order.late:
            ui.badge("was late", color="red")
    with ui.grid(columns=2).classes("gap-x-6 gap-y-1"):
        for label, value in [
            ("Order code", order.order_id),
            ("Customer", order.customer_name or "—"),
            ("Phone", order.phone or "—"),
            ("Email", order.email or "—"),
            ("Pickup", local_time(order.pickup_at)),
            ("For day", str(order.due_day)),
            ("Placed", local_time(order.placed_at)),
            ("Notes", order.notes or "—"),
            ("Total", money(order.total)),
        ]:
            ui.label(label).classes("font-medium")
            ui.label(value).mark(f"detail-{label.lower().replace(' ', '-')}")
    ui.label("Items").classes("text-lg font-semibold mt-2")
    for item in order.items:
        ui.label(f"{item.quantity} × {item.title} at {money(item.unit_price)} = {money(item.line_total)}")
    with ui.row().classes("gap-2"):
        if (target := next_status(order.status)) is not None:
            ui.button(f"→ {target}", on_click=lambda: actions.advance(order)).props("color=green-8")
        ui.button("Undo last move", icon="undo", on_click=lambda: actions.undo(order)).props("flat")
        if not is_final(order.status):
            ui.button("Cancel…", icon="close", on_click=lambda: actions.ask_cancel(order)).props("flat color=red")
    if not is_final(order.status):
        mover.build(order)
    ui.label("History").classes("text-lg font-semibold mt-2")
    rows = [
        {
            "at": local_time(h.at, "%d %b %H:%M:%S"),
            "from": h.from_status or "",
            "to": h.status,
            "by": h.by,
            "note": h.note or ("undo" if h.undo else ""),
        }
        for h in order.history
    ]
    ui.table(columns=[{"name": k, "label": k.title(), "field": k, "align": "left"} for k in rows[0]], rows=rows).props(
        "flat bordered dense"
    ).classes("w-full").mark("history")
