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
        if view.photo_url:
            # Lazy: a phone on a slow line loads only the photos scrolled to. Quasar's image is a role="img" box
            # named by its alt, so the alt names the photo (alt="" would leave an image with no text).
            photo = ui.image(view.photo_url).props("loading=lazy ratio=1.333 no-spinner").classes("w-full rounded")
            photo.props["alt"] = f"Photo of {product.name}"  # set, not parsed: a name may hold quotes
            photo.mark(f"photo-{product.name}")
        with ui.row().classes("w-full justify-between items-start no-wrap"):
            ui.label(product.name).classes("font-semibold text-lg")
            ui.label(money(product.price)).classes("font-semibold").mark(f"price-{product.name}")
        ui.label(product.description).classes("text-sm opacity-80")
        _allergens(product)
        if product.lead_time_hours:
            ui.label(f"Order {product.lead_time_hours} h ahead").classes("text-xs text-amber-800")
        if not product.available:
            ui.badge("Sold out", color="red-9").mark(f"sold-out-{product.name}")
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


def _allergens(product: Product) -> None:
    if product.allergens:
        # The icon is decoration (aria-hidden); the allergen's name is what everyone, screen readers too, reads.
        with (
            ui.row()
            .classes("gap-1 items-center")
            .props('role="list" aria-label="Allergens"')
            .mark(f"allergens-{product.name}")
        ):
            ui.label("Contains:").classes("text-xs font-medium")
            for allergen in product.allergens:
                with (
                    ui.element("span")
                    .props('role="listitem"')
                    .classes("text-xs bg-amber-100 text-stone-900 rounded px-1 inline-flex items-center gap-1")
                ):
                    ui.icon(ALLERGEN_ICONS[Allergen(allergen)]).props('aria-hidden="true"')
                    ui.label(allergen)
    if product.may_contain:
        ui.label(f"May contain: {', '.join(product.may_contain)}").classes("text-xs").mark(
            f"may-contain-{product.name}"
        )
    if product.ingredients:
        ui.label(f"Ingredients: {product.ingredients}").classes("text-xs opacity-70")


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
