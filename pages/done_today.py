"""The board's "Done today" list: orders picked up, delivered or cancelled today, each with undo.

Collapsed by default and drawn only when opened: with many boards open, a finished order must not make every
one of them rebuild a list nobody is looking at.
"""

from nicegui import ui

from pages.layout import local_time
from pages.shared_query import SharedQuery
from pages.staff_actions import StaffActions
from services.board import done_today, matches
from services.database import session_scope
from services.schemas import OrderStaffView


class DoneToday:
    def __init__(self, actions: StaffActions) -> None:
        self.actions = actions
        self.wanted = ""
        self.orders: list[OrderStaffView] = []
        self.drawn: tuple | None = None
        with (
            ui.expansion("Done today", icon="task_alt")
            .classes("w-full needs-connection")
            .mark("done-today") as self.panel
        ):
            self.rows = ui.column().classes("w-full gap-1")
        self.panel.on_value_change(lambda: self._draw())

    def show(self, orders: list[OrderStaffView]) -> None:
        self.orders = orders
        self._draw()

    def search(self, wanted: str) -> None:
        self.wanted = wanted
        self._draw()

    def shown(self) -> list[OrderStaffView]:
        if not self.wanted.strip():  # the usual case, on every open board at every event: no filtering at all
            return self.orders
        return [order for order in self.orders if matches(order, self.wanted)]

    def _draw(self) -> None:
        shown = self.shown()
        title = f"Done today ({len(shown)})"
        if self.panel.text != title:
            self.panel.text = title
        look = (self.panel.value, self.wanted, tuple((o.order_id, o.version) for o in shown))
        if not self.panel.value or look == self.drawn:
            return
        self.drawn = look
        self.rows.clear()
        with self.rows:
            for order in shown:
                self._row(order)

    def _row(self, order: OrderStaffView) -> None:
        with ui.row().classes("w-full items-center gap-4 border-b py-1").mark(f"done-{order.ticket_number}"):
            ui.link(f"#{order.ticket_number}", f"/admin/orders/{order.order_id}").classes("font-bold w-12")
            ui.label(order.customer_name or "Walk-in / API").classes("w-48")
            ui.label(order.phone or "").classes("w-32 text-sm")
            ui.label(str(order.status)).classes("w-28")
            ui.label(local_time(order.history[-1].at if order.history else None, "%H:%M")).classes("text-sm")
            ui.button("Undo", icon="undo", on_click=lambda o=order: self.actions.undo(o)).props("flat dense").mark(
                f"undo-{order.ticket_number}"
            )


def _load(_today) -> list[OrderStaffView]:
    with session_scope() as session:
        return done_today(session)


shared_done: SharedQuery = SharedQuery(_load)  # keyed by the bakery's day
