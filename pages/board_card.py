"""One order's card on the staff board, updated in place as the order moves.

Every open board redraws on every order event. Building a card is NiceGUI's dearest step (each element
sets up observable classes, props and style, and each button inspects its handler), so a card is built once
per order and page; a move only relabels its buttons, shows or hides undo and the other moves, and recolours.
"""

from nicegui import ui

from pages.layout import local_time
from pages.staff_actions import StaffActions
from services.order_status import OrderStatus, next_status, other_moves
from services.schemas import OrderStaffView

LATENESS_STYLE = {
    "late": "border-red-600 bg-red-50 dark:bg-red-950",
    "due": "border-amber-500",
    "on_time": "border-green-600",
    "": "border-stone-300",
}
LATENESS_BADGE = {"late": ("LATE", "red"), "due": ("due soon", "amber-9")}
OTHER_MOVES = (OrderStatus.SHIPPED,)  # the only forward moves besides the usual next step (from Ready)


class OrderCard:
    def __init__(self, order: OrderStaffView, level: str, placed: str, actions: StaffActions) -> None:
        self.order = order  # the clicks act on the order as last shown, so a stale card loses its race cleanly
        self.look: tuple | None = None
        ticket = order.ticket_number
        with ui.card().classes("w-full gap-1 border-l-8").mark(f"ticket-{ticket}") as self.card:
            with ui.row().classes("w-full justify-between items-center"):
                ui.link(f"#{ticket}", f"/admin/orders/{order.order_id}").classes("text-2xl font-bold")
                self.badge = ui.badge()
            ui.label(order.customer_name or "Walk-in / API").classes("font-medium")
            ui.label(f"Pickup {local_time(order.pickup_at)}").classes("text-sm")
            self.placed = ui.label(placed).classes("text-xs opacity-70")
            for item in order.items:
                ui.label(f"{item.quantity} × {item.name}").classes("text-sm")
            with ui.row().classes("gap-1"):
                self.advance = ui.button(on_click=lambda: actions.advance(self.order))
                self.advance.props("dense color=green-8").mark(f"advance-{ticket}")
                self.others = {
                    target: ui.button(f"→ {target}", on_click=lambda t=target: actions.move(self.order, t))
                    .props("dense outline color=green-8")
                    .mark(f"move-{target}-{ticket}")
                    for target in OTHER_MOVES
                }
                self.undo = ui.button(icon="undo", on_click=lambda: actions.undo(self.order)).props("dense flat")
                self.undo.props('title="Undo the last move"').mark(f"undo-{ticket}")
                ui.button(icon="close", on_click=lambda: actions.ask_cancel(self.order)).props(
                    'dense flat color=red title="Cancel…"'
                ).mark(f"cancel-{ticket}")
        self.show(order, level, placed)

    def show(self, order: OrderStaffView, level: str, placed: str) -> None:
        """Bring the card up to date; sends nothing for what did not change."""
        self.order = order
        self.placed.set_text(placed)
        look = (order.version, level)
        if look == self.look:
            return
        self.look = look
        self.card.classes(replace=f"w-full gap-1 border-l-8 {LATENESS_STYLE[level]}")
        text, colour = LATENESS_BADGE.get(level, ("", "red"))
        self.badge.set_text(text)
        self.badge.props(f"color={colour}")
        self.badge.set_visibility(bool(text))
        target = next_status(order.status)
        self.advance.set_text(f"→ {target}" if target else "")
        self.advance.set_visibility(target is not None)
        for other, button in self.others.items():
            button.set_visibility(other in other_moves(order.status))
        self.undo.set_visibility(len(order.history) > 1)
