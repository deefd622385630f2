"""The staff board's columns and cards, updated in place as orders move.

Every open board redraws on every order event, and every open board holds every card. Drawn from NiceGUI
elements, a card would take fifteen of them (each with observable classes, props and style: ~70 KiB per card
and page, measured) and be the dearest part to build, so a card is one element of our own (order_card.js)
drawn by the browser from a few props. It is built once per order and page; a move only changes its props
and column.
"""

from dataclasses import dataclass
from datetime import datetime

from nicegui import ui

from pages.layout import ago, local_time
from pages.staff_actions import StaffActions
from services.allergens import Allergen
from services.allergy_notes import mentions_allergy
from services.bakery_settings import current_calendar
from services.board import COLUMNS, matches
from services.clock import utcnow
from services.lateness import lateness
from services.order_status import DELIVERY, next_status, other_moves
from services.schemas import OrderStaffView

LATENESS_STYLE = {
    "late": "border-red-600 bg-red-50 dark:bg-red-950",
    "due": "border-amber-500",
    "on_time": "border-green-600",
    "": "border-stone-300",
}
# (text, background, text colour): written words, so the border colour is never the only sign; 4.5:1 contrast.
LATENESS_BADGE = {"late": ("LATE", "red-9", "white"), "due": ("due soon", "amber-9", "black")}


class BoardView:
    """The columns, kept card by card: a change updates the cards it touched in place and moves them.

    Every open board redraws on every order event, so a move sends each browser only the card's new buttons
    and the children of the two columns involved, never the whole board.
    """

    def __init__(self, actions: StaffActions) -> None:
        self.actions = actions
        self.cards: dict[str, OrderCard] = {}
        self.columns: dict[str, ui.column] = {}
        self.headers: dict[str, ui.label] = {}
        self.allergens: dict[str, list[str]] = {}  # what each order's products declare, by order id
        self.wanted = ""  # what the search box asks for; cards that do not answer to it are hidden
        # needs-connection: pages/connection.py disables these buttons while the page has lost its server.
        with ui.row().classes("w-full gap-3 no-wrap items-start overflow-x-auto needs-connection") as self.root:
            for status in COLUMNS:
                with ui.column().classes("min-w-64 flex-1 gap-2").mark(f"column-{status}") as column:
                    self.headers[status] = ui.label().classes("font-semibold text-lg")
                self.columns[status] = column

    def show(self, orders: list[OrderStaffView], allergens: dict[str, list[str]], now: datetime) -> None:
        self.allergens = allergens
        layout = layout_of(orders, now)
        for order_id in [i for i in self.cards if i not in layout.wanted]:
            self.cards.pop(order_id).delete()
        for status, lines in layout.columns.items():
            self.headers[status].set_text(f"{status} ({len(lines)})")
            if status in DELIVERY:  # a pickup bakery has no Shipped column, unless an order is shipped anyway
                self.columns[status].set_visibility(layout.delivery or bool(lines))
            for index, line in enumerate(lines, start=1):  # the header is child 0
                self._place(line, self.columns[status], index, layout.delivery)

    def search(self, wanted: str) -> None:
        self.wanted = wanted
        for card in self.cards.values():
            card.answer(wanted)

    def _place(self, line: "CardLine", column: ui.column, index: int, delivery: bool) -> None:
        order, level = line
        allergens = self.allergens.get(order.order_id, [])
        card = self.cards.get(order.order_id)
        if card is None:
            with column:
                card = self.cards[order.order_id] = OrderCard(order, level, self.actions, delivery, allergens)
        else:
            card.show(order, level, delivery, allergens)
        card.answer(self.wanted)
        children = column.default_slot.children
        if index >= len(children) or children[index] is not card:
            card.move(column, target_index=index)


CardLine = tuple[OrderStaffView, str]  # the order, its lateness


@dataclass(frozen=True)
class Layout:
    """Which card goes where, worked out once for every open board showing the same orders in the same minute."""

    columns: dict[str, list[CardLine]]
    wanted: set[str]
    delivery: bool  # the bakery delivers: Ready cards offer Shipped


_last_layout: list = [None, None, None]  # the orders, (the minute, delivery), their layout


def layout_of(orders: list[OrderStaffView], now: datetime) -> Layout:
    key = (now.replace(second=0, microsecond=0), current_calendar().delivery_enabled)  # minute, setting
    if _last_layout[0] is orders and _last_layout[1] == key:
        return _last_layout[2]
    columns: dict[str, list[CardLine]] = {status: [] for status in COLUMNS}
    for order in orders:
        if order.status in columns:
            line = (order, lateness(order.pickup_at, order.status, now))
            columns[order.status].append(line)
    layout = Layout(columns, {o.order_id for o in orders}, delivery=key[1])
    _last_layout[:] = [orders, key, layout]
    return layout


class OrderCard(ui.element, component="order_card.js"):
    """One order's card: the browser draws it from these props; clicks come back as events."""

    def __init__(
        self,
        order: OrderStaffView,
        level: str,
        actions: StaffActions,
        delivery: bool,
        allergens: list[str],
    ) -> None:
        super().__init__()
        self.delivery = delivery
        self.order = order  # the clicks act on the order as last shown, so a stale card loses its race cleanly
        self.look: tuple | None = None
        self.mark(f"ticket-{order.ticket_number}")
        self._props.update(
            ticket=order.ticket_number,
            href=f"/admin/orders/{order.order_id}",
            customer=order.customer_name or "Walk-in / API",
            items=[f"{item.quantity} × {item.title}" for item in order.items],  # with the size, the inscription
            placedAt=_ms(order.placed_at),  # the browser's clock turns it into "Placed 5 min ago"
            note=order.notes or "",
            allergy=mentions_allergy(order.notes),  # drawn as a red banner: an allergy must not be missed
        )
        self.on("advance", lambda: actions.advance(self.order))
        self.on("move", lambda e: self._move(actions, e.args))
        self.on("undo", lambda: actions.undo(self.order))
        self.on("cancel", lambda: self._ask_cancel(actions))
        self.show(order, level, delivery, allergens)

    async def _move(self, actions: StaffActions, target: object) -> None:
        # Only a move this card offers: the event comes from the browser, which could send anything.
        offered = {str(move): move for move in other_moves(self.order.status, delivery=self.delivery)}
        if isinstance(target, str) and target in offered:
            await actions.move(self.order, offered[target])

    def _ask_cancel(self, actions: StaffActions) -> None:
        with self:  # the dialog belongs to this card (the component renders it in its slot) and goes with it
            actions.ask_cancel(self.order)

    def show(self, order: OrderStaffView, level: str, delivery: bool, allergens: list[str]) -> None:
        """Bring the card up to date; sends nothing when nothing changed."""
        self.order, self.delivery = order, delivery
        look = (order.version, level, delivery, tuple(allergens))  # an edited product changes its allergens
        if look == self.look:
            return
        self.look = look
        badge, tone, ink = LATENESS_BADGE.get(level, ("", "", ""))
        target = next_status(order.status)
        self._props.update(
            status=str(order.status),
            pickup=f"Pickup {local_time(order.pickup_at)}",  # here, not once: a pickup can be moved
            since=_ms(order.history[-1].at if order.history else order.placed_at),
            pickupAt=_ms(order.pickup_at) if order.pickup_at else 0,
            badge=badge,
            tone=tone,
            ink=ink,
            advance=f"→ {target}" if target else "",
            others=[str(other) for other in other_moves(order.status, delivery=delivery)],
            undoable=len(order.history) > 1,
            allergens=[_short(allergen) for allergen in allergens],
        )
        self.classes(replace=f"w-full gap-1 border-l-8 {LATENESS_STYLE[level]}")
        self.update()

    def answer(self, wanted: str) -> None:
        """Shown only if the order answers to the search (sends nothing when that does not change)."""
        visible = not wanted or matches(self.order, wanted)  # no search: no work for every card at every event
        if visible != self.visible:
            self.set_visibility(visible)

    def _displayed_contents(self, *, only_visible: bool) -> list:
        """What the card reads as text, for NiceGUI's test user (`should_see("Grace")` finds her card)."""
        props = self._props
        return [
            f"#{props['ticket']}",
            props["customer"],
            props["pickup"],
            f"Placed {ago(self.order.placed_at, utcnow())}",  # as the browser reads it against its clock
            *props["items"],
            *([f"Contains: {', '.join(props['allergens'])}"] if props["allergens"] else []),
            *(["ALLERGY"] if props["allergy"] else []),
            props["note"],
            props["badge"],
            props["advance"],
            *(f"→ {o}" for o in props["others"]),
        ]


def _short(allergen: str) -> str:
    """The name as a card has room for: "gluten" for the law's "cereals containing gluten"."""
    return "gluten" if allergen == Allergen.GLUTEN else allergen


def _ms(moment: datetime) -> int:
    """Milliseconds since the epoch: what the browser's clock counts in."""
    return int(moment.timestamp() * 1000)
