"""The basket in the storefront's drawer, and the basket bar a phone shows at the bottom of the shelves.

A quantity is applied when its field is left or Enter is pressed, not on every keystroke (typing 12 must not
become 1); minus and plus step by the product's own step, and taking a line out is asked first. A line whose price
moved since the customer saw it says so, and the customer accepts the new total before placing.
"""

from collections.abc import Callable

from nicegui import ui

from pages.basket_parts import BasketBar, BasketButton, BasketHeading
from pages.checkout import CheckoutForm
from pages.layout import money
from services.cart import Cart, CartLine, read_quantity
from services.errors import Invalid


class BasketView:
    def __init__(self, cart: Cart, checkout: CheckoutForm, on_close: Callable[[], None]) -> None:
        self.cart = cart
        self.checkout = checkout
        self.on_close = on_close
        self.totals: list[ui.label] = []  # every label showing the basket's total, updated in place
        self.summaries: list[BasketBar] = []  # "3 items · £9.30": one line, so the total is not on the page twice
        self.buttons: list[BasketButton] = []  # the basket button, its count shown and in its name
        self.bar: ui.footer | None = None
        # This page's own: a refreshable method of the class keeps every open page's drawer in one list, which
        # each page built walked in full to drop closed ones (~5 % of a storefront build under a rush, py-spy).
        self.show = ui.refreshable(self._show)

    def closed(self) -> None:
        """The page closed: its drawer's parts and this view point at each other; let go so counting frees them."""
        self.show.targets.clear()
        del self.show

    def _show(self) -> None:
        """The drawer's contents, drawn again when lines come or go or the catalogue moves."""
        BasketHeading().mark("close-basket").on("click", self.on_close)
        cart = self.cart
        self.totals = [t for t in self.totals if not t.is_deleted]
        if not cart.lines:
            ui.label("Nothing yet: add something from the shelves.").classes("opacity-70").mark("cart-empty")
            self.checkout.show_confirmation_if_any()
            self.update_totals()
            return
        for line in list(cart.lines.values()):
            _LineEditor(self, line)
        with ui.row().classes("w-full justify-between font-semibold text-lg"):
            ui.label("Total")
            self.totals.append(ui.label(money(cart.total)).mark("cart-total"))
        if cart.unseen_changes():
            self._price_notice()
        ui.separator()
        self.checkout.build()
        self.update_totals()

    def phone_bar(self, open_basket: Callable[[], None], opening_js: str) -> None:
        """The bar at the bottom of a small screen: how much is in the basket and a way in. Wide screens
        show the drawer beside the shelves instead (`lg` is where Quasar's drawer stops covering the page)."""
        bar = ui.footer(value=False).classes("lg:hidden bg-amber-900 text-white py-2").mark("basket-bar")
        with bar:
            summary = BasketBar().mark("basket-bar-summary view-basket")
            summary.on("click", open_basket).on("click", js_handler=opening_js)
        self.summaries.append(summary)
        self.bar = bar

    def update_totals(self) -> None:
        """Totals and counts in place: no redraw, so a field being typed in keeps its text."""
        cart = self.cart
        for label in self.totals:
            if not label.is_deleted:
                label.text = money(cart.total)
        items = "1 item" if cart.count == 1 else f"{cart.count} items"
        for label in self.summaries:
            label.text = f"{items} · {money(cart.total)}"
        for button in self.buttons:
            button.props.update(count=cart.count, label=f"Basket, {items}")
        if self.bar is not None:
            self.bar.value = bool(cart.lines)

    def _price_notice(self) -> None:
        with ui.card().classes("w-full bg-amber-100 text-stone-900").props('role="alert"').mark("prices-changed"):
            ui.label("Prices changed since you added these. Please check the new total before placing the order.")
            ui.button(f"Go on at {money(self.cart.total)}", on_click=self._accept).props("color=primary").mark(
                "accept-prices"
            )

    def _accept(self) -> None:
        self.cart.accept_prices()
        self.checkout.problem = ""  # what it said about the old prices is answered
        self.show.refresh()

    def quantity_changed(self) -> None:
        self.update_totals()
        self.checkout.slots_changed()  # a bigger basket may no longer fit the chosen pickup slot


class _LineEditor:
    """One basket line: title, price notes, minus, quantity, plus, line total."""

    def __init__(self, view: BasketView, line: CartLine) -> None:
        self.view = view
        self.line = line
        title = line.title
        with ui.column().classes("w-full gap-1").mark(f"cart-line-{title}"):
            with ui.row().classes("w-full items-center justify-between no-wrap"):
                ui.label(title).classes("grow")  # text, never HTML: an inscription is shown as typed
                self.total = ui.label(money(line.line_total)).classes("text-right").mark(f"line-total-{title}")
            if line.price_changed:
                ui.label(f"Price changed: was {money(line.seen_price)}, now {money(line.unit_price)} each").classes(
                    "text-sm text-amber-900 dark:text-amber-300 font-medium"
                ).mark(f"price-changed-{title}")
            if line.unavailable:
                ui.label(f"{line.unavailable.capitalize()}: take it out to order the rest").classes(
                    "text-sm text-red-700"
                ).mark(f"unavailable-{title}")
            with ui.row().classes("items-center gap-1 no-wrap"):
                ui.button(icon="remove", on_click=lambda: self.step(-1)).props(
                    f'round dense flat aria-label="One less {title}"'
                ).mark(f"less-{title}")
                # No min/max here: NiceGUI would clamp a typed 1200 to the maximum without a word.
                self.field = (
                    ui.number(value=line.quantity, step=line.quantity_step, precision=None)
                    .props('dense outlined inputmode=numeric aria-label="Quantity"')
                    .classes("w-20")
                    .mark(f"cart-qty-{title}")
                )
                self.field.on("blur", self.typed)
                self.field.on("keydown.enter", self.typed)
                ui.button(icon="add", on_click=lambda: self.step(1)).props(
                    f'round dense flat aria-label="One more {title}"'
                ).mark(f"more-{title}")
                if line.quantity_step > 1:
                    ui.label(f"in {line.quantity_step}s").classes("text-xs")

    async def typed(self) -> None:
        try:
            quantity = read_quantity(self.field.value)
        except Invalid as error:
            self._refuse(error.detail)
            return
        if quantity == 0:
            await self._ask_to_remove()
        else:
            self.apply(quantity)

    async def step(self, direction: int) -> None:
        quantity = self.line.quantity + direction * self.line.quantity_step
        if quantity < max(1, self.line.min_quantity):  # minus at the smallest quantity the bakery sells
            await self._ask_to_remove()
        else:
            self.apply(quantity)

    def apply(self, quantity: int) -> None:
        try:
            if quantity != self.line.quantity:
                self.view.cart.set_quantity(self.line.key, quantity)
                self.view.quantity_changed()
        except Invalid as error:
            self._refuse(error.detail)
            return
        self._clear_error()
        self._show_quantity()

    def _show_quantity(self) -> None:
        self.field.value = self.line.quantity
        self.total.text = money(self.line.line_total)

    async def _ask_to_remove(self) -> None:
        line = self.line
        with ui.dialog() as dialog, ui.card().mark("remove-dialog"):
            ui.label(f"Take {line.title} out of the basket?")
            with ui.row().classes("w-full justify-end"):
                ui.button("Keep it", on_click=lambda: dialog.submit(False)).props("flat").mark("keep-line")
                ui.button("Take it out", on_click=lambda: dialog.submit(True)).props("color=red-8").mark("remove-line")
        take_out = await dialog
        dialog.delete()
        if take_out:
            self.view.cart.remove(line.key)
            self.view.show.refresh()
            self.view.checkout.slots_changed()
        else:
            self._clear_error()
            self._show_quantity()

    def _refuse(self, message: str) -> None:
        self.field.props(f'error error-message="{message.replace(chr(34), chr(39))}"')

    def _clear_error(self) -> None:
        self.field.props(remove="error error-message")
