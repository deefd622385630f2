"""The basket remembers the price the customer saw: it follows the catalogue, says which lines moved, and an
order is placed only at the total the customer was shown."""

from decimal import Decimal

import pytest
from sqlmodel import Session, func, select

from services import catalogue, orders
from services.cart import Cart, PricesChanged, read_quantity
from services.errors import Conflict, Invalid
from services.models import Order, Product
from services.schemas import OrderRequest, ProductUpdate


def orderable(session: Session) -> dict[int, Product]:
    return {p.id: p for p in catalogue.list_products(session)}


def test_an_order_at_another_total_than_the_one_shown_is_refused_and_nothing_is_stored(session, demo_catalogue):
    bun = demo_catalogue["Cinnamon Bun"]
    request = OrderRequest(product_id=bun.id, quantity=2)
    catalogue.update_product(session, bun.id, ProductUpdate(price=Decimal("3.90")))

    with pytest.raises(Conflict) as refused:
        orders.place_order(session, request, expected_total=Decimal("6.20"))

    assert refused.value.field == "expected_total"
    assert "7.80" in refused.value.detail
    assert session.exec(select(func.count()).select_from(Order)).one() == 0
    order, _ = orders.place_order(session, request, expected_total=Decimal("7.80"))
    assert order.total == Decimal("7.80")


def test_a_moved_price_waits_for_the_customer_before_the_basket_is_ready(session, demo_catalogue):
    cart = Cart()
    cart.add(demo_catalogue["Cinnamon Bun"], 2)
    cart.add(demo_catalogue["Baguette"], 1)
    cart.check_ready()  # as added: nothing to ask
    catalogue.update_product(session, demo_catalogue["Cinnamon Bun"].id, ProductUpdate(price=Decimal("3.90")))

    (changed,) = cart.follow(orderable(session))

    assert (changed.name, changed.seen_price, changed.unit_price) == ("Cinnamon Bun", Decimal("3.10"), Decimal("3.90"))
    assert cart.total == Decimal("10.20")
    with pytest.raises(PricesChanged, match="Cinnamon Bun"):
        cart.check_ready()
    cart.accept_prices()
    cart.check_ready()


def test_sold_out_and_retired_lines_cannot_go_to_the_bakery(session, demo_catalogue):
    cart = Cart()
    cart.add(demo_catalogue["Cinnamon Bun"], 1)
    cart.add(demo_catalogue["Baguette"], 1)
    catalogue.update_product(session, demo_catalogue["Cinnamon Bun"].id, ProductUpdate(available=False))
    catalogue.update_product(session, demo_catalogue["Baguette"].id, ProductUpdate(active=False))

    cart.follow(orderable(session))

    assert [line.unavailable for line in cart.lines.values()] == ["sold out", "no longer sold"]
    with pytest.raises(Conflict, match="Cinnamon Bun is sold out"):
        cart.check_ready()


@pytest.mark.parametrize("typed", ["abc", "", None, "2.5", 2.5, "NaN"])
def test_anything_but_a_whole_number_is_not_a_quantity(typed):
    with pytest.raises(Invalid, match="Enter a whole number"):
        read_quantity(typed)


@pytest.mark.parametrize("typed, quantity", [("12", 12), (12.0, 12), (" 3 ", 3), ("-3", -3)])
def test_whole_numbers_are_read_as_typed(typed, quantity):
    assert read_quantity(typed) == quantity  # the product's own rules judge them next


@pytest.mark.parametrize(
    "typed, words", [("1e400", "at most 1000"), ("1e999999999", "at most 1000"), ("-1e999999999", "1 or more")]
)
def test_a_quantity_beyond_any_order_is_refused_as_it_is_read(typed, words):
    with pytest.raises(Invalid, match=words):
        read_quantity(typed)


def test_a_sold_out_product_does_not_go_in(demo_catalogue):
    cart = Cart()
    with pytest.raises(Invalid, match="Almond Croissant is sold out"):
        cart.add(demo_catalogue["Almond Croissant"], 1)
    assert not cart.lines


def test_a_quantity_the_product_refuses_is_not_added_or_set(demo_catalogue):
    cart = Cart()
    with pytest.raises(Invalid, match="at least 1"):
        cart.add(demo_catalogue["Baguette"], -3)
    with pytest.raises(Invalid, match="at most 1000"):
        cart.add(demo_catalogue["Baguette"], 1001)
    assert not cart.lines
    cart.add(demo_catalogue["Baguette"], 2)
    (key,) = cart.lines
    with pytest.raises(Invalid, match="at least 1"):
        cart.set_quantity(key, 0)
    assert cart.lines[key].quantity == 2
