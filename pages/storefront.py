"""The storefront `/`: the catalogue by category, a cart, and checkout with a pickup time."""

from itertools import groupby

from nicegui import run, ui

from pages import live
from pages.bakery_info import bakery_card
from pages.checkout import CheckoutForm
from pages.layout import frame, money
from pages.storefront_card import allergen_filter, product_card
from services import catalogue
from services.allergens import hides
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
            avoid = allergen_filter()

            def added() -> None:
                cart_view.refresh()
                badge.text = str(cart.count)  # at once, not at the binding's next poll
                drawer.show()

            cards: list[tuple[Product, ui.card]] = []
            for category, group in groupby(products, key=lambda p: p.category):
                ui.label(category).classes("text-xl font-medium mt-2")
                with ui.grid().classes("w-full gap-3 grid-cols-1 sm:grid-cols-2 md:grid-cols-3"):
                    for product in group:
                        cards.append((product, product_card(product, cart, added)))
            avoid.on_value_change(lambda e: _hide_avoided(cards, set(e.value or [])))


def _hide_avoided(cards: list, avoided: set[str]) -> None:
    # "May contain" counts too: a customer avoiding nuts cannot risk traces either.
    for product, card in cards:
        card.set_visibility(not hides([*product.allergens, *product.may_contain], avoided))


def _orderable_catalogue() -> list[Product]:
    with session_scope() as session:
        return catalogue.list_products(session)


def _cart_contents(cart: Cart, checkout: CheckoutForm, cart_view) -> None:
    ui.label("Your basket").classes("text-xl font-semibold")
    if not cart.lines:
        ui.label("Nothing yet: add something from the shelves.").classes("opacity-70").mark("cart-empty")
        checkout.show_confirmation_if_any()
        return
    for line in list(cart.lines.values()):
        with ui.row().classes("w-full items-center justify-between no-wrap").mark(f"cart-line-{line.title}"):
            ui.label(line.title).classes("grow")  # text, never HTML: an inscription is shown as typed
            ui.number(
                value=line.quantity,
                min=0,
                max=line.max_quantity,
                step=line.quantity_step,
                precision=0,
                on_change=lambda e, key=line.key: (
                    cart.set_quantity(key, int(e.value or 0)),
                    cart_view.refresh(),
                ),
            ).props("dense outlined").classes("w-16").mark(f"cart-qty-{line.title}")
            ui.label(money(line.line_total)).classes("w-20 text-right").mark(f"line-total-{line.title}")
    with ui.row().classes("w-full justify-between font-semibold text-lg"):
        ui.label("Total")
        ui.label(money(cart.total)).mark("cart-total")
    ui.separator()
    checkout.build()
