"""Orders from the shop's own pages must say whose they are, how to reach them and when they come."""

import pytest
from pydantic import ValidationError

from services.schemas import StorefrontOrder
from tests.conftest import open_pickup_time

BASKET = {"items": [{"product_id": 1, "quantity": 2}]}


def test_a_name_a_way_to_reach_them_and_a_pickup_time_make_a_storefront_order():
    order = StorefrontOrder(**BASKET, customer_name="Ada", email="ada@example.com", pickup_at=open_pickup_time())
    assert order.customer_name == "Ada" and order.lines()[0].quantity == 2


@pytest.mark.parametrize(
    "missing, message",
    [
        ({"customer_name": None}, "customer_name"),
        ({"email": None}, "phone number or an email"),
        ({"pickup_at": None}, "pickup_at"),
    ],
    ids=["no-name", "no-contact", "no-pickup"],
)
def test_each_missing_piece_is_refused_by_name(missing, message):
    given = {"customer_name": "Ada", "email": "ada@example.com", "pickup_at": open_pickup_time()} | missing
    with pytest.raises(ValidationError) as refused:
        StorefrontOrder(**BASKET, **{k: v for k, v in given.items() if v is not None})
    assert message in str(refused.value)
