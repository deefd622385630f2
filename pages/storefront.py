"""The storefront `/`: the catalogue by category, a basket, and checkout with a pickup time.

The shelves follow the catalogue live (a new price, sold out, a new or retired product) and so does the
basket; on a phone, adding says so briefly and a bar at the bottom shows the basket, which opens over the
shelves and closes with its button, Escape or the phone's back.
"""

from nicegui import ui

from bakeops_ui import live
from pages.bakery_info import bakery_card
from pages.basket import BasketView
from pages.basket_parts import BasketButton
from pages.checkout import CheckoutForm
from pages.in_thread import in_thread
from pages.layout import frame
from pages.order_again import refill, say_left_out
from pages.shared_query import SharedQuery
from pages.storefront_card import AllergenFilter
from pages.storefront_shelves import Shelves
from services import catalogue
from services.cart import Cart
from services.database import session_scope
from services.models import Product

WIDE = "(min-width: 1024px)"  # where Quasar's drawer sits beside the page instead of covering it
# The phone's back closes the basket: opening it over the shelves pushes a history entry, closing pops it.
# Pushed in the tap itself: Chrome's back button skips an entry a page pushed without the user's gesture.
PUSH_BASKET = (
    f"() => {{ if (!window.matchMedia('{WIDE}').matches && !history.state?.basket)"
    " history.pushState({basket: true}, '') }"
)
POP_BASKET = "() => { if (history.state?.basket) history.back() }"
CLOSE_KEYS = """
<script>
window.addEventListener('keydown', (e) => {
  // An open menu (a select's options) or dialog takes Escape first.
  if (e.key === 'Escape' && !document.querySelector('.q-menu, .q-dialog')) runMethod(%(id)d, 'hide', []);
});
window.addEventListener('popstate', () => runMethod(%(id)d, 'hide', []));
</script>
"""


def register() -> None:
    shared_catalogue.reset()
    # Once per change for the whole server, before the open storefronts ask for the new shelves.
    live.catalogue_changed.subscribe(shared_catalogue.changed, unsubscribe_on_delete=False)
    # While the live feed was down, changes made elsewhere went unheard: what was kept may be out of date.
    live.connection_changed.subscribe(shared_catalogue.changed, unsubscribe_on_delete=False)

    @ui.page("/")
    async def storefront(again: str | None = None) -> None:
        await StorefrontPage().build(again)


class StorefrontPage:
    def __init__(self) -> None:
        self.cart = Cart()
        self.shelves: Shelves | None = None
        self.basket: BasketView | None = None

    async def build(self, again: str | None = None) -> None:
        """`again`: an order code from a tracking page's "Order again", whose items fill the basket."""
        products = await _catalogue_now()
        ui.context.client.on_delete(self.closed)
        left_out = await in_thread(refill, self.cart, again) if again else []
        # The drawer is a top-level layout element: it must sit beside the frame, not inside it.
        with (
            ui.right_drawer(value=False, fixed=True)
            .classes("bg-amber-50 dark:bg-stone-900")
            .props("width=380 bordered")
            .mark("basket-drawer") as drawer
        ):
            checkout = CheckoutForm(self.cart, on_change=lambda: self.basket.show.refresh())
            self.basket = BasketView(self.cart, checkout, on_close=drawer.hide)
            self.basket.show()
        drawer.on("hide", js_handler=POP_BASKET)
        ui.add_body_html(CLOSE_KEYS % {"id": drawer.id})
        self.drawer = drawer
        self.basket.phone_bar(open_basket=drawer.show, opening_js=PUSH_BASKET)
        # Others' orders fill slots and admins change hours: the open checkout follows both.
        live.order_changed.subscribe(lambda: checkout.slots_changed())
        info = ui.refreshable(bakery_card)  # this page's own: refreshing it redraws no other visitor's
        # It and its targets point at each other: see closed(). (Its call replaces the list: clear the one it has then.)
        ui.context.client.on_delete(lambda: info.targets.clear())
        live.bakery_changed.subscribe(lambda: (info.refresh(), self.basket.show.refresh()))
        live.catalogue_changed.subscribe(self.catalogue_changed)
        with frame("Order"):
            basket_button = BasketButton("Order for pickup").mark("cart")
            # A basket already open has its history entry: the push gives it no second one.
            basket_button.on("open", drawer.toggle).on("open", js_handler=PUSH_BASKET)
            self.basket.buttons.append(basket_button)
            self.basket.update_totals()  # a basket filled by "Order again" counts from the start
            info()
            avoid = AllergenFilter()
            if again:
                say_left_out(left_out)
                drawer.show()
            self.shelves = Shelves(products, self.cart, self.added)
            avoid.on_value_change(lambda e: self.shelves.avoid(set(e.value or [])))

    def added(self) -> None:
        self.basket.show.refresh()
        # Wide screens show the basket beside the shelves; a phone keeps the shelves and shows the bar.
        ui.run_javascript(f"if (window.matchMedia('{WIDE}').matches) runMethod({self.drawer.id}, 'show', [])")

    def closed(self) -> None:
        # The checkout asks this page to redraw the basket, which holds the checkout: dropping this page's links
        # lets reference counting free a closed page at once (bakeops_ui/page_cycles.py says why that matters).
        if self.basket is not None:
            self.basket.closed()
        self.basket = self.drawer = self.shelves = None

    async def catalogue_changed(self) -> None:
        products = await shared_catalogue.get(None)  # the first open storefront to ask loads, the others share it
        if self.basket is None or self.shelves is None:
            return  # closed meanwhile, or not built yet
        self.shelves.show(products)
        before = [(line.unit_price, line.unavailable) for line in self.cart.lines.values()]
        self.cart.follow({p.id: p for p in products})
        if before != [(line.unit_price, line.unavailable) for line in self.cart.lines.values()]:
            self.basket.show.refresh()  # only then: a redraw would take the text out of a field being typed in


async def _catalogue_now() -> list[Product]:
    """What a page opens on: the shelves as of the latest change this server heard of, shared by every page
    opened since (a rush of visitors runs one query). While the live feed is down a change made elsewhere would
    go unheard, so each page then asks the database itself."""
    if live.connection["live"]:
        return await shared_catalogue.get(None)
    return await in_thread(_orderable_catalogue, None)


def _orderable_catalogue(_: None) -> list[Product]:
    with session_scope() as session:
        return catalogue.list_products(session)


# Every open storefront of this server shares one catalogue query per change.
shared_catalogue: SharedQuery[None, list[Product]] = SharedQuery(_orderable_catalogue)
