"""The storefront sells from the catalogue: photos, allergens in words, a filter, options and quantity rules."""

import asyncio
from decimal import Decimal

from nicegui import ElementFilter, ui
from nicegui.testing import User
from sqlmodel import select

from bakeops_ui import live
from pages.storefront import shared_catalogue
from services import catalogue
from services.database import session_scope
from services.models import Order, OrderItem
from services.schemas import ProductUpdate
from tests.pages.helpers import (
    LIVE,
    add_from_card,
    card_problem,
    events_delivered,
    eventually,
    facts,
    only,
    quantity_error,
    set_value,
    shows,
)

HTML_INSCRIPTION = "<b>Happy</b> 40th"


def visible(user: User, product: str) -> bool:
    """The card of `product` is on the shelves, not hidden by the filter; its markers are there only then."""
    shown = facts(user, product)["shown"]
    with user:
        assert shown == bool(list(ElementFilter(marker=f"product-{product}", local_scope=False)))
    return shown


async def test_allergens_and_traces_are_written_out_on_the_card(user: User) -> None:
    await user.open("/")
    await user.should_see(marker="allergens-Brioche Loaf")

    brioche = facts(user, "Brioche Loaf")
    assert [name for name, _icon in brioche["allergens"]] == ["cereals containing gluten", "eggs", "milk"]
    await user.should_see("cereals containing gluten")
    assert facts(user, "Seeded Rye")["mayContain"] == "May contain: sesame, tree nuts"
    await user.should_see("May contain: sesame, tree nuts")


async def test_photos_are_on_the_cards_and_load_lazily(user: User) -> None:
    await user.open("/")
    await user.should_see(marker="photo-Baguette")

    baguette = facts(user, "Baguette")  # drawn lazily by the browser: <img loading="lazy"> in product_facts.js
    assert baguette["photo"].startswith("/media/products/")
    assert baguette["alt"] == "Photo of Baguette"


async def test_hiding_tree_nuts_hides_what_contains_or_may_contain_them(user: User) -> None:
    await user.open("/")
    await user.should_see(marker="allergen-filter")

    set_value(user, "allergen-filter", ["tree nuts"])

    await eventually(lambda: not visible(user, "Seeded Rye"))  # may contain tree nuts
    assert not visible(user, "Almond Croissant")  # contains them
    assert visible(user, "Carrot Cake") and visible(user, "Baguette")
    set_value(user, "allergen-filter", [])
    await eventually(lambda: visible(user, "Seeded Rye"))


async def test_a_cake_without_its_required_size_is_not_added(user: User) -> None:
    await user.open("/")
    await user.should_see(marker="add-Carrot Cake")

    add_from_card(user, "Carrot Cake")

    await eventually(lambda: "choose the option 'Size'" in card_problem(user, "Carrot Cake"))
    await user.should_see(marker="cart-empty")


async def test_an_8_inch_cake_with_an_html_inscription_is_ordered_and_shown_as_text(user: User) -> None:
    await user.open("/")
    await user.should_see(marker="add-Carrot Cake")
    add_from_card(user, "Carrot Cake", chosen={"Size": "8 inch", "Inscription": HTML_INSCRIPTION})

    title = f"Carrot Cake · 8 inch · Inscription: {HTML_INSCRIPTION}"
    await shows(user, f"line-total-{title}", "£44.00")  # £32 and £12 for the size
    with user.scope(marker=f"cart-line-{title}"):
        assert title in [label.text for label in user.find(ui.label).elements]  # the tags as typed, as text
    set_value(user, "checkout-name", "Ada Baker")
    set_value(user, "checkout-phone", "07700 900123")
    user.find(marker="place-order").click()
    await user.should_see(marker="confirmation", retries=30)
    with session_scope() as session:
        item = session.exec(select(OrderItem).join(Order, Order.id == OrderItem.order_id)).one()
    assert item.unit_price == Decimal("44.00")
    assert item.options_label == f"8 inch · Inscription: {HTML_INSCRIPTION}"


async def test_the_quantity_control_follows_the_products_rules(user: User, products) -> None:
    with session_scope() as session:
        change = ProductUpdate(min_quantity=6, quantity_step=6, max_quantity=24)
        catalogue.update_product(session, products["Butter Croissant"].id, change)
    await user.open("/")
    await user.should_see(marker="qty-Butter Croissant")

    control = facts(user, "Butter Croissant")
    assert (control["start"], control["step"]) == (6, 6)  # starts at the smallest order, steps in sixes
    for typed, rule in ((8, "sold in 6s"), (30, "please order 24 or fewer"), (0, "please order 6 or more")):
        add_from_card(user, "Butter Croissant", typed)
        await eventually(lambda rule=rule: rule in (quantity_error(user, "Butter Croissant") or ""))
    await user.should_see(marker="cart-empty")
    add_from_card(user, "Butter Croissant", 12)
    await shows(user, "line-total-Butter Croissant", "£26.40")


async def test_while_the_live_feed_is_down_each_storefront_asks_the_database(user: User, monkeypatch) -> None:
    monkeypatch.setitem(live.connection, "live", False)  # a change made elsewhere would now go unheard
    loads = shared_catalogue.loads

    await user.open("/")
    await user.should_see(marker="price-Baguette")

    assert shared_catalogue.loads == loads  # not the shared copy


async def test_a_rush_of_storefront_loads_shares_one_catalogue_query_and_the_next_load_sees_a_change(
    user: User, products
) -> None:
    await events_delivered()  # no refresh left on its way: only the rush below may load the catalogue
    shared_catalogue.changed()  # as after any catalogue change: the next page to open must ask the database
    loads = shared_catalogue.loads

    answers = await asyncio.gather(*(user.http_client.get("/") for _ in range(8)))  # eight new visitors at once

    assert [answer.status_code for answer in answers] == [200] * 8
    assert shared_catalogue.loads == loads + 1, "each storefront asked the database itself"
    with session_scope() as session:
        catalogue.update_product(session, products["Baguette"].id, ProductUpdate(price=Decimal("2.95")))
    await events_delivered()
    await user.open("/")
    assert facts(user, "Baguette")["price"] == "£2.95"  # the shared copy followed the change


async def test_a_price_change_redraws_the_card_where_it_is(user: User, products) -> None:
    await user.open("/")
    await user.should_see(marker="product-Baguette")
    card = only(user, "product-Baguette")
    with session_scope() as session:
        catalogue.update_product(session, products["Baguette"].id, ProductUpdate(price=Decimal("2.75")))
    await eventually(
        lambda: facts(user, "Baguette")["price"] == "£2.75", timeout=LIVE / 10
    )  # should_see's retries are 0.1 s each
    # The same element, redrawn in the browser by the product's id (storefront_shelves.js): what the customer typed
    # in the card stays, and an Add pressed as the change came still lands.
    assert only(user, "product-Baguette") is card
    add_from_card(user, "Baguette", 2)
    await shows(user, "line-total-Baguette", "£5.50")
