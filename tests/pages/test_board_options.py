"""A cake's size and inscription reach the board card and the bake list, as text."""

from nicegui.testing import User

from services import catalogue, orders
from services.database import session_scope
from services.schemas import OrderLine, OrderRequest, ProductUpdate
from tests.pages.helpers import only, pickup, set_value

INSCRIPTION = "<b>Happy</b> 40th"
SIZES = {"name": "Size", "required": True, "choices": [{"name": "6 inch"}, {"name": "8 inch", "price": 12}]}
WRITING = {"name": "Inscription", "kind": "text"}


def order_cakes(products) -> None:
    carrot = products["Carrot Cake"].id
    with session_scope() as session:
        catalogue.update_product(session, carrot, ProductUpdate(options=[SIZES, WRITING]))
        lines = [
            OrderLine(product_id=carrot, quantity=1, options={"Size": "8 inch", "Inscription": INSCRIPTION}),
            OrderLine(product_id=carrot, quantity=2, options={"Size": "6 inch"}),
        ]
        orders.place_order(session, OrderRequest(items=lines, pickup_at=pickup(3, 10)), placed_by="test")


async def test_the_board_card_lists_the_size_and_the_inscription(user: User, products) -> None:
    order_cakes(products)
    await user.open("/admin")
    await user.should_see(marker="window")
    set_value(user, "window", "upcoming")
    await user.should_see(marker="ticket-1", retries=50)

    assert list(only(user, "ticket-1").props["items"]) == [
        f"1 × Carrot Cake · 8 inch · Inscription: {INSCRIPTION}",
        "2 × Carrot Cake · 6 inch",
    ]


async def test_the_bake_list_counts_each_size_apart(user: User, products) -> None:
    order_cakes(products)
    await user.open(f"/admin/bake-list?day={pickup(3).date().isoformat()}")
    await user.should_see(marker="bake-table")

    rows = {row["name"]: row["ordered"] for row in only(user, "bake-table").rows}
    assert rows[f"Carrot Cake · 8 inch · Inscription: {INSCRIPTION}"] == 1
    assert rows["Carrot Cake · 6 inch"] == 2
