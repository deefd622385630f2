"""Board and order-detail buttons: each calls one service and reports a lost race or a refusal kindly."""

from collections.abc import Awaitable, Callable

from nicegui import ui

from pages.access import signed_in
from pages.in_thread import in_thread
from services import order_moves
from services.database import session_scope
from services.errors import BakeryError
from services.models import Longest
from services.order_status import OrderStatus
from services.schemas import OrderStaffView


class StaffActions:
    def __init__(self, on_done: Callable[[], Awaitable[None]]) -> None:
        self.on_done = on_done
        who = signed_in()
        self.by = who.email if who else "staff"  # the history names whoever clicked

    async def advance(self, order: OrderStaffView) -> None:
        await self._run(order_moves.advance_order, order, "Moved")

    async def move(self, order: OrderStaffView, target: OrderStatus) -> None:
        await self._run(order_moves.change_status, order, "Moved", target=target)

    async def undo(self, order: OrderStaffView) -> None:
        await self._run(order_moves.undo_last_move, order, "Undone")

    def ask_cancel(self, order: OrderStaffView) -> None:
        # Built at the page's root, not beside the button: a live redraw of the card or the order's view
        # (a colleague's move, any new order on the board) would otherwise delete it while staff type.
        with ui.context.client.layout, ui.dialog() as dialog, ui.card().mark("cancel-dialog"):
            ui.label(f"Cancel order #{order.ticket_number}?").classes("font-semibold")
            dialog.props["aria-label"] = f"Cancel order #{order.ticket_number}"  # what a screen reader announces
            reason = (
                ui.input("Reason (the customer is told)")
                .props(f"outlined maxlength={Longest.STATUS_NOTE} autofocus")
                .classes("w-80")
                .mark("cancel-reason")
            )
            with ui.row():
                ui.button("Keep order", on_click=dialog.close).props("flat")

                async def confirm() -> None:
                    if not (reason.value or "").strip():
                        reason.props('error error-message="Please give a reason"')
                        return
                    dialog.close()
                    await self._run(order_moves.cancel_order, order, "Cancelled", reason=reason.value.strip())

                ui.button("Cancel order", on_click=confirm).props("color=red").mark("confirm-cancel")
        dialog.on_value_change(lambda event: None if event.value else dialog.delete())  # closed: gone
        dialog.open()

    async def _run(self, action: Callable, order: OrderStaffView, verb: str, **extra) -> None:
        def call() -> str:
            with session_scope() as session:
                # expected_version: if someone else moved it since this card was drawn, we lose cleanly.
                changed = action(session, order.order_id, by=self.by, expected_version=order.version, **extra)
                return changed.status

        try:
            status = await in_thread(call)
            ui.notify(f"{verb}: #{order.ticket_number} is now {status}", type="positive")
        except BakeryError as error:
            ui.notify(error.detail, type="warning")
        await self.on_done()
