"""The live order board `/admin`: a column per status, one click to advance, undo, cancel with a reason."""

import asyncio
import functools
import logging
from datetime import date

from nicegui import background_tasks, core, ui

from bakeops_ui import live
from pages.board_tabs import DayTabs, shared_glance
from pages.board_view import BoardView, Layout, layout_of, next_serial, with_orders
from pages.counter_order import CounterOrder
from pages.done_today import DoneToday, shared_done
from pages.guard import staff_page
from pages.in_thread import in_thread
from pages.layout import frame
from pages.newest import Newest
from pages.online_orders import online_orders_switch
from pages.shared_query import SharedQuery
from pages.staff_actions import StaffActions
from services import bakery
from services.allergy_notes import allergens_by_order
from services.board import Window, board_orders, orders_named, shows_in
from services.clock import utcnow
from services.database import session_scope
from services.events import Refresh
from services.schemas import OrderStaffView

log = logging.getLogger("bakeops.board")


def register() -> None:
    shared_board.reset()
    shared_glance.reset()
    shared_done.reset()
    open_boards.reset()
    live.order_changed.subscribe(open_boards.order_changed)  # one subscriber for the process, not one per page
    live.minute_tick.subscribe(open_boards.minute_passed)

    @staff_page("/admin")
    async def board() -> None:
        with frame("Order board", staff=True):
            with ui.row().classes("w-full items-center justify-between needs-connection"):
                ui.label("Order board").classes("text-3xl font-semibold")
                search = (
                    ui.input(placeholder="Find: ticket, name or phone")
                    .props('dense outlined clearable aria-label="Find an order"')
                    .classes("w-64")
                    .mark("board-search")
                )
                counter = CounterOrder(on_placed=lambda: page.after_action())  # `page` is made just below
                ui.button("Counter order", icon="add_shopping_cart", on_click=counter.open).props("color=primary").mark(
                    "counter-order-open"
                )
                ui.link("Print today's tickets", "/admin/tickets", new_tab=True).mark("print-day")
                online_orders_switch()
                tabs = DayTabs()
            page = BoardPage(tabs)
            # Back after losing its socket: what happened meanwhile was not pushed to this page.
            ui.context.client.on_connect(page.connected)
            tabs.toggle.on_value_change(lambda e: page.pick_window(e.value))  # returns the coroutine: NiceGUI awaits it
            search.on_value_change(lambda e: page.search(e.value or ""))
            # Joined before the first load: an order arriving meanwhile reaches this board too.
            open_boards.boards.append(page)
            ui.context.client.on_delete(lambda: open_boards.forget(page))
            await page.reload()


class BoardPage:
    """One open board: the orders of its window, and its tabs (which announce new orders of any day)."""

    def __init__(self, tabs: DayTabs) -> None:
        self.window = Window.TODAY
        self.client = ui.context.client
        self.tabs = tabs
        self.connections = 0
        self.loads = Newest()
        actions = StaffActions(on_done=self.after_action)
        self.view = BoardView(actions)
        self.done = DoneToday(actions)

    async def connected(self) -> None:
        if self.connections:  # not the first: the page was offline and missed what happened meanwhile
            await self.reload()
        # Broadcasts reach only connected pages: one sent while this page was being built or was offline is
        # missing from its browser, though its cards took it. (Updates of its own wait in its outbox.)
        self.view.resend()
        self.connections += 1

    def key(self) -> tuple[Window, date]:
        return self.window, bakery.rules().today()

    async def reload(self, *, sent: bool = False) -> None:
        """`sent`: the cards' changes went to the browser as a broadcast (OpenBoards)."""
        ((orders, allergens), glance, done), newest = await self.loads.load(self._load)
        if newest:  # else a newer reload started meanwhile: its answer is the one to show
            self.tabs.show(glance, self.key()[1])
            self.show(orders, allergens, sent=sent)
            self.done.show(done)

    async def _load(self) -> tuple["BoardOrders", list, list[OrderStaffView]]:
        window, today = self.key()
        board = await shared_board.get((window, today))
        return board, await shared_glance.get(today), await shared_done.get(today)

    def search(self, wanted: str) -> None:
        self.view.search(wanted)
        self.done.search(wanted)

    def show(self, orders: list[OrderStaffView], allergens: dict[str, list[str]], *, sent: bool = False) -> None:
        self.view.show(orders, allergens, utcnow(), sent=sent)

    async def pick_window(self, window: Window) -> None:
        self.window = window
        self.tabs.pick(window)
        await self.reload()

    async def after_action(self) -> None:
        # Our own move must show even before its event comes back through the pipeline.
        shared_board.changed()
        shared_glance.changed()
        shared_done.changed()
        await self.reload()


class OpenBoards:
    """Every open board of this UI server, refreshed in one pass per burst of order events.

    One subscriber, not one per page (with 200 boards open that would be 200 tasks per event, each waking to
    redraw). Events that arrive during a pass are folded into one more pass, so a rush never queues redraws.
    A pass first broadcasts the cards that changed, once to all boards of the same window (pages/board_view.py),
    then lets each board catch up on the rest (new and finished cards, its tabs, its done list).
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Forget every board (each test starts the app afresh)."""
        self.boards: list[BoardPage] = []
        self._running = False
        self._again = False
        self._sent: dict[tuple[Window, date], Layout] = {}  # per window, the faces its boards were last sent
        self._named: set[str] = set()  # the orders the events since the last pass named

    def forget(self, page: BoardPage) -> None:
        if page in self.boards:
            self.boards.remove(page)

    def order_changed(self, refresh: Refresh) -> None:
        shared_board.changed()
        shared_glance.changed()
        shared_done.changed()
        self._named.add(refresh.subject)  # the order's public id
        self._start()

    def minute_passed(self) -> None:
        """Ages the lateness colours, which change without any order event ("Placed 5 min ago" and the timers
        age in the browser): only the cards whose colour changed are sent."""
        self._start()

    def _start(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        background_tasks.create(self._refresh_all(), name="refresh open boards")

    async def _refresh_all(self) -> None:
        try:
            again = True
            while again:
                self._again = False
                await self._broadcast_named()
                await self._load_together()
                await self._broadcast()
                for page in list(self.boards):
                    await self._refresh(page)
                    await asyncio.sleep(0)  # the broadcast's writes and this board's own go out as the pass goes
                again = self._again
        finally:
            self._running = False

    async def _broadcast_named(self) -> None:
        """The orders the events named, read alone and broadcast before the whole board is read again: a move is
        what staff wait to see, and reading twenty orders took 15-60 ms with 200 boards open (bench.live_board),
        a few rows a fraction of that. The whole board follows and sends what else changed (usually nothing)."""
        named, self._named = sorted(self._named), set()
        rooms = self._rooms()
        if not named or not any(key in self._sent for key in rooms):
            return
        try:
            orders, allergens = await in_thread(_load_named, named)
        except Exception:  # the whole board's read follows, and logs its own trouble
            log.exception("could not read the orders an event named")
            return
        now = utcnow()
        for key, layout in list(self._sent.items()):
            window, today = key
            shown = functools.partial(shows_in, window=window, today=today)
            await self._send(key, rooms.get(key, []), with_orders(layout, orders, allergens, now, shown))

    async def _load_together(self) -> None:
        """Runs the pass's queries at once, each in its own pool thread, before any board asks for them: the
        first board used to wait for the board, the day counts and the done list one after another."""
        keys = {page.key() for page in self.boards}
        days = {day for _window, day in keys}
        loads = [shared_board.get(key) for key in keys]
        loads += [query.get(day) for query in (shared_glance, shared_done) for day in days]
        await asyncio.gather(*loads, return_exceptions=True)  # a failed load: the board that asks retries, and logs

    async def _broadcast(self) -> None:
        """One message per window with the faces that changed since its boards were last sent theirs."""
        rooms = self._rooms()
        self._sent = {key: layout for key, layout in self._sent.items() if key in rooms}
        for key, clients in rooms.items():
            try:
                orders, allergens = await shared_board.get(key)
            except Exception:  # the boards' own loads retry it, and log
                continue
            await self._send(key, clients, layout_of(orders, allergens, utcnow()))

    def _rooms(self) -> dict[tuple[Window, date], list[str]]:
        rooms: dict[tuple[Window, date], list[str]] = {}
        for page in self.boards:
            rooms.setdefault(page.key(), []).append(page.client.id)  # NiceGUI puts each page's socket in its room
        return rooms

    async def _send(self, key: tuple[Window, date], rooms: list[str], layout: Layout) -> None:
        before = self._sent.get(key)
        before_faces = before.faces if before else {}
        faces = layout.faces.items()
        cards: dict[str, dict | None] = {i: face.props for i, face in faces if before_faces.get(i) is not face}
        cards.update({order_id: None for order_id in before_faces if order_id not in layout.faces})
        self._sent[key] = layout
        if cards and rooms:
            await core.sio.emit("board_cards", {"serial": next_serial(), "cards": cards}, room=rooms)

    async def _refresh(self, page: BoardPage) -> None:
        try:
            # The first board of each day and window runs the query; the others share it.
            await page.reload(sent=True)
        except Exception:  # one board's trouble must not leave the others stale
            log.exception("could not refresh an open board")


BoardOrders = tuple[list[OrderStaffView], dict[str, list[str]]]  # a window's open orders, their products' allergens


def _load_named(public_ids: list[str]) -> BoardOrders:
    with session_scope() as session:
        orders = orders_named(session, public_ids)
        return orders, allergens_by_order(session, orders)


def _load(key: tuple[Window, date]) -> BoardOrders:
    with session_scope() as session:
        orders = board_orders(session, key[0])
        return orders, allergens_by_order(session, orders)


shared_board: SharedQuery[tuple[Window, date], BoardOrders] = SharedQuery(_load)  # keyed by day too: midnight
open_boards = OpenBoards()
