"""The order detail's "Move pickup" control: a day and a slot that can take the order, then one service call."""

from collections.abc import Awaitable, Callable
from datetime import date, datetime

from nicegui import ui

from bakeops_ui import live
from pages.in_thread import in_thread
from pages.layout import local_time
from services import pickup_moves
from services.bakery_settings import current_calendar
from services.database import session_scope
from services.errors import BakeryError
from services.events import Refresh
from services.schemas import OrderStaffView


class PickupMove:
    """Made once per page, built again with each fresh view of the order: the chosen day and slot survive
    a redraw (someone else advancing the order must not undo what this member of staff picked)."""

    def __init__(self, by: str, on_done: Callable[[], Awaitable[None]]) -> None:
        self.by = by
        self.on_done = on_done
        self.order: OrderStaffView | None = None
        self.values: dict[str, str | None] = {"day": None, "time": None}
        self.time: ui.select | None = None
        self.problem: str | None = None  # shown beside the slot until the next try, across redraws
        live.order_changed.subscribe(self._follow_fills)

    def build(self, order: OrderStaffView) -> None:
        self.order, self.time = order, None
        days = {d.isoformat(): d.strftime("%a %d %b") for d in pickup_moves.move_days()}
        if self.values["day"] not in days:
            current = order.pickup_at
            shown = current.astimezone(current_calendar().zone).date().isoformat() if current else None
            self.values["day"] = shown if shown in days else next(iter(days), None)
        with ui.row().classes("items-start gap-2"):
            ui.select(days, label="Move pickup to day", on_change=lambda: self._fill_times()).bind_value(
                self.values, "day"
            ).props("outlined dense").classes("w-44").mark("move-day")
            offered = self._offered()
            gone = self._keep_or_drop_choice(offered)
            self.time = (
                ui.select(offered, label="Slot")
                .bind_value(self.values, "time")
                .props("outlined dense")
                .classes("w-32")
                .mark("move-time")
            )
            ui.button("Move pickup", icon="schedule", on_click=self.move).props("flat").mark("move-pickup")
        if gone:
            self.problem = self._gone_message(gone)
        if self.problem:
            self._error(self.problem)

    async def _follow_fills(self, refresh: Refresh) -> None:
        """Another order may have taken (or freed) room in the chosen day's slots: offer what is left."""
        if self.time is None or self.order is None or refresh.subject == self.order.order_id:
            return  # (this order's own change redraws the whole view)
        offered = await in_thread(self._offered)
        if self.time is None or self.time.is_deleted:
            return
        gone = self._keep_or_drop_choice(offered, pick_first=False)
        self.time.options = offered
        self.time.update()
        if gone:
            self._error(await in_thread(self._gone_message, gone))

    def _keep_or_drop_choice(self, offered: dict[str, str], *, pick_first: bool = True) -> str | None:
        """Keep the chosen slot if it can still take the order. If it filled up while staff were choosing,
        drop it and return it, to say so: silently picking the next slot would move the pickup to a time
        nobody chose."""
        chosen = self.values["time"]
        if chosen in offered:
            return None
        if chosen is None:
            self.values["time"] = next(iter(offered), None) if pick_first else None
            return None
        self.values["time"] = None
        return chosen

    def _gone_message(self, chosen: str) -> str:
        assert self.order is not None
        with session_scope() as session:
            return pickup_moves.full_slot_message(session, self.order.order_id, datetime.fromisoformat(chosen))

    def _offered(self) -> dict[str, str]:
        """The slots of the chosen day that can take the whole order, by start."""
        day = self.values["day"]
        if not day or self.order is None:
            return {}
        with session_scope() as session:
            starts = pickup_moves.move_slots(session, self.order.order_id, date.fromisoformat(day))
        return {s.isoformat(): local_time(s, "%H:%M") for s in starts}

    def _fill_times(self) -> None:
        if self.time is None:  # the day select fires this while it is bound, before the slot select exists
            return
        offered = self._offered()
        if self.values["time"] not in offered:
            self.values["time"] = next(iter(offered), None)
        self.time.options = offered
        self.time.update()

    async def move(self) -> None:
        assert self.time is not None and self.order is not None  # the button is built after both
        order = self.order
        self.problem = None
        self.time.props(remove="error error-message")
        chosen = self.values["time"]
        if not chosen:
            self._error("Choose a slot to move the pickup to")
            return

        def call() -> OrderStaffView:
            with session_scope() as session:
                return pickup_moves.move_pickup(
                    session, order.order_id, datetime.fromisoformat(chosen), by=self.by, expected_version=order.version
                )

        try:
            moved = await in_thread(call)
        except BakeryError as error:
            # Another order took the slot (or the bakery closed that day) since the picker was filled.
            self._fill_times()
            self._error(error.detail)
            return
        ui.notify(f"#{moved.ticket_number} now picks up {local_time(moved.pickup_at)}", type="positive")
        self.values["day"] = None  # the next build shows the day the order now picks up
        await self.on_done()

    def _error(self, message: str) -> None:
        assert self.time is not None
        self.problem = message
        self.time.props(f'error error-message="{message.replace(chr(34), chr(39))}"')
