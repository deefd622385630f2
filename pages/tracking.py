"""The customer's tracking page `/track/{order_id}`: a live status timeline, items, total, pickup time, and
what the customer may do with it (cancel while it is only placed, order the same again).

The order's code in the link is the customer's key: whoever has the link may cancel the order, as the
customer would at the counter with the ticket.
"""

from collections.abc import Awaitable, Callable

from nicegui import ui

from pages.follow import follow_order, load_order
from pages.in_thread import in_thread
from pages.layout import frame, local_time, money
from services import order_moves
from services.database import session_scope
from services.errors import BakeryError
from services.models import Longest
from services.order_status import OrderStatus
from services.order_views import public_view
from services.schemas import OrderPublic

STEP_ICONS = {
    "Order Placed": "receipt_long",
    "In Progress": "bakery_dining",
    "Ready": "check_circle",
    "Picked Up": "shopping_bag",
    "Shipped": "local_shipping",
    "Delivered": "home",
    "Cancelled": "cancel",
}
# Quasar colours: waiting in amber, ready in green, done in grey, cancelled in red (never mistaken for ready).
# With white text (black on amber, STATUS_INK) each is at least 4.5:1, WCAG AA; the status is always written out.
STATUS_COLOURS = {
    "Order Placed": "amber-9",
    "In Progress": "amber-9",
    "Ready": "green-9",
    "Picked Up": "blue-grey-7",
    "Shipped": "blue-9",
    "Delivered": "blue-grey-7",
    "Cancelled": "red-9",
}
STATUS_INK = {"Order Placed": "black", "In Progress": "black"}  # the others: white


def register() -> None:
    @ui.page("/track/{order_id}")
    async def tracking(order_id: str) -> None:
        order = await in_thread(load_order, public_view, order_id)
        with frame("Your order"):
            if order is None:
                _unknown_code(order_id)
                return
            TrackingPage(order)


class TrackingPage:
    def __init__(self, order: OrderPublic) -> None:
        self.order = order
        self.view = ui.refreshable(self._show)
        self.view()
        self.reload = follow_order(order.order_id, public_view, self._fresh)
        # Outside the live view: a refresh while the customer types the reason must not close the dialog.
        self.cancel = CancelDialog(lambda: self.order, self.reload)

    def _fresh(self, order: OrderPublic) -> None:
        self.order = order
        self.view.refresh()

    def _show(self) -> None:
        order = self.order
        with ui.row().classes("w-full items-center gap-4"):
            ui.label(f"Ticket #{order.ticket_number}").classes("text-3xl font-bold")
            colour, ink = STATUS_COLOURS.get(order.status, "grey-8"), STATUS_INK.get(order.status, "white")
            ui.badge(order.status, color=colour, text_color=ink).classes("text-lg").mark("order-status")
            if order.late and order.status != OrderStatus.CANCELLED:
                ui.badge("Running late", color="red-9").mark("running-late")
        _the_truth(order)
        ui.label(f"Pickup {local_time(order.pickup_at)}").mark("pickup-time")
        with ui.row().classes("w-full gap-8 items-start"):
            _timeline(order)
            _items(order)
        with ui.row().classes("gap-2"):
            if order.status == OrderStatus.PLACED:
                ui.button("Cancel order", icon="cancel", on_click=self._ask_why).props("outline color=red-8").mark(
                    "cancel-order"
                )
            ui.button("Order again", icon="replay", on_click=lambda: ui.navigate.to(f"/?again={order.order_id}")).props(
                "color=primary"
            ).mark("order-again")
            ui.button("All my orders", icon="receipt_long", on_click=lambda: ui.navigate.to("/account")).props(
                "flat color=primary"
            ).mark("my-orders")

    def _ask_why(self) -> None:
        self.cancel.open()


class CancelDialog:
    """Asks for the reason (the bakery wants to know, and the history keeps it), then cancels."""

    def __init__(self, shown: Callable[[], OrderPublic], reload: Callable[[], Awaitable[None]]) -> None:
        self.shown, self.reload = shown, reload
        self.order = shown()  # as the customer saw it when they opened the dialog
        with ui.dialog() as self.dialog, ui.card().classes("w-full max-w-md").mark("cancel-dialog"):
            self.title = ui.label().classes("text-xl font-semibold")
            ui.label("Nothing is owed. Please tell us why, in a few words.")
            self.reason = (
                ui.input("Why are you cancelling?")
                .props(f"outlined autofocus maxlength={Longest.STATUS_NOTE}")
                .classes("w-full")
                .mark("cancel-reason")
            )
            self.problem = ui.label().classes("text-red-800").mark("cancel-problem")
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button("Keep my order", on_click=self.dialog.close).props("flat").mark("keep-order")
                ui.button("Cancel order", on_click=self.confirm).props("color=red-8").mark("confirm-cancel")

    def open(self) -> None:
        self.order = self.shown()
        self.title.text = f"Cancel order #{self.order.ticket_number}?"
        self.reason.props(remove="error error-message")
        self.problem.text = ""
        self.dialog.open()

    async def confirm(self) -> None:
        self.reason.props(remove="error error-message")
        self.problem.text = ""
        try:
            await in_thread(_cancel, self.order.order_id, self.reason.value or "", self.order.version)
        except BakeryError as refusal:
            if refusal.field == "reason":
                self.reason.props(f'error error-message="{refusal.detail.replace(chr(34), chr(39))}"')
            else:
                self.problem.text = refusal.detail
                await self.reload()  # someone changed it meanwhile: show what it is now
            return
        self.dialog.close()
        await self.reload()


def _cancel(order_id: str, reason: str, version: int) -> None:
    with session_scope() as session:
        order_moves.cancel_by_customer(session, order_id, reason=reason.strip(), expected_version=version)


def _the_truth(order: OrderPublic) -> None:
    """Why it was cancelled, or that a status we showed was a mistake, in words the customer can act on."""
    if order.cancellation is not None:
        said = order.cancellation
        with ui.card().classes("w-full bg-red-50 dark:bg-red-950 border-l-4 border-red-700").mark("cancellation"):
            headline = "You cancelled this order" if said.by_customer else "We are sorry: we had to cancel this order"
            ui.label(headline).classes("font-semibold")
            ui.label(f"Reason: {said.reason}").mark("cancel-reason-shown")
            ui.label("Nothing is owed. You can order the same again below.")
    elif order.taken_back == OrderStatus.READY:
        _correction(
            f"Sorry, order #{order.ticket_number} is not ready yet",
            "We told you too soon. This page changes as soon as it really is ready.",
        )
    elif order.taken_back == OrderStatus.CANCELLED:
        _correction(
            f"Order #{order.ticket_number} is not cancelled after all",
            f"Sorry for the confusion: it is {order.status} again. You can still cancel it while we have not started.",
        )


def _correction(headline: str, then: str) -> None:
    with ui.card().classes("w-full bg-amber-50 dark:bg-stone-800 border-l-4 border-amber-600").mark("correction"):
        ui.label(headline).classes("font-semibold")
        ui.label(then)


def _timeline(order: OrderPublic) -> None:
    with ui.timeline(side="right").classes("max-w-md").mark("timeline"):
        for step in order.history:
            when = local_time(step.at, "%a %d %b, %H:%M:%S")
            ui.timeline_entry(
                title=step.status,
                subtitle=f"{when} · correction: {step.from_status} was a mistake" if step.undo else when,
                icon=STEP_ICONS.get(step.status, "circle"),
                color=STATUS_COLOURS.get(step.status) if step.status == OrderStatus.CANCELLED else None,
            )


def _items(order: OrderPublic) -> None:
    with ui.card().classes("grow"):
        ui.label("Items").classes("font-semibold")
        for item in order.items:
            with ui.row().classes("w-full justify-between"):
                ui.label(f"{item.quantity} × {item.title}")
                ui.label(money(item.line_total))
        ui.separator()
        with ui.row().classes("w-full justify-between font-semibold"):
            ui.label("Total")
            ui.label(money(order.total)).mark("order-total")


def _unknown_code(order_id: str) -> None:
    with ui.card().classes("w-full max-w-xl").mark("unknown-order"):
        ui.label("We could not find that order").classes("text-2xl font-semibold")
        ui.label(
            f"No order has the code “{order_id[:40]}”. Check the link in your confirmation, or ask us at the counter."
        )
        ui.link("Back to the shop", "/")
