"""The staff board's columns and cards, updated in place as orders move.

Every open board redraws on every order event, and every open board holds every card. Drawn from NiceGUI
elements, a card would take fifteen of them (each with observable classes, props and style: ~70 KiB per card
and page, measured) and be the dearest part to build, so a card is one element of our own (order_card.js)
drawn by the browser from a few props, and the columns are one more (board_columns.js), which sorts the cards
into columns by their props. An order moving on therefore changes one card's props and no column.

That change is the same on every open board, so it is worked out once (`Layout`, one `CardFace` per order) and
sent once to all of them (`OpenBoards` in pages/board.py broadcasts the changed faces); each board's card takes
the new props without sending anything itself. Sent board by board, through NiceGUI's per-page updates, the
change reached the 200th open board 190 ms (p50) after the click, measured with bench.live_board.
"""

import itertools
from collections.abc import Callable
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
    """The columns of one open board: a card per order, built once, then given each new face of its order."""

    def __init__(self, actions: StaffActions) -> None:
        self.actions = actions
        self.cards: dict[str, OrderCard] = {}
        self.wanted = ""  # what the search box asks for; cards that do not answer to it are hidden
        self.layout: Layout | None = None  # what the columns show now
        # needs-connection: pages/connection.py disables these buttons while the page has lost its server.
        self.root = BoardColumns().classes("w-full needs-connection").mark("board-columns")

    def show(self, orders: list[OrderStaffView], allergens: dict[str, list[str]], now: datetime, *, sent=False) -> None:
        """Bring the cards up to date. `sent`: the new faces reach the browser as a broadcast (OpenBoards), so the
        cards take them silently; otherwise each changed card sends its own update."""
        layout = layout_of(orders, allergens, now)
        if layout is self.layout:  # the same orders in the same minute: nothing to do
            return
        self.layout = layout
        self.root.show_delivery(layout.delivery)
        for order_id in [i for i in self.cards if i not in layout.faces]:
            self.cards.pop(order_id).delete()
        for order_id, face in layout.faces.items():
            card = self.cards.get(order_id)
            if card is None:
                with self.root:
                    card = self.cards[order_id] = OrderCard(face, self.actions)
            elif card.face is not face:
                card.show(face, sent=sent)
            card.answer(self.wanted)

    def resend(self) -> None:
        """Send the cards changed by broadcasts since the browser last (re)connected: it may have missed them."""
        for card in self.cards.values():
            if card.broadcast:
                card.broadcast = False
                card.update()

    def search(self, wanted: str) -> None:
        self.wanted = wanted
        for card in self.cards.values():
            card.answer(wanted)


class BoardColumns(ui.element, component="board_columns.js"):
    def __init__(self) -> None:
        super().__init__()
        self._props.update(columns=tuple(str(status) for status in COLUMNS), delivery=False)

    def show_delivery(self, delivery: bool) -> None:
        if self._props["delivery"] != delivery:
            self._props["delivery"] = delivery

    def cards(self, status: str) -> list["OrderCard"]:
        """The cards of one column, top to bottom, as the browser sorts them."""
        cards = [card for card in self.default_slot.children if isinstance(card, OrderCard)]
        return sorted((card for card in cards if card.props["status"] == status), key=lambda c: c.props["rank"])

    def headers(self) -> list[str]:
        drawn = [s for s in COLUMNS if s not in DELIVERY or self._props["delivery"] or self.cards(s)]
        return [f"{status} ({len(self.cards(status))})" for status in drawn]

    def _displayed_contents(self, *, only_visible: bool) -> list:
        """The column headers, for NiceGUI's test user (`should_see("Ready (2)")`)."""
        return [*super()._displayed_contents(only_visible=only_visible), *self.headers()]


@dataclass(frozen=True, eq=False)
class CardFace:
    """What one order's card shows, the same on every open board; new when anything on it changes."""

    order: OrderStaffView
    delivery: bool
    look: tuple  # what it depends on (card_look)
    props: dict  # what the browser draws it from
    serial: int  # how new it is: a broadcast newer than a card's own props wins in the browser


@dataclass(frozen=True)
class Layout:
    """The faces of every open order in a window, worked out once for every board showing them in the same minute."""

    faces: dict[str, CardFace]  # by order id
    delivery: bool  # the bakery delivers: Ready cards offer Shipped


_serials = itertools.count(1)
_faces: dict[str, CardFace] = {}  # the newest face of each order: unchanged orders keep theirs, serial and all
_last_layout: list = [None, None, None, None]  # the orders, their allergens, (the minute, delivery), their layout


def next_serial() -> int:
    return next(_serials)


def layout_of(orders: list[OrderStaffView], allergens: dict[str, list[str]], now: datetime) -> Layout:
    key = (now.replace(second=0, microsecond=0), current_calendar().delivery_enabled)  # minute, setting
    if _last_layout[0] is orders and _last_layout[1] is allergens and _last_layout[2] == key:
        return _last_layout[3]
    delivery = key[1]
    faces = {}
    for order in orders:
        if order.status in COLUMNS:
            faces[order.order_id] = face_at(order, now, delivery, allergens)
    if len(_faces) > 4 * len(faces) + 1000:  # forget orders long gone, not the ones other windows show
        for order_id in [i for i in _faces if i not in faces][: len(_faces) // 2]:
            del _faces[order_id]
    layout = Layout(faces, delivery)
    _last_layout[:] = [orders, allergens, key, layout]
    return layout


def with_orders(
    layout: Layout, orders: list[OrderStaffView], allergens: dict[str, list[str]], now: datetime, shown: Callable
) -> Layout:
    """`layout` with these orders' cards brought up to date, or gone where `shown(order)` says they left it.
    New orders are left out: their cards are built board by board."""
    faces = dict(layout.faces)
    for order in orders:
        if order.order_id not in faces:
            continue
        if shown(order):
            faces[order.order_id] = face_at(order, now, layout.delivery, allergens)
        else:
            del faces[order.order_id]
    return Layout(faces, layout.delivery)


def face_at(order: OrderStaffView, now: datetime, delivery: bool, allergens: dict[str, list[str]]) -> CardFace:
    """The order's face as it stands at `now`: how late it is counts."""
    return face_of(order, lateness(order.pickup_at, order.status, now), delivery, allergens.get(order.order_id, []))


def card_look(order: OrderStaffView, level: str, delivery: bool, allergens: list[str]) -> tuple:
    """All a card's changing props depend on: an edited product changes its allergens, not the order's version."""
    return order.order_id, order.version, level, delivery, tuple(allergens)


def face_of(order: OrderStaffView, level: str, delivery: bool, allergens: list[str]) -> CardFace:
    look = card_look(order, level, delivery, allergens)
    face = _faces.get(order.order_id)
    if face is not None and face.look == look:
        return face
    badge, tone, ink = LATENESS_BADGE.get(level, ("", "", ""))
    target = next_status(order.status)
    props = {
        "orderId": order.order_id,
        "rank": _rank(order),
        "ticket": order.ticket_number,
        "href": f"/admin/orders/{order.order_id}",
        "customer": order.customer_name or "Walk-in / API",
        # Tuples, not lists: NiceGUI wraps a list prop in an observable copy; a tuple is sent as the same JSON array.
        "items": tuple(f"{item.quantity} × {item.title}" for item in order.items),  # with the size, the inscription
        "placedAt": _ms(order.placed_at),  # the browser's clock turns it into "Placed 5 min ago"
        "note": order.notes or "",
        "allergy": mentions_allergy(order.notes),  # drawn as a red banner: an allergy must not be missed
        "status": str(order.status),
        "pickup": f"Pickup {local_time(order.pickup_at)}",
        "since": _ms(order.history[-1].at if order.history else order.placed_at),
        "pickupAt": _ms(order.pickup_at) if order.pickup_at else 0,
        "badge": badge,
        "tone": tone,
        "ink": ink,
        "frame": LATENESS_STYLE[level],
        "advance": f"→ {target}" if target else "",
        "others": tuple(str(other) for other in other_moves(order.status, delivery=delivery)),
        "undoable": len(order.history) > 1,
        "allergens": tuple(_short(allergen) for allergen in allergens),
    }
    face = _faces[order.order_id] = CardFace(order, delivery, look, props, next_serial())
    face.props["serial"] = face.serial
    return face


class OrderCard(ui.element, component="order_card.js"):
    """One order's card: the browser draws it from its face's props; clicks come back as events."""

    def __init__(self, face: CardFace, actions: StaffActions) -> None:
        super().__init__()
        self.face = face
        self.broadcast = False  # took a broadcast change since the browser last connected (BoardView.resend)
        self.mark(f"ticket-{face.order.ticket_number}")
        self._props.update(face.props)
        self.on("advance", lambda: actions.advance(self.order))
        self.on("move", lambda e: self._move(actions, e.args))
        self.on("undo", lambda: actions.undo(self.order))
        self.on("cancel", lambda: actions.ask_cancel(self.order))

    @property
    def order(self) -> OrderStaffView:
        """The order as last shown: the clicks act on it, so a stale card loses its race cleanly."""
        return self.face.order

    async def _move(self, actions: StaffActions, target: object) -> None:
        # Only a move this card offers: the event comes from the browser, which could send anything.
        offered = {str(move): move for move in other_moves(self.order.status, delivery=self.face.delivery)}
        if isinstance(target, str) and target in offered:
            await actions.move(self.order, offered[target])

    def show(self, face: CardFace, *, sent: bool) -> None:
        """Take the order's new face; `sent`: the browser has it already (a broadcast), so send nothing."""
        self.face = face
        if sent:
            self.broadcast = True
            with self._props.suspend_updates():
                self._props.update(face.props)
        else:
            self._props.update(face.props)

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


def _rank(order: OrderStaffView) -> str:
    """Sorts as the board's query does (services/board.py): by day, pickup time, then when it was placed."""
    pickup = _ms(order.pickup_at) if order.pickup_at else 10**15  # no pickup time: last of its day
    return f"{order.due_day.isoformat()} {pickup:016d} {_ms(order.placed_at):016d}"


def _short(allergen: str) -> str:
    """The name as a card has room for: "gluten" for the law's "cereals containing gluten"."""
    return "gluten" if allergen == Allergen.GLUTEN else allergen


def _ms(moment: datetime) -> int:
    """Milliseconds since the epoch: what the browser's clock counts in."""
    return int(moment.timestamp() * 1000)
