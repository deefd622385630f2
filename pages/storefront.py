"""The storefront `/`: the catalogue by category, a cart, and checkout with a pickup time."""

from itertools import groupby

from nicegui import run, ui

from pages import live
from pages.bakery_info import bakery_card
from pages.checkout import CheckoutForm
from pages.layout import frame, money
from services import catalogue
from services.cart import Cart
from services.database import session_scope
from services.models import Product


def register() -> None:
    @ui.page("/")
    async def storefront() -> None:
        cart = Cart()
        products = await run.io_bound(_orderable_catalogue)
        # The drawer is a top-level layout element: it must sit beside the frame, not inside it.
        with (
            ui.right_drawer(value=False, fixed=True)
            .classes("bg-amber-50 dark:bg-stone-900")
            .props("width=380 bordered") as drawer
        ):
            checkout = CheckoutForm(cart, on_change=lambda: cart_view.refresh())

            @ui.refreshable
            def cart_view() -> None:
                _cart_contents(cart, checkout, cart_view)

            cart_view()
        # Others' orders fill slots and admins change hours: the open checkout follows both.
        live.order_changed.subscribe(lambda: checkout.slots_changed())
        info = ui.refreshable(bakery_card)  # this page's own: refreshing it redraws no other visitor's
        live.bakery_changed.subscribe(lambda: (info.refresh(), cart_view.refresh()))
        with frame("Order"):
            with ui.row().classes("w-full items-center justify-between"):
                ui.label("Order for pickup").classes("text-3xl font-semibold")
                with (
                    ui.button(icon="shopping_basket", on_click=drawer.toggle)
                    .props('color=amber-9 aria-label="Basket"')  # icon-only: screen readers need a name
                    .mark("cart")
                ):
                    badge = ui.badge("0", color="red").props("floating")
                    badge.bind_text_from(cart, "count", backward=str)
            info()
            for category, group in groupby(products, key=lambda p: p.category):
                ui.label(category).classes("text-xl font-medium mt-2")
                with ui.grid().classes("w-full gap-3 grid-cols-1 sm:grid-cols-2 md:grid-cols-3"):
                    for product in group:
                        _product_card(product, cart, cart_view, drawer)


def _orderable_catalogue() -> list[Product]:
    with session_scope() as session:
        return catalogue.list_products(session)


def _product_card(product: Product, cart: Cart, cart_view, drawer: ui.right_drawer) -> None:
    with ui.card().classes("w-full").mark(f"product-{product.name}"):
        with ui.row().classes("w-full justify-between items-start no-wrap"):
            ui.label(product.name).classes("font-semibold text-lg")
            ui.label(money(product.price)).classes("font-semibold")
        ui.label(product.description).classes("text-sm opacity-80")
        if product.lead_time_hours:
            ui.label(f"Order {product.lead_time_hours} h ahead").classes("text-xs text-amber-800")
        if not product.available:
            ui.badge("Sold out", color="red").mark(f"sold-out-{product.name}")
            return
        with ui.row().classes("items-center"):
            quantity = (
                ui.number(value=1, min=1, max=99, step=1, precision=0)
                .props("dense outlined")
                .classes("w-20")
                .mark(f"qty-{product.name}")
            )

            def add() -> None:
                cart.add(product, int(quantity.value or 1))
                cart_view.refresh()
                ui.notify(f"Added {int(quantity.value or 1)} × {product.name}", type="positive")
                drawer.show()

            ui.button("Add", icon="add_shopping_cart", on_click=add).props("color=amber-9").mark(f"add-{product.name}")


def _cart_contents(cart: Cart, checkout: CheckoutForm, cart_view) -> None:
    ui.label("Your basket").classes("text-xl font-semibold")
    if not cart.lines:
        ui.label("Nothing yet: add something from the shelves.").classes("opacity-70").mark("cart-empty")
        checkout.show_confirmation_if_any()
        return
    for line in list(cart.lines.values()):
        with ui.row().classes("w-full items-center justify-between no-wrap").mark(f"cart-line-{line.name}"):
            ui.label(line.name).classes("grow")
            ui.number(
                value=line.quantity,
                min=0,
                max=1000,
                precision=0,
                on_change=lambda e, pid=line.product_id: (
                    cart.set_quantity(pid, int(e.value or 0)),
                    cart_view.refresh(),
                ),
            ).props("dense outlined").classes("w-16").mark(f"cart-qty-{line.name}")
            ui.label(money(line.line_total)).classes("w-20 text-right").mark(f"line-total-{line.name}")
    with ui.row().classes("w-full justify-between font-semibold text-lg"):
        ui.label("Total")
        ui.label(money(cart.total)).mark("cart-total")
    ui.separator()
    checkout.build()
