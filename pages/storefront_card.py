"""One product on the storefront: photo (lazily loaded), allergens in words, option pickers and a quantity
control that follows the product's rules. Adding checks options and quantity as the order will."""

from nicegui import ui

from pages.layout import money
from services.allergens import ALLERGEN_ICONS, Allergen
from services.cart import Cart, read_quantity
from services.errors import Invalid
from services.models import Longest, Product
from services.product_options import OptionGroup, OptionKind
from services.schemas import ProductPublic


def product_card(product: Product, cart: Cart, on_added) -> ui.card:
    """The card; `on_added()` runs after something went into the basket."""
    view = ProductPublic.model_validate(product)
    with ui.card().classes("w-full").mark(f"product-{product.name}") as card:
        ProductFacts(product, view.photo_url)
        if not product.available:
            return card
        pickers = {group.name: _picker(product, group) for group in view.options}
        with ui.row().classes("items-start no-wrap"):
            # No min/max here: NiceGUI would clamp "-3" to the minimum on leaving the field without a word.
            quantity = (
                ui.number(value=product.min_quantity, step=product.quantity_step, precision=None)
                .props('dense outlined inputmode=numeric aria-label="Quantity"')
                .classes("w-24")
                .mark(f"qty-{product.name}")
            )
            if product.quantity_step > 1:
                ui.label(f"in {product.quantity_step}s").classes("text-xs self-center")

            def add() -> None:
                chosen = {name: str(p.value) for name, p in pickers.items() if p.value not in (None, "")}
                problem.text = ""
                quantity.props(remove="error error-message")
                try:
                    count = read_quantity(quantity.value)
                    cart.add(product, count, chosen)
                except Invalid as error:
                    if error.field == "quantity":  # beside the field it is about
                        quantity.props(f'error error-message="{error.detail.replace(chr(34), chr(39))}"')
                    else:
                        problem.text = error.detail
                    return
                # Short and at the top: on a phone the bottom belongs to the basket bar and "Place order".
                ui.notify(f"Added {count} × {product.name}", type="positive", position="top", timeout=1500)
                on_added()

            ui.button("Add", icon="add_shopping_cart", on_click=add).props("color=primary").mark(f"add-{product.name}")
        problem = ui.label("").classes("text-red-700 text-sm").props('role="alert"').mark(f"add-error-{product.name}")
    return card


class ProductFacts(ui.element, component="product_facts.js"):
    """What the card says about the product, as one element the browser draws (see product_facts.js).

    It answers to the markers the separate elements had (price-, photo-, allergens-, may-contain-, sold-out-
    and the name), so a test or a script finds the same things where they were.
    """

    def __init__(self, product: Product, photo_url: str | None) -> None:
        super().__init__()
        name = product.name
        self.mark(
            f"facts-{name}",
            f"price-{name}",
            *([f"photo-{name}"] if photo_url else []),
            *([f"allergens-{name}"] if product.allergens else []),
            *([f"may-contain-{name}"] if product.may_contain else []),
            *([] if product.available else [f"sold-out-{name}"]),
        )
        # A lazy photo: a phone on a slow line loads only the ones scrolled to. Its alt names it (alt="" would
        # leave a role="img" box with no text). The icon beside each allergen is decoration; its name is the text.
        self._props.update(
            name=name,
            price=money(product.price),
            description=product.description or "",
            photo=photo_url or "",
            alt=f"Photo of {name}",
            allergens=tuple((allergen, ALLERGEN_ICONS[Allergen(allergen)]) for allergen in product.allergens),
            mayContain=f"May contain: {', '.join(product.may_contain)}" if product.may_contain else "",
            ingredients=f"Ingredients: {product.ingredients}" if product.ingredients else "",
            leadTime=f"Order {product.lead_time_hours} h ahead" if product.lead_time_hours else "",
            soldOut=not product.available,
        )

    def _displayed_contents(self, *, only_visible: bool) -> list:
        """What the card reads as text, for NiceGUI's test user (`should_see("£3.90")` finds the price)."""
        props = self._props
        lines = [props["name"], props["price"], props["description"]]
        if props["allergens"]:
            lines += ["Contains:", *(allergen for allergen, _icon in props["allergens"])]
        lines += [props["mayContain"], props["ingredients"], props["leadTime"], "Sold out" if props["soldOut"] else ""]
        return [line for line in lines if line]


def _picker(product: Product, group: OptionGroup) -> ui.element:
    label = group.name if group.required else f"{group.name} (optional)"
    mark = f"option-{product.name}-{group.name}"
    if group.kind == OptionKind.TEXT:
        # ui.input shows text as text: an inscription with HTML in it is never rendered as HTML.
        return (
            ui.input(
                label, validation={f"At most {group.max_length} characters": lambda v: len(v or "") <= group.max_length}
            )
            .props(f"dense outlined maxlength={min(group.max_length, Longest.OPTION_TEXT)} counter")
            .classes("w-full")
            .mark(mark)
        )
    choices = {c.name: f"{c.name} (+{money(c.price)})" if c.price else c.name for c in group.choices}
    return ui.select(choices, label=label, value=None).props("dense outlined").classes("w-full").mark(mark)


def allergen_filter() -> ui.select:
    """The customer's "hide products with ..." choice."""
    return (
        ui.select(
            [a.value for a in Allergen],
            multiple=True,
            label="Hide anything that contains or may contain",
            value=[],
        )
        .props("dense outlined use-chips clearable")
        .classes("w-full sm:w-96")
        .mark("allergen-filter")
    )
