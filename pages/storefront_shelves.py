"""The storefront's shelves: every category's products as one element the browser draws (storefront_shelves.js,
each card product_card.js), the allergen filter's hiding and each card's Add.

It answers to the markers each card's element had (product-<name>, add-<name>, … see storefront_card.drawing) for
the cards shown, so a test or a script finds the same things by the same names; `card(name)` is what one card
shows. `on_added()` runs after something went into the basket.
"""

from collections.abc import Callable
from itertools import groupby

from nicegui import ui
from nicegui.events import GenericEventArguments

from pages.storefront_card import drawing
from services.allergens import hides
from services.cart import Cart, read_quantity
from services.errors import Invalid
from services.models import Product


class Shelves(ui.element, component="storefront_shelves.js", dependencies=["product_card.js"]):
    def __init__(self, products: list[Product], cart: Cart, on_added: Callable[[], None]) -> None:
        super().__init__()
        self.cart, self.on_added = cart, on_added
        self.avoided: set[str] = set()
        self._props["answers"] = {}
        self.show(products)
        self.on("add", self.add)

    def show(self, products: list[Product]) -> None:
        """Draw `products`, or the latest catalogue after a change: the browser redraws each card in place (by
        its product's id), so what the customer typed stays, and an Add pressed meanwhile finds its product."""
        self.products = {product.id: product for product in products}
        self._props["shelves"] = tuple(
            {"category": category, "cards": tuple((product.id, drawing(product)[1]) for product in group)}
            for category, group in groupby(products, key=lambda product: product.category)
        )
        self.avoid(self.avoided)

    def avoid(self, avoided: set[str]) -> None:
        """Hide what the customer's allergen filter rules out (services.allergens.hides says what)."""
        self.avoided = avoided
        shown = [p for p in self.products.values() if not hides(p.allergens, p.may_contain, avoided)]
        self._props["hidden"] = tuple(sorted(self.products.keys() - {p.id for p in shown}))
        self._markers = [marker for product in shown for marker in drawing(product)[0]]
        self.update()

    def add(self, event: GenericEventArguments) -> None:
        """Add pressed on a card: its product, the quantity as typed and the options chosen, from the browser."""
        sent = event.args if isinstance(event.args, dict) else {}
        product = self.products.get(sent.get("product"))
        if product is None:
            return  # a card of a catalogue this page no longer shows (a retired product): it is gone from view
        chosen = sent.get("chosen") if isinstance(sent.get("chosen"), dict) else {}
        chosen = {str(group): str(value) for group, value in chosen.items() if value not in (None, "")}
        try:
            count = read_quantity(sent.get("quantity"))
            self.cart.add(product, count, chosen)
        except Invalid as error:
            # Beside the field it is about: the quantity under its field, an option under the button.
            self._answer(product, {"quantityError" if error.field == "quantity" else "problem": error.detail})
            return
        self._answer(product, {})
        # Short and at the top: on a phone the bottom belongs to the basket bar and "Place order".
        ui.notify(f"Added {count} × {product.name}", type="positive", position="top", timeout=1500)
        self.on_added()

    def _answer(self, product: Product, answer: dict[str, str]) -> None:
        self._props["answers"] = {**self._props["answers"], product.id: answer}
        self.update()

    def card(self, name: str) -> dict:
        """What the card of the product called `name` shows: its props, what the last Add was told
        (quantityError, problem), its product's id and whether the filter lets it show."""
        (product,) = (p for p in self.products.values() if p.name == name)
        answer = self._props["answers"].get(product.id, {})
        return {
            **drawing(product)[1],
            "quantityError": answer.get("quantityError", ""),
            "problem": answer.get("problem", ""),
            "id": product.id,
            "shown": product.id not in self._props["hidden"],
        }

    def says(self, name: str) -> list[str]:
        """What the card of the product called `name` reads as text."""
        card = self.card(name)
        lines = [card["name"], card["price"], card["description"]]
        if card["allergens"]:
            lines += ["Contains:", *(allergen for allergen, _icon in card["allergens"])]
        lines += [card["mayContain"], card["ingredients"], card["leadTime"]]
        lines += ["Sold out" if card["soldOut"] else "", card["quantityError"], card["problem"]]
        return [line for line in lines if line]

    def _displayed_contents(self, *, only_visible: bool) -> list:
        """What the shelves read as text, for NiceGUI's test user (`should_see("£3.90")` finds the price)."""
        lines: list[str] = []
        for shelf in self._props["shelves"]:
            names = [props["name"] for _id, props in shelf["cards"]]
            names = [name for name in names if self.card(name)["shown"] or not only_visible]
            lines += [shelf["category"]] if names else []
            for name in names:
                lines += self.says(name)
        return lines
