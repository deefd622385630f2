"""Checkout in the cart drawer: contact, pickup day and time the bakery can keep, notes."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from nicegui import ui
from pydantic import ValidationError
from sqlmodel import select

from pages.in_thread import in_thread
from pages.layout import local_time, money
from services import orders
from services.bakery_settings import PAUSED_MESSAGE, current_calendar
from services.calendar import Unavailable
from services.cart import Cart, PricesChanged
from services.clock import utcnow
from services.database import session_scope
from services.errors import BakeryError
from services.models import Longest, Product
from services.order_views import public_view
from services.pickup_slots import SlotFull, day_slots
from services.schemas import OrderPublic, OrderRequest, StorefrontOrder

SLOT_WENT = "That slot just filled up; we picked the next free one"


class CheckoutForm:
    def __init__(self, cart: Cart, on_change: Callable[[], None]) -> None:
        self.cart = cart
        self.on_change = on_change
        self.values = {"customer_name": "", "phone": "", "email": "", "day": None, "time": None, "notes": ""}
        self.confirmation: OrderPublic | None = None
        self.fields: dict[str, ui.element] = {}
        self.unavailable: ui.row | None = None  # the greyed-out slots of the chosen day
        self.problem = ""  # what the last try to place said, kept when the basket redraws the form
        self.errors: dict[str, str] = {}  # what is wrong with each field, kept when the basket redraws the form

    def build(self) -> None:
        # Read before the time select is made again: bound to an empty list of times, it clears the chosen one.
        chosen, day = self.values["time"], self.values["day"]
        calendar = current_calendar()
        if calendar.online_orders_paused:
            ui.label(PAUSED_MESSAGE).classes("text-lg font-semibold text-red-800").mark("checkout-paused")
            return
        days = calendar.pickup_days(utcnow(), self.cart.lead_time_hours)
        day_options = {d.isoformat(): d.strftime("%a %d %b") for d in days}
        if self.values["day"] not in day_options:
            self.values["day"] = next(iter(day_options), None)
        ui.label("Pickup and contact").classes("font-semibold")
        self.fields.clear()  # the basket rebuilds the form: forget the elements of the previous build
        self.unavailable = None
        f = self.fields
        f["customer_name"] = (
            ui.input("Your name")
            .bind_value(self.values, "customer_name")
            .props(f"outlined dense maxlength={Longest.CUSTOMER_NAME}")
            .classes("w-full")
            .mark("checkout-name")
        )
        f["phone"] = (
            ui.input("Phone")
            .bind_value(self.values, "phone")
            .props(f"outlined dense maxlength={Longest.PHONE}")
            .classes("w-full")
            .mark("checkout-phone")
        )
        f["email"] = (
            ui.input("Email")
            .bind_value(self.values, "email")
            .props(f"outlined dense maxlength={Longest.EMAIL}")
            .classes("w-full")
            .mark("checkout-email")
        )
        f["day"] = (
            ui.select(day_options, label="Pickup day", on_change=lambda: self._fill_times())
            .bind_value(self.values, "day")
            .props("outlined dense")
            .classes("w-full")
            .mark("checkout-day")
        )
        f["pickup_at"] = (
            ui.select({}, label="Pickup time")
            .bind_value(self.values, "time")
            # We move the time ourselves when a slot fills (and say so beside it); NiceGUI's auto-validation would
            # take that message away as soon as the binding brings the new time, a tenth of a second later.
            .without_auto_validation()
            .props("outlined dense")
            .classes("w-full")
            .mark("checkout-time")
        )
        self.unavailable = ui.row().classes("gap-1").mark("unavailable-slots")
        # A redraw (a settings change, a price moved) can come after another customer took our slot and before
        # that order's own event: it must say the slot went, or the time changes under the customer unannounced.
        if not self._fill_times(chosen) and chosen is not None and self.values["day"] == day:
            self.errors["pickup_at"] = SLOT_WENT
        ui.label(f"Open {calendar.describe_hours()}").classes("text-xs opacity-70")
        f["notes"] = (
            ui.textarea("Notes (allergies, message on the cake…)")
            .bind_value(self.values, "notes")
            .props(f"outlined dense maxlength={Longest.ORDER_NOTES}")
            .classes("w-full")
            .mark("checkout-notes")
        )
        self.error = ui.label(self.problem).classes("text-red-700 text-sm").mark("checkout-error")
        for field, message in list(self.errors.items()):  # the new fields show what the old ones said
            self._field_error(field, message)
        ui.button("Place order", icon="check", on_click=self.place).props("color=primary").classes("w-full").mark(
            "place-order"
        )

    def _fill_times(self, chosen: str | None = None) -> bool:
        """Offer the slots that can take the whole basket; show the full ones greyed, with the reason. False when
        the chosen time (`chosen`, else the one bound) had to move for a reason worth saying (it filled up, the
        day closed)."""
        select = self.fields.get("pickup_at")
        if select is None or self.unavailable is None:  # the day select fires this before both exist
            return True
        day = self.values["day"]
        calendar = current_calendar()
        zone = calendar.zone
        slots = []
        if day:
            with session_scope() as session:  # one indexed read of the day's bookings
                slots = day_slots(
                    session,
                    calendar,
                    date.fromisoformat(day),
                    items=self.cart.slot_items(),
                    lead_time_hours=self.cart.lead_time_hours,
                ).slots
        select.options = {s.start.isoformat(): s.start.astimezone(zone).strftime("%H:%M") for s in slots if s.available}
        select.update()
        self.unavailable.clear()
        with self.unavailable:
            for s in slots:
                if not s.available and s.reason != "too soon":  # times already gone are simply not offered
                    at = s.start.astimezone(zone).strftime("%H:%M")
                    ui.chip(f"{at} {s.reason}").props("dense outline disable color=grey").mark(f"slot-{at}")
        if self.values["time"] not in select.options:
            chosen = self.values["time"] if chosen is None else chosen
            if chosen in select.options:  # a redraw's new select cleared it: the customer's time still stands
                self.values["time"] = chosen
                return True
            gone = next((s for s in slots if s.start.isoformat() == chosen), None)
            self.values["time"] = next(iter(select.options), None)
            # A slot the clock overtook simply moves on: only one that filled up (or closed) is news.
            return gone is not None and gone.reason == Unavailable.TOO_SOON
        return True

    def slots_changed(self) -> None:
        """Another order (or a settings change) changed what is free: follow it, and say so if our slot went."""
        if self.fields.get("pickup_at") is None or self.fields["pickup_at"].is_deleted:
            return
        chosen = self.values["time"]
        if not self._fill_times() and chosen is not None:
            self._field_error("pickup_at", SLOT_WENT)

    async def place(self) -> None:
        self._clear_errors()
        contact = {k: (self.values[k] or "").strip() or None for k in ("customer_name", "phone", "email")}
        try:
            request = StorefrontOrder(
                items=self.cart.order_lines(),
                pickup_at=self.values["time"],
                notes=(self.values["notes"] or "").strip() or None,
                **contact,
            )
        except ValidationError as error:
            for field, message in _messages(error).items():
                self._field_error(field, message)
            return None
        try:
            self.cart.check_ready()
            placed = await in_thread(_place, request, self.cart.total)
        except PricesChanged as error:
            self.problem = error.detail
            self.on_change()  # the basket shows which lines changed and asks to go on
            return None
        except SlotFull as error:
            self._fill_times()
            if error.next_free:
                self.values["time"] = error.next_free[0].start.isoformat()
            self._field_error("pickup_at", error.detail)
            return None
        except BakeryError as error:
            if error.field == "expected_total":  # a price moved after our last look: look again, ask again
                await self._catch_up()
                return None
            self.error.text = error.detail
            return None
        self.confirmation = placed
        self.cart.clear()
        self.on_change()
        return None

    async def _catch_up(self) -> None:
        products = await in_thread(_current_products, [line.product_id for line in self.cart.lines.values()])
        self.cart.follow(products)
        self.problem = PricesChanged(self.cart.unseen_changes()).detail
        self.on_change()

    def show_confirmation_if_any(self) -> None:
        if self.confirmation is None:
            return
        placed = self.confirmation
        with ui.card().classes("w-full bg-green-50 dark:bg-green-950").mark("confirmation"):
            ui.label("Thank you! Your order is in.").classes("font-semibold text-lg")
            ui.label(f"Ticket #{placed.ticket_number}").classes("text-2xl font-bold").mark("ticket-number")
            ui.label(f"Order code {placed.order_id}").classes("font-mono").mark("order-code")
            ui.label(f"Pickup {local_time(placed.pickup_at)}")
            ui.label(f"Total charged {money(placed.total)}").classes("font-semibold").mark("confirmation-total")
            ui.link("Track your order live", f"/track/{placed.order_id}").mark("tracking-link")

    def _field_error(self, field: str, message: str) -> None:
        element = self.fields.get(field)
        if element is None:
            self.error.text = message
            return
        self.errors[field] = message
        element.props(f'error error-message="{_attr(message)}"')

    def _clear_errors(self) -> None:
        self.problem = self.error.text = ""
        self.errors.clear()
        for element in self.fields.values():
            element.props(remove="error error-message")


def _place(request: OrderRequest, seen_total: Decimal) -> OrderPublic:
    with session_scope() as session:
        order, _ = orders.place_order(session, request, placed_by="storefront", expected_total=seen_total)
        return public_view(session, order.public_id)


def _current_products(ids: list[int]) -> dict[int, Product]:
    """The basket's products as the bakery sells them now; retired ones are left out."""
    with session_scope() as session:
        found = session.exec(select(Product).where(Product.id.in_(ids), Product.active)).all()
        return {p.id: p for p in found}


FRIENDLY = {"customer_name": "Please tell us your name", "pickup_at": "Choose a pickup time"}


def _messages(error: ValidationError) -> dict[str, str]:
    """Field -> what to show under it. The reachability rule has no single field: it shows under Phone."""
    messages: dict[str, str] = {}
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else "phone"
        missing = problem["type"] in {"missing", "string_too_short", "none_required"} or problem.get("input") is None
        text = FRIENDLY[field] if field in FRIENDLY and missing else problem["msg"].removeprefix("Value error, ")
        messages.setdefault(field, text)
    return messages


def _attr(text: str) -> str:
    return text.replace('"', "'")
