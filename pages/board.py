"""The live order board `/admin`: a column per status, one click to advance, undo, cancel with a reason."""

from datetime import date, datetime

from nicegui import ui

from pages import live
from pages.board_card import OrderCard
from pages.layout import ago, frame, staff_page
from pages.shared_query import SharedQuery
from pages.staff_actions import StaffActions
from services import bakery
from services.board import COLUMNS, Window, board_orders
from services.clock import utcnow
from services.database import session_scope
from services.lateness import lateness
from services.schemas import OrderStaffView

CHIME = """
(() => { try {
  const ctx = new (window.AudioContext || window.webkitAudioContext)();
  [0, 0.18].forEach((t, i) => { const o = ctx.createOscillator(), g = ctx.createGain();
    o.frequency.value = i ? 1320 : 880; g.gain.value = 0.15; o.connect(g); g.connect(ctx.destination);
    o.start(ctx.currentTime + t); o.stop(ctx.currentTime + t + 0.15); });
} catch (e) {} })();
"""


def register() -> None:
    shared_board.reset()
    live.order_changed.subscribe(shared_board.changed)  # one subscriber for the process, before any page's

    @staff_page("/admin")
    async def board() -> None:
        state = {"window": Window.TODAY, "known": None, "orders": [], "asked": 0}

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

            async def reload() -> None:
                state["asked"] += 1
                asked = state["asked"]
                orders = await shared_board.get((state["window"], bakery.rules().today()))
                if asked != state["asked"]:
                    return  # a newer reload started meanwhile: its answer is the one to show
                ids = {o.order_id for o in orders}
                if state["known"] is not None and (new := [o for o in orders if o.order_id not in state["known"]]):
                    tickets = ", ".join(f"#{o.ticket_number}" for o in new)
                    ui.notify(f"New order {tickets}", type="info", position="top-right")
                    ui.run_javascript(CHIME)
                state.update(known=ids, orders=orders)
                view.show(orders, utcnow())

            async def after_action() -> None:
                # Our own move must show even before its event comes back through the pipeline.
                shared_board.changed()
                await reload()

            view = BoardView(StaffActions(on_done=after_action))
            await reload()
            live.order_changed.subscribe(reload)
            live.minute_tick.subscribe(lambda: view.show(state["orders"], utcnow()))


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
        with ui.row().classes("w-full gap-3 no-wrap items-start overflow-x-auto"):
            for status in COLUMNS:
                with ui.column().classes("min-w-64 flex-1 gap-2").mark(f"column-{status}") as column:
                    self.headers[status] = ui.label().classes("font-semibold text-lg")
                self.columns[status] = column

    def show(self, orders: list[OrderStaffView], now: datetime) -> None:
        wanted = {o.order_id for o in orders}
        for order_id in [i for i in self.cards if i not in wanted]:
            self.cards.pop(order_id).card.delete()
        for status in COLUMNS:
            mine = [o for o in orders if o.status == status]
            self.headers[status].set_text(f"{status} ({len(mine)})")
            for index, order in enumerate(mine, start=1):  # the header is child 0
                self._place(order, now, self.columns[status], index)

    def _place(self, order: OrderStaffView, now: datetime, column: ui.column, index: int) -> None:
        level = lateness(order.pickup_at, order.status, now)
        placed = f"Placed {ago(order.placed_at, now)}"
        card = self.cards.get(order.order_id)
        if card is None:
            with column:
                card = self.cards[order.order_id] = OrderCard(order, level, placed, self.actions)
        else:
            card.show(order, level, placed)
        slot = column.default_slot
        if card.card.parent_slot is not slot or slot.children.index(card.card) != index:
            card.card.move(column, target_index=index)


def _load(key: tuple[Window, date]) -> list[OrderStaffView]:
    with session_scope() as session:
        return board_orders(session, key[0])


shared_board: SharedQuery[tuple[Window, date], list[OrderStaffView]] = SharedQuery(_load)  # keyed by day too: midnight
