"""The live order board `/admin`: a column per status, one click to advance, undo, cancel with a reason."""

from nicegui import run, ui

from pages import live
from pages.layout import ago, frame, local_time, staff_page
from pages.staff_actions import StaffActions
from services.board import COLUMNS, Window, board_orders
from services.clock import utcnow
from services.database import session_scope
from services.lateness import lateness
from services.order_status import next_status, other_moves
from services.schemas import OrderStaffView

LATENESS_STYLE = {
    "late": "border-red-600 bg-red-50 dark:bg-red-950",
    "due": "border-amber-500",
    "on_time": "border-green-600",
    "": "border-stone-300",
}
CHIME = """
(() => { try {
  const ctx = new (window.AudioContext || window.webkitAudioContext)();
  [0, 0.18].forEach((t, i) => { const o = ctx.createOscillator(), g = ctx.createGain();
    o.frequency.value = i ? 1320 : 880; g.gain.value = 0.15; o.connect(g); g.connect(ctx.destination);
    o.start(ctx.currentTime + t); o.stop(ctx.currentTime + t + 0.15); });
} catch (e) {} })();
"""


def register() -> None:
    @staff_page("/admin")
    async def board() -> None:
        state = {"window": Window.TODAY, "known": None}

        async def pick_window(e) -> None:
            # A handler must return the coroutine itself (a tuple holding it is never awaited).
            # Orders of another day are not new: forget what was known so switching does not chime.
            state.update(window=e.value, known=None)
            await reload()

        with frame("Order board", staff=True):
            with ui.row().classes("w-full items-center justify-between"):
                ui.label("Order board").classes("text-3xl font-semibold")
                ui.toggle(
                    {w: w.value.title() for w in Window},
                    value=Window.TODAY,
                    on_change=pick_window,
                ).mark("window")

            @ui.refreshable
            def columns(orders: list[OrderStaffView]) -> None:
                now = utcnow()
                with ui.row().classes("w-full gap-3 no-wrap items-start overflow-x-auto"):
                    for status in COLUMNS:
                        mine = [o for o in orders if o.status == status]
                        with ui.column().classes("min-w-64 flex-1 gap-2").mark(f"column-{status}"):
                            ui.label(f"{status} ({len(mine)})").classes("font-semibold text-lg")
                            for order in mine:
                                _card(order, now, actions)

            async def reload() -> None:
                orders = await run.io_bound(_load, state["window"])
                ids = {o.order_id for o in orders}
                if state["known"] is not None and (new := [o for o in orders if o.order_id not in state["known"]]):
                    tickets = ", ".join(f"#{o.ticket_number}" for o in new)
                    ui.notify(f"New order {tickets}", type="info", position="top-right")
                    ui.run_javascript(CHIME)
                state["known"] = ids
                columns.refresh(orders)

            actions = StaffActions(on_done=reload)
            columns([])
            await reload()
            live.order_changed.subscribe(reload)
            live.minute_tick.subscribe(lambda: columns.refresh())


def _load(window: Window) -> list[OrderStaffView]:
    with session_scope() as session:
        return board_orders(session, window)


def _card(order: OrderStaffView, now, actions: StaffActions) -> None:
    level = lateness(order.pickup_at, order.status, now)
    with ui.card().classes(f"w-full gap-1 border-l-8 {LATENESS_STYLE[level]}").mark(f"ticket-{order.ticket_number}"):
        with ui.row().classes("w-full justify-between items-center"):
            ui.link(f"#{order.ticket_number}", f"/admin/orders/{order.order_id}").classes("text-2xl font-bold")
            if level == "late":
                ui.badge("LATE", color="red")
            elif level == "due":
                ui.badge("due soon", color="amber-9")
        ui.label(order.customer_name or "Walk-in / API").classes("font-medium")
        ui.label(f"Pickup {local_time(order.pickup_at)}").classes("text-sm")
        ui.label(f"Placed {ago(order.placed_at, now)}").classes("text-xs opacity-70")
        for item in order.items:
            ui.label(f"{item.quantity} × {item.name}").classes("text-sm")
        with ui.row().classes("gap-1"):
            target = next_status(order.status)
            if target is not None:
                ui.button(f"→ {target}", on_click=lambda o=order: actions.advance(o)).props("dense color=green-8").mark(
                    f"advance-{order.ticket_number}"
                )
            for other in other_moves(order.status):  # e.g. a Ready order can also be shipped
                ui.button(f"→ {other}", on_click=lambda o=order, t=other: actions.move(o, t)).props(
                    "dense outline color=green-8"
                ).mark(f"move-{other}-{order.ticket_number}")
            if len(order.history) > 1:
                ui.button(icon="undo", on_click=lambda o=order: actions.undo(o)).props("dense flat").tooltip(
                    "Undo the last move"
                ).mark(f"undo-{order.ticket_number}")
            ui.button(icon="close", on_click=lambda o=order: actions.ask_cancel(o)).props(
                "dense flat color=red"
            ).tooltip("Cancel…").mark(f"cancel-{order.ticket_number}")
