"""A customer's basket before it becomes an order: quantities, line totals and the total."""

from dataclasses import dataclass, field
from decimal import Decimal

from services.models import Product
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

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass
class Cart:
    lines: dict[int, CartLine] = field(default_factory=dict)

    def add(self, product: Product, quantity: int = 1) -> None:
        if quantity < 1:
            return
        line = self.lines.get(product.id)
        if line is None:
            self.lines[product.id] = CartLine(
                product.id, product.name, product.price, 0, product.lead_time_hours or 0, product.category
            )
            line = self.lines[product.id]
        line.quantity = min(MAX_QUANTITY, line.quantity + quantity)

    def set_quantity(self, product_id: int, quantity: int) -> None:
        if quantity < 1:
            self.lines.pop(product_id, None)
        elif product_id in self.lines:
            self.lines[product_id].quantity = min(MAX_QUANTITY, quantity)

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
        return [OrderLine(product_id=line.product_id, quantity=line.quantity) for line in self.lines.values()]
