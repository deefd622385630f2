"""A walk-in or phone order entered from the board: the same service and rules as the storefront.

Recorded as placed by the signed-in member of staff; taken while online orders are paused too (staff entry).
A product with options (a cake's size, its inscription) takes them beside its quantity, as on the storefront,
and "another" adds a second line of it: two cakes of one order can differ.
"""

from contextlib import nullcontext
from datetime import datetime, time

from nicegui import ui
from pydantic import ValidationError

from pages.access import signed_in
from pages.in_thread import in_thread
from pages.layout import money
from services import catalogue, orders
from services.bakery_settings import current_calendar
from services.database import session_scope
from services.errors import BakeryError
from services.models import Longest, Product
from services.product_options import OptionGroup, OptionKind
from services.schemas import OrderLine, OrderRequest


class CounterOrder:
    """The dialog: customer, phone, quantities per product, pickup day and time (empty time: earliest slot)."""

    def __init__(self, on_placed) -> None:
        self.on_placed = on_placed

    async def open(self) -> None:
        products = await in_thread(_products)
        with (
            ui.dialog().props('aria-label="Counter order"') as self.dialog,
            ui.card().classes("w-[34rem]").mark("counter-order"),
        ):
            ui.label("Counter order (walk-in or phone)").classes("text-lg font-semibold")
            with ui.row().classes("w-full no-wrap gap-2"):
                self.name = ui.input("Customer name").props("outlined dense").classes("flex-1").mark("counter-name")
                self.phone = ui.input("Phone").props("outlined dense").classes("w-40").mark("counter-phone")
            self.lines: list[CounterLine] = []
            with ui.grid(columns=2).classes("w-full gap-1"):
                for product in products:
                    if product.options:  # its pickers need the dialog's width
                        with ui.column().classes("col-span-2 w-full gap-1") as lines:
                            self.lines.append(CounterLine(product))
                        ui.button(
                            f"Another {product.name}",
                            icon="add",
                            on_click=lambda p=product, c=lines: self._another(p, c),
                        ).props("flat dense size=sm").classes("col-span-2 justify-self-start").mark(
                            f"counter-another-{product.name}"
                        )
                    else:
                        self.lines.append(CounterLine(product))
            with ui.row().classes("w-full gap-2"):
                self.day = ui.input("Pickup day (YYYY-MM-DD, empty: earliest)").props("outlined dense")
                self.day.classes("flex-1").mark("counter-day")
                self.time = ui.input("Time (HH:MM)").props("outlined dense").classes("w-32").mark("counter-time")
            self.notes = ui.input("Note (allergies!)").props("outlined dense").classes("w-full").mark("counter-notes")
            self.problem = ui.label("").classes("text-red-700 text-sm").mark("counter-error")
            with ui.row():
                ui.button("Close", on_click=self.dialog.close).props("flat")
                ui.button("Place order", on_click=self.place).props("color=primary").mark("counter-place")
        self.dialog.open()

    async def place(self) -> None:
        self.problem.text = ""
        try:
            lines = [line.ordered() for line in self.lines if line.quantity.value]
            request = OrderRequest(
                items=lines or None,
                customer_name=(self.name.value or "").strip() or None,
                phone=(self.phone.value or "").strip() or None,
                pickup_at=self._pickup_at(),
                notes=(self.notes.value or "").strip() or None,
            )
        except (ValidationError, ValueError) as error:
            self.problem.text = _message(error)
            return
        who = signed_in()
        by = who.email if who else "staff"
        try:
            ticket = await in_thread(_place, request, by)
        except BakeryError as error:
            self.problem.text = error.detail
            return
        self.dialog.close()
        ui.notify(f"Counter order #{ticket} placed", type="positive")
        await self.on_placed()

    def _another(self, product: Product, column: ui.column) -> None:
        with column:
            self.lines.append(
                CounterLine(product, number=sum(line.product.id == product.id for line in self.lines) + 1)
            )

    def _pickup_at(self) -> datetime | None:
        day, hour = (self.day.value or "").strip(), (self.time.value or "").strip()
        if not day and not hour:
            return None
        if not day or not hour:
            raise ValueError("Give both the pickup day and time, or neither for the earliest slot")
        try:
            picked = datetime.combine(datetime.fromisoformat(day).date(), time.fromisoformat(hour))
        except ValueError:
            raise ValueError("Pickup day as 2026-12-24 and time as 10:30") from None
        return picked.replace(tzinfo=current_calendar().zone)


class CounterLine:
    """One product's quantity and, if it has any, its option pickers. Marks name the product (and the line's
    number from the second line of a product on: `counter-qty-Carrot Cake-2`)."""

    def __init__(self, product: Product, number: int = 1) -> None:
        self.product = product
        suffix = f"-{number}" if number > 1 else ""
        groups = [OptionGroup.model_validate(group) for group in product.options]
        with ui.row().classes("w-full gap-1 items-start") if groups else nullcontext():  # wraps on a phone
            self.quantity = (
                ui.number(product.name, value=0, min=0, precision=0, format="%d")
                .props("outlined dense")
                .classes("w-40" if groups else "w-full")
                .mark(f"counter-qty-{product.name}{suffix}")
            )
            self.pickers = {group.name: _picker(product, group, suffix) for group in groups}

    def ordered(self) -> OrderLine:
        chosen = {name: str(picker.value).strip() for name, picker in self.pickers.items() if picker.value}
        return OrderLine(product_id=self.product.id, quantity=int(self.quantity.value), options=chosen)


def _picker(product: Product, group: OptionGroup, suffix: str) -> ui.element:
    label = group.name if group.required else f"{group.name} (optional)"
    mark = f"counter-option-{product.name}-{group.name}{suffix}"
    if group.kind == OptionKind.TEXT:  # ui.input shows an inscription as text, never as HTML
        return (
            ui.input(label)
            .props(f"dense outlined maxlength={min(group.max_length, Longest.OPTION_TEXT)}")
            .classes("flex-1 min-w-[10rem]")
            .mark(mark)
        )
    choices = {c.name: f"{c.name} (+{money(c.price)})" if c.price else c.name for c in group.choices}
    return ui.select(choices, label=label, value=None).props("dense outlined").classes("w-32").mark(mark)


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        if "items" in str(first.get("loc")) or "product_id" in first.get("msg", ""):
            return "Add at least one item"
        return f"{'.'.join(map(str, first['loc']))}: {first['msg']}" if first.get("loc") else first["msg"]
    return str(error)


def _products() -> list[Product]:
    with session_scope() as session:
        return [p for p in catalogue.list_products(session) if p.available]


def _place(request: OrderRequest, by: str) -> int:
    with session_scope() as session:
        order, _ = orders.place_order(session, request, placed_by=by, staff_entry=True)
        return order.ticket_number
