"""An order's lines priced on the server: each product's quantity rules, its chosen options and their price."""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from services.models import Product
from services.product_options import ChosenOption, choose, options_label, surcharge
from services.quantity_rules import check_quantity
from services.schemas import OrderLine


@dataclass
class PricedLine:
    product: Product
    quantity: int
    options: list[ChosenOption]

    @property
    def unit_price(self) -> Decimal:
        return self.product.price + surcharge(self.options)

    @property
    def label(self) -> str:
        return options_label([o.model_dump() for o in self.options])

    def stored_options(self) -> list[dict]:
        return [o.model_dump(mode="json") for o in self.options]


def priced_lines(lines: list[OrderLine], products: dict[int, Product], wanted: Counter) -> list[PricedLine]:
    """One line per product and set of options (two lines of the same cake and size become one).

    Raises Invalid for a quantity the product's rules refuse (on its total in the order) or options it
    does not offer.
    """
    for pid, quantity in wanted.items():
        check_quantity(products[pid], quantity)
    merged: dict[tuple[int, str], PricedLine] = {}
    for line in lines:
        product = products[line.product_id]
        chosen = choose(product.name, product.options, line.options)
        priced = PricedLine(product, line.quantity, chosen)
        key = (product.id, repr([(o.group, o.value) for o in chosen]))
        if key in merged:
            merged[key].quantity += line.quantity
        else:
            merged[key] = priced
    return list(merged.values())
