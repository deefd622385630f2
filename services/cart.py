"""A customer's basket before it becomes an order: quantities, line totals and the total."""

from dataclasses import dataclass, field
from decimal import Decimal

from services.models import Product
from services.product_options import choose, options_label, surcharge
from services.quantity_rules import check_quantity
from services.schemas import OrderLine
from services.slot_bookings import basket_items

MAX_QUANTITY = 1000


@dataclass
class CartLine:
    product_id: int
    name: str
    unit_price: Decimal
    quantity: int
    lead_time_hours: int
    category: str = "Other"  # pickup slots may limit items per category
    options: dict[str, str] = field(default_factory=dict)  # as the customer chose them
    options_label: str = ""
    min_quantity: int = 1
    quantity_step: int = 1
    max_quantity: int = MAX_QUANTITY

    @property
    def key(self) -> str:
        return f"{self.product_id}|{self.options_label}"

    @property
    def title(self) -> str:
        return f"{self.name} · {self.options_label}" if self.options_label else self.name

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass
class Cart:
    # One line per product and set of options: a 6-inch and an 8-inch cake are two lines.
    lines: dict[str, CartLine] = field(default_factory=dict)

    def add(self, product: Product, quantity: int = 1, options: dict[str, str] | None = None) -> None:
        """Add to the basket; raises Invalid (services.errors) for options or a quantity the product refuses.

        The price shown is worked out as the server will; the order is priced again when it is placed.
        """
        if quantity < 1:
            return
        chosen = choose(product.name, product.options, options or {})
        label = options_label([o.model_dump() for o in chosen])
        key = f"{product.id}|{label}"
        line = self.lines.get(key)
        new_quantity = (line.quantity if line else 0) + quantity
        check_quantity(product, new_quantity)
        if line is None:
            line = self.lines[key] = CartLine(
                product.id,
                product.name,
                product.price + surcharge(chosen),
                0,
                product.lead_time_hours or 0,
                product.category,
                options={o.group: o.value for o in chosen},
                options_label=label,
                min_quantity=product.min_quantity,
                quantity_step=product.quantity_step,
                max_quantity=min(MAX_QUANTITY, product.max_quantity or MAX_QUANTITY),
            )
        line.quantity = min(line.max_quantity, new_quantity)

    def set_quantity(self, key: str, quantity: int) -> None:
        """A quantity below the product's minimum takes the line out; others snap to the product's step."""
        line = self.lines.get(key)
        if line is None:
            return
        if quantity < max(1, line.min_quantity):
            self.lines.pop(key)
            return
        stepped = quantity - quantity % line.quantity_step
        line.quantity = min(line.max_quantity, max(line.min_quantity, stepped))

    def clear(self) -> None:
        self.lines.clear()

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines.values())

    @property
    def total(self) -> Decimal:
        return sum((line.line_total for line in self.lines.values()), Decimal("0.00"))

    @property
    def lead_time_hours(self) -> int:
        """The basket is ready when its slowest item is."""
        return max((line.lead_time_hours for line in self.lines.values()), default=0)

    def slot_items(self) -> dict[str, int]:
        """What the basket takes of a pickup slot: items per category and in all."""
        per_category: dict[str, int] = {}
        for line in self.lines.values():
            per_category[line.category] = per_category.get(line.category, 0) + line.quantity
        return basket_items(per_category)

    def order_lines(self) -> list[OrderLine]:
        return [
            OrderLine(product_id=line.product_id, quantity=line.quantity, options=line.options)
            for line in self.lines.values()
        ]
