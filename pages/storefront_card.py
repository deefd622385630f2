"""What one product's storefront card shows (product_card.js draws it): photo (lazily loaded), allergens in words,
option pickers and a quantity control that follows the product's rules; and the storefront's allergen filter."""

from nicegui.elements.mixins.value_element import ValueElement

from pages.layout import money
from services.allergens import ALLERGEN_ICONS, Allergen
from services.models import Longest, Product
from services.product_options import OptionGroup, OptionKind
from services.schemas import ProductPublic

# What a card shows of a product, worked out once per product object: every visitor's page opens on the same
# shared catalogue (pages/storefront.py), so its cards draw the same objects until the catalogue changes. The
# product is kept with its drawing, so its id() is not reused while the entry stands.
_drawn: dict[int, tuple[Product, tuple[str, ...], dict]] = {}
KEPT_DRAWINGS = 2000  # a few catalogues' worth; pages that query their own (live feed down) refill it


def drawing(product: Product) -> tuple[tuple[str, ...], dict]:
    """The card's markers (product-, facts-, price-, photo-, allergens-, may-contain-, sold-out-, and for an
    orderable product qty-, add-, add-error- and option-<group>-<name>) and product_card.js's props."""
    kept = _drawn.get(id(product))
    if kept is not None and kept[0] is product:
        return kept[1], kept[2]
    view = ProductPublic.model_validate(product)
    name = product.name
    marks = [
        f"product-{name}",
        f"facts-{name}",
        f"price-{name}",
        *([f"photo-{name}"] if view.photo_url else []),
        *([f"allergens-{name}"] if product.allergens else []),
        *([f"may-contain-{name}"] if product.may_contain else []),
        *([] if product.available else [f"sold-out-{name}"]),
        *([f"qty-{name}", f"add-{name}", f"add-error-{name}"] if product.available else []),
        *(f"option-{name}-{group.name}" for group in view.options if product.available),
    ]
    markers = tuple(word for mark in marks for word in mark.split())  # as NiceGUI's mark() splits them
    # A lazy photo: a phone on a slow line loads only the ones scrolled to. Its alt names it (alt="" would leave
    # a role="img" box with no text). The icon beside each allergen is decoration; its name is the text.
    # Tuples, not lists: NiceGUI's props leave them as they are, so every page's card shares them.
    props = {
        "name": name,
        "price": money(product.price),
        "description": product.description or "",
        "photo": view.photo_url or "",
        "alt": f"Photo of {name}",
        "allergens": tuple((allergen, ALLERGEN_ICONS[Allergen(allergen)]) for allergen in product.allergens),
        "mayContain": f"May contain: {', '.join(product.may_contain)}" if product.may_contain else "",
        "ingredients": f"Ingredients: {product.ingredients}" if product.ingredients else "",
        "leadTime": f"Order {product.lead_time_hours} h ahead" if product.lead_time_hours else "",
        "soldOut": not product.available,
        "options": tuple(_picker(group) for group in view.options),
        "start": product.min_quantity,
        "step": product.quantity_step,
    }
    if len(_drawn) >= KEPT_DRAWINGS:
        _drawn.clear()
    _drawn[id(product)] = (product, markers, props)
    return markers, props


def _picker(group: OptionGroup) -> dict:
    """What product_card.js needs to draw one option group's picker."""
    label = group.name if group.required else f"{group.name} (optional)"
    if group.kind == OptionKind.TEXT:
        return {
            "name": group.name,
            "label": label,
            "kind": "text",
            "maxLength": min(group.max_length, Longest.OPTION_TEXT),
        }
    choices = tuple(
        {"value": c.name, "label": f"{c.name} (+{money(c.price)})" if c.price else c.name} for c in group.choices
    )
    return {"name": group.name, "label": label, "kind": "choice", "choices": choices}


# Its options never change: one tuple for every visitor's filter.
ALLERGEN_CHOICES = tuple({"value": a.value, "label": a.value} for a in Allergen)


class AllergenFilter(ValueElement):
    """The customer's "hide products with ..." choice: Quasar's q-select itself, without ui.select's bookkeeping
    of options by index, which cost 7.6 % of a storefront build's CPU (py-spy) for options that never change.
    Its value is the list of allergens chosen (None once cleared)."""

    def __init__(self) -> None:
        super().__init__(tag="q-select", value=[])
        self._props.update(
            {
                "options": ALLERGEN_CHOICES,
                "label": "Hide anything that contains or may contain",
                "multiple": True,
                "emit-value": True,
                "map-options": True,
                "use-chips": True,
                "clearable": True,
                "dense": True,
                "outlined": True,
            }
        )
        self.classes("w-full sm:w-96").mark("allergen-filter")
