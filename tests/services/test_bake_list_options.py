"""The bake list counts a cake of each size (and each inscription) apart: the bakers make them apart."""

from sqlmodel import Session

from services import catalogue, orders
from services.bake_list import bake_list_for
from services.schemas import OrderLine, OrderRequest, ProductUpdate
from tests.conftest import open_pickup_time

SIZES = {"name": "Size", "required": True, "choices": [{"name": "6 inch"}, {"name": "8 inch", "price": 12}]}


def test_sizes_are_counted_apart_on_the_bake_list(session: Session, demo_catalogue):
    carrot = demo_catalogue["Carrot Cake"].id
    catalogue.update_product(session, carrot, ProductUpdate(options=[SIZES]))
    pickup = open_pickup_time()
    lines = [
        OrderLine(product_id=carrot, quantity=2, options={"Size": "6 inch"}),
        OrderLine(product_id=carrot, quantity=1, options={"Size": "8 inch"}),
    ]
    orders.place_order(session, OrderRequest(items=lines, pickup_at=pickup))
    orders.place_order(session, OrderRequest(items=lines[1:], pickup_at=pickup))

    listed = {line.title: line.ordered for line in bake_list_for(session, pickup.date())}

    assert listed == {"Carrot Cake · 6 inch": 2, "Carrot Cake · 8 inch": 2}
