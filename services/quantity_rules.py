"""How many of a product one order may hold: a minimum, a maximum and a step (croissants sold in sixes)."""

from services.errors import Invalid
from services.models import Product


def check_rules_agree(product: Product) -> None:
    """A product's own rules must allow at least one quantity; raises Invalid (nothing is stored) otherwise."""
    if product.max_quantity is not None and product.max_quantity < product.min_quantity:
        raise Invalid(
            f"max_quantity ({product.max_quantity}) is below min_quantity ({product.min_quantity})",
            field="max_quantity",
        )
    if product.min_quantity % product.quantity_step:
        raise Invalid(
            f"min_quantity ({product.min_quantity}) must be a multiple of quantity_step ({product.quantity_step})",
            field="min_quantity",
        )


def check_quantity(product: Product, quantity: int) -> None:
    """Refuse a quantity the product's rules do not allow, saying the rule."""
    if quantity < product.min_quantity:
        raise Invalid(
            f"{product.name} is sold at least {product.min_quantity} at a time: please order {product.min_quantity} "
            f"or more ({quantity} asked)",
            field="quantity",
        )
    if product.max_quantity is not None and quantity > product.max_quantity:
        raise Invalid(
            f"One order can hold at most {product.max_quantity} {product.name}: please order {product.max_quantity} "
            f"or fewer, or call the bakery for more ({quantity} asked)",
            field="quantity",
        )
    if quantity % product.quantity_step:
        raise Invalid(
            f"{product.name} is sold in {product.quantity_step}s: please order a multiple of "
            f"{product.quantity_step} ({quantity} asked)",
            field="quantity",
        )


def allowed_quantities(product: Product, up_to: int = 1000) -> range:
    """Every quantity the rules allow, for the storefront's quantity control."""
    top = min(up_to, product.max_quantity or up_to)
    return range(product.min_quantity, top + 1, product.quantity_step)
