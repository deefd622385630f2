"""A customer's basket before it becomes an order: quantities, line totals and the total.

Each line remembers the price the customer last saw. When the catalogue moves (a price, sold out, retired)
the basket follows it and says which lines changed; nothing is placed until the customer has seen the new
prices, and the order is placed only at the total they saw (`orders.place_order(expected_total=...)`).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from services.errors import Conflict, Invalid
from services.models import Product
from services.product_options import choose, options_label, surcharge
from services.quantity_rules import check_quantity
from services.schemas import OrderLine
from services.slot_bookings import basket_items

MAX_QUANTITY = 1000
UNREADABLE = 10**6  # a quantity beyond any order, refused as it is read; below it the product's rules judge


class PricesChanged(Conflict):
    """Some line's price moved since the customer saw it: they must look at the basket again."""

    def __init__(self, lines: list["CartLine"]) -> None:
        names = ", ".join(line.title for line in lines)
        super().__init__(f"The price of {names} changed: check the basket and confirm the new total", field="items")
        self.lines = lines


@dataclass
class CartLine:
    product_id: int
    name: str
    unit_price: Decimal  # what the bakery charges now, as far as this basket has heard
    quantity: int
    lead_time_hours: int
    category: str = "Other"  # pickup slots may limit items per category
    options: dict[str, str] = field(default_factory=dict)  # as the customer chose them
    options_label: str = ""
    min_quantity: int = 1
    quantity_step: int = 1
    max_quantity: int = MAX_QUANTITY
    seen_price: Decimal | None = None  # the unit price the customer last saw and accepted
    unavailable: str | None = None  # "sold out" or "no longer sold": the line cannot be ordered now

    def __post_init__(self) -> None:
        if self.seen_price is None:
            self.seen_price = self.unit_price

    @property
    def key(self) -> str:
        return f"{self.product_id}|{self.options_label}"

    @property
    def title(self) -> str:
        return f"{self.name} · {self.options_label}" if self.options_label else self.name

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity

    @property
    def price_changed(self) -> bool:
        return self.unit_price != self.seen_price


def read_quantity(raw: object) -> int:
    """What the customer typed, as a whole number of items; raises Invalid for anything else ("abc", 2.5)."""
    try:
        number = Decimal(str(raw).strip()) if raw is not None else None
    except ArithmeticError:
        number = None
    if number is None or not number.is_finite() or number != number.to_integral_value():
        raise Invalid("Enter a whole number", field="quantity")
    if number.copy_abs() > UNREADABLE:
        # Before int(): "1e999999999" sent by a browser would be a billion-digit integer, minutes of CPU.
        words = f"at most {MAX_QUANTITY}" if number > 0 else "1 or more"
        raise Invalid(f"Enter a quantity of {words}", field="quantity")
    return int(number)


@dataclass
class Cart:
    # One line per product and set of options: a 6-inch and an 8-inch cake are two lines.
    lines: dict[str, CartLine] = field(default_factory=dict)

    def add(self, product: Product, quantity: int = 1, options: dict[str, str] | None = None) -> None:
        """Add to the basket; raises Invalid (services.errors) for options or a quantity the product refuses.

        The price shown is worked out as the server will; the order is priced again when it is placed.
        """
        if not product.available:  # sold out since the shelves were drawn (or an Add sent anyway)
            raise Invalid(f"{product.name} is sold out")
        chosen = choose(product.name, product.options, options or {})
        label = options_label([o.model_dump() for o in chosen])
        key = f"{product.id}|{label}"
        line = self.lines.get(key)
        if line is None:
            check_quantity(product, quantity)  # "-3" or 0 is refused here, not added as nothing
        new_quantity = (line.quantity if line else 0) + quantity
        check_quantity(product, new_quantity)
        if new_quantity > MAX_QUANTITY:  # a product without its own maximum still fits one order
            raise Invalid(f"{product.name}: at most {MAX_QUANTITY} per order ({new_quantity} asked)", field="quantity")
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
        line.quantity = new_quantity
        line.seen_price = line.unit_price  # the card showed today's price: adding accepts it

    def set_quantity(self, key: str, quantity: int) -> None:
        """Change a line to `quantity`; raises Invalid saying the product's rule for one it refuses.

        0 is not a quantity here: taking a line out is `remove`, which the page asks about first.
        """
        line = self.lines[key]
        check_quantity(line, quantity)  # a line carries its product's name and rules: the same check, the same words
        line.quantity = quantity

    def remove(self, key: str) -> None:
        self.lines.pop(key, None)

    def follow(self, products: dict[int, Product]) -> list[CartLine]:
        """Take the catalogue's current prices and availability; returns the lines whose price moved unseen.

        `products` holds the orderable products by id: a line whose product is missing is no longer sold.
        """
        for line in self.lines.values():
            product = products.get(line.product_id)
            if product is None or not product.active:
                line.unavailable = "no longer sold"
                continue
            line.unavailable = None if product.available else "sold out"
            try:
                chosen = choose(product.name, product.options, line.options)
            except Invalid:
                line.unavailable = "its options changed: add it again"
                continue
            line.unit_price = product.price + surcharge(chosen)
            line.min_quantity, line.quantity_step = product.min_quantity, product.quantity_step
            line.max_quantity = min(MAX_QUANTITY, product.max_quantity or MAX_QUANTITY)
        return self.unseen_changes()

    def unseen_changes(self) -> list[CartLine]:
        return [line for line in self.lines.values() if line.price_changed]

    def accept_prices(self) -> None:
        """The customer has seen the new prices and goes on at them."""
        for line in self.lines.values():
            line.seen_price = line.unit_price

    def check_ready(self) -> None:
        """Refuse to go to the bakery with a price the customer has not seen or a line it cannot sell."""
        if changed := self.unseen_changes():
            raise PricesChanged(changed)
        for line in self.lines.values():
            if line.unavailable:
                raise Conflict(f"{line.title} is {line.unavailable}: take it out of the basket", field="items")

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
