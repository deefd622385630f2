"""The staff board's columns and cards, updated in place as orders move.

Every open board redraws on every order event. Building a card is NiceGUI's dearest step (each element
sets up observable classes, props and style, and each button inspects its handler), so a card is built once
per order and page; a move only relabels its buttons, shows or hides undo and the other moves, and recolours.
"""

from dataclasses import dataclass
from datetime import datetime

from nicegui import ui

from pages.layout import ago, local_time
from pages.staff_actions import StaffActions
from services.board import COLUMNS
from services.lateness import lateness
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


class BoardView:
    """The columns, kept card by card: a change updates the cards it touched in place and moves them.

    Every open board redraws on every order event; rebuilding all columns for each of them sent the whole board
    to every browser. Now a move sends the card's new buttons and the children of the two columns involved.
    """

    def __init__(self, actions: StaffActions) -> None:
        self.actions = actions
        self.cards: dict[str, OrderCard] = {}
        self.columns: dict[str, ui.column] = {}
        self.headers: dict[str, ui.label] = {}
        with ui.row().classes("w-full gap-3 no-wrap items-start overflow-x-auto") as self.root:
            for status in COLUMNS:
                with ui.column().classes("min-w-64 flex-1 gap-2").mark(f"column-{status}") as column:
                    self.headers[status] = ui.label().classes("font-semibold text-lg")
                self.columns[status] = column

    def show(self, orders: list[OrderStaffView], now: datetime) -> None:
        layout = layout_of(orders, now)
        for order_id in [i for i in self.cards if i not in layout.wanted]:
            self.cards.pop(order_id).card.delete()
        for status, lines in layout.columns.items():
            self.headers[status].set_text(f"{status} ({len(lines)})")
            for index, line in enumerate(lines, start=1):  # the header is child 0
                self._place(line, self.columns[status], index)

    def _place(self, line: "CardLine", column: ui.column, index: int) -> None:
        order, level, placed = line
        card = self.cards.get(order.order_id)
        if card is None:
            with column:
                card = self.cards[order.order_id] = OrderCard(order, level, placed, self.actions)
        else:
            card.show(order, level, placed)
        children = column.default_slot.children
        if index >= len(children) or children[index] is not card.card:
            card.card.move(column, target_index=index)


CardLine = tuple[OrderStaffView, str, str]  # the order, its lateness, "Placed 5 min ago"


@dataclass(frozen=True)
class Layout:
    """Which card goes where, worked out once for every open board showing the same orders in the same minute."""

    columns: dict[str, list[CardLine]]
    wanted: set[str]


_last_layout: list = [None, None, None]  # the orders, the minute, their layout


def layout_of(orders: list[OrderStaffView], now: datetime) -> Layout:
    minute = now.replace(second=0, microsecond=0)
    if _last_layout[0] is orders and _last_layout[1] == minute:
        return _last_layout[2]
    columns: dict[str, list[CardLine]] = {status: [] for status in COLUMNS}
    for order in orders:
        if order.status in columns:
            line = (order, lateness(order.pickup_at, order.status, now), f"Placed {ago(order.placed_at, now)}")
            columns[order.status].append(line)
    layout = Layout(columns, {o.order_id for o in orders})
    _last_layout[:] = [orders, minute, layout]
    return layout


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
