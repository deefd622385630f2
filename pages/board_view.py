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
        self.layout: Layout | None = None  # what the columns show now
        self.drawn: dict[str, tuple] = {}  # per column, the looks of the cards it shows (Layout.looks)
        # needs-connection: pages/connection.py disables these buttons while the page has lost its server.
        with ui.row().classes("w-full gap-3 no-wrap items-start overflow-x-auto needs-connection") as self.root:
            for status in COLUMNS:
                with ui.column().classes("min-w-64 flex-1 gap-2").mark(f"column-{status}") as column:
                    self.headers[status] = ui.label().classes("font-semibold text-lg")
                self.columns[status] = column

    def show(self, orders: list[OrderStaffView], allergens: dict[str, list[str]], now: datetime) -> None:
        layout = layout_of(orders, allergens, now)
        if layout is self.layout:  # the same orders in the same minute: nothing to do
            return
        self.allergens, self.layout = allergens, layout
        for order_id in [i for i in self.cards if i not in layout.wanted]:
            self.cards.pop(order_id).delete()
        # Only the columns whose cards changed are touched. Every open board walks this at every order event,
        # and a move changes one or two columns: walking all twenty cards of every board was most of the pass
        # over 200 boards (measured with cProfile on bench.live_board).
        changed = [status for status in COLUMNS if self.drawn.get(status) != layout.looks[status]]
        self._move_across(layout, changed)
        for status in changed:
            lines = layout.columns[status]
            self.headers[status].set_text(f"{status} ({len(lines)})")
            if status in DELIVERY:  # a pickup bakery has no Shipped column, unless an order is shipped anyway
                self.columns[status].set_visibility(layout.delivery or bool(lines))
            for index, line in enumerate(lines, start=1):  # the header is child 0
                self._place(line, self.columns[status], index, layout.delivery)
            self.drawn[status] = layout.looks[status]

    def search(self, wanted: str) -> None:
        self.wanted = wanted
        for card in self.cards.values():
            card.answer(wanted)

    def _move_across(self, layout: "Layout", changed: list[str]) -> None:
        """Cards that changed column go straight to their place in the new one, before any column is put in order.

        Otherwise the old column, put in order first, would see the leaving card in the way and move every card
        below it up one by one: with 200 boards open that was five moves per board per change, each sending both
        columns again (measured with cProfile on the 200-board bench).
        """
        for status in changed:  # a card that changed column changed both
            column = self.columns[status]
            for index, (order, _level) in enumerate(layout.columns[status], start=1):
                card = self.cards.get(order.order_id)
                if card is not None and card.parent_slot is not column.default_slot:
                    card.move(column, target_index=min(index, len(column.default_slot.children)))

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
    # Per column, what its cards look like, in order: a board whose column shows the same looks has nothing to
    # redraw there. The same as a card's own `look`, so the two cannot disagree about what changed.
    looks: dict[str, tuple]


_last_layout: list = [None, None, None, None]  # the orders, their allergens, (the minute, delivery), their layout


def layout_of(orders: list[OrderStaffView], allergens: dict[str, list[str]], now: datetime) -> Layout:
    key = (now.replace(second=0, microsecond=0), current_calendar().delivery_enabled)  # minute, setting
    if _last_layout[0] is orders and _last_layout[1] is allergens and _last_layout[2] == key:
        return _last_layout[3]
    delivery = key[1]
    columns: dict[str, list[CardLine]] = {status: [] for status in COLUMNS}
    for order in orders:
        if order.status in columns:
            line = (order, lateness(order.pickup_at, order.status, now))
            columns[order.status].append(line)
    looks = {
        status: tuple(card_look(order, level, delivery, allergens.get(order.order_id, [])) for order, level in lines)
        for status, lines in columns.items()
    }
    layout = Layout(columns, {o.order_id for o in orders}, delivery, looks)
    _last_layout[:] = [orders, allergens, key, layout]
    return layout


def card_look(order: OrderStaffView, level: str, delivery: bool, allergens: list[str]) -> tuple:
    """All a card's changing props depend on: an edited product changes its allergens, not the order's version."""
    return order.order_id, order.version, level, delivery, tuple(allergens)


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
            # Tuples, not lists, here and below: NiceGUI wraps a list prop in an observable copy, which was most of
            # the cost of updating a card on 200 open boards; a tuple is sent as the same JSON array.
            items=tuple(f"{item.quantity} × {item.title}" for item in order.items),  # with the size, the inscription
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
        look = card_look(order, level, delivery, allergens)
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
            others=tuple(str(other) for other in other_moves(order.status, delivery=delivery)),
            undoable=len(order.history) > 1,
            allergens=tuple(_short(allergen) for allergen in allergens),
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
