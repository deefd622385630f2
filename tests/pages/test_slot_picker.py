"""The storefront's pickup slots: only what can take the basket is offered, full ones are greyed with the
reason, and the picker follows other customers' orders live."""

from datetime import datetime, time, timedelta

from nicegui import ui
from nicegui.testing import User

from services.bakery_schemas import BakerySettingsUpdate
from services.bakery_settings import current_calendar, set_online_orders_paused, update_settings
from services.database import session_scope
from services.slot_bookings import WHOLE_SLOT, claim
from tests.pages.conftest import ALL_DAY
from tests.pages.helpers import (
    LIVE,
    add_from_card,
    events_delivered,
    eventually,
    field_error,
    only,
    order_count,
    pickup,
    place,
    set_value,
    text,
    today,
)
from tests.pages.midday import bakery_clock_at


def change(**settings) -> None:
    with session_scope() as session:
        update_settings(session, BakerySettingsUpdate(**settings), by="test")


def offered(user: User) -> list[str]:
    select = only(user, "checkout-time")
    assert isinstance(select, ui.select)
    return list(select.options.values())


async def basket_for_tomorrow(user: User) -> None:
    await user.open("/")
    add_from_card(user, "Baguette")
    await user.should_see(marker="place-order", retries=20)
    set_value(user, "checkout-day", (today() + timedelta(days=1)).isoformat())


async def test_a_full_slot_is_greyed_with_its_reason_and_not_offered(user: User, products) -> None:
    change(slot_capacity=2)
    place(products, {"Baguette": 2}, pickup_at=pickup(1, 10))

    await basket_for_tomorrow(user)

    assert "10:00" not in offered(user)
    assert {"09:45", "10:15"} <= set(offered(user))
    assert text(user, "slot-10:00") == "10:00 full"


async def test_a_slot_that_cannot_take_the_whole_basket_is_not_offered(user: User, products) -> None:
    change(slot_capacity=3)
    place(products, {"Baguette": 2}, pickup_at=pickup(1, 10))
    await user.open("/")
    add_from_card(user, "Baguette", 2)
    await user.should_see(marker="place-order", retries=20)
    set_value(user, "checkout-day", (today() + timedelta(days=1)).isoformat())

    assert "10:00" not in offered(user), "one place is left; the basket needs two"
    assert "10:15" in offered(user)


async def test_the_picker_follows_another_customer_filling_the_chosen_slot(user: User, products) -> None:
    change(slot_capacity=1)
    await events_delivered()  # else the change may redraw the basket mid-test and pick a time itself
    await basket_for_tomorrow(user)
    chosen = next(key for key, label in only(user, "checkout-time").options.items() if label == "10:00")
    set_value(user, "checkout-time", chosen)

    place(products, {"Baguette": 1}, pickup_at=pickup(1, 10))  # someone else, through the live loop

    await eventually(lambda: "10:00" not in offered(user), timeout=LIVE / 10)
    assert text(user, "slot-10:00") == "10:00 full"
    assert field_error(user, "checkout-time") == "That slot just filled up; we picked the next free one"


async def test_a_slot_that_fills_just_before_place_order_says_so_and_suggests_the_next_free(
    user: User, products
) -> None:
    change(slot_capacity=1)
    await events_delivered()  # else the change may redraw the basket mid-test and pick a time itself
    await basket_for_tomorrow(user)
    set_value(
        user, "checkout-time", next(k for k, label in only(user, "checkout-time").options.items() if label == "10:00")
    )
    set_value(user, "checkout-name", "Ada Baker")
    set_value(user, "checkout-phone", "07700 900123")
    with session_scope() as session:  # straight into the bookings, no event: the picker cannot have seen it
        assert claim(session, current_calendar(), pickup(1, 10), {WHOLE_SLOT: 1})
        session.commit()

    user.find(marker="place-order").click()

    await eventually(lambda: field_error(user, "checkout-time") is not None)
    day = f"{pickup(1):%a %d %b}"
    assert field_error(user, "checkout-time") == (
        f"The 10:00 pickup slot on {day} is full. Next free: {day} 10:15, {day} 10:30, {day} 10:45"
    )
    chosen = only(user, "checkout-time")
    await eventually(
        lambda: chosen.value and datetime.fromisoformat(chosen.value) == pickup(1, 10, 15)
    )  # the next free
    assert "10:00" not in offered(user)
    assert order_count() == 0
    await user.should_not_see(marker="confirmation")


async def test_past_the_cut_off_today_is_not_offered(user: User) -> None:
    change(hours=ALL_DAY, prep_buffer_minutes=0, same_day_cutoff="00:00")
    await user.open("/")
    add_from_card(user, "Baguette")
    await user.should_see(marker="place-order", retries=20)

    days = list(only(user, "checkout-day").options)  # type: ignore[attr-defined]

    assert today().isoformat() not in days
    assert days[0] == (today() + timedelta(days=1)).isoformat()


async def test_a_closure_is_announced_and_its_day_not_offered(user: User) -> None:
    holiday = today() + timedelta(days=2)
    change(
        closures=[{"day": holiday.isoformat(), "message": "Family wedding"}],
        address="1 Mill Lane",
        phone="020 7946 0000",
    )
    await user.open("/")
    await user.should_see(f"Closed {holiday:%a %d %b}: Family wedding")
    await user.should_see("1 Mill Lane")
    await user.should_see("020 7946 0000")
    await user.should_see("Open Mon-Sun 07:00-18:00 (Europe/London)")
    add_from_card(user, "Baguette")
    await user.should_see(marker="place-order", retries=20)

    assert holiday.isoformat() not in only(user, "checkout-day").options  # type: ignore[attr-defined]


async def test_paused_online_orders_show_on_an_open_storefront_at_once(user: User) -> None:
    await user.open("/")
    add_from_card(user, "Baguette")
    await user.should_see(marker="place-order", retries=20)

    with session_scope() as session:
        set_online_orders_paused(session, True, by="test")

    await user.should_see(marker="orders-paused", retries=LIVE)
    await user.should_see(marker="checkout-paused", retries=LIVE)
    await user.should_not_see(marker="place-order")


async def test_a_slot_the_clock_overtook_moves_on_without_saying_it_filled_up(user: User, monkeypatch) -> None:
    await user.open("/")
    add_from_card(user, "Baguette")
    await user.should_see(marker="checkout-time", retries=20)
    first = only(user, "checkout-time").value
    assert first is not None  # today's first free slot, picked for the customer
    bakery_clock_at(monkeypatch, time(12, 30))  # the customer dawdled: that slot is too soon now
    add_from_card(user, "Cinnamon Bun")  # the basket, and its checkout, are drawn again
    await eventually(lambda: only(user, "checkout-time").value not in (None, first))
    assert field_error(user, "checkout-time") is None


async def test_a_chosen_slot_still_free_stays_chosen_when_the_basket_is_drawn_again(user: User) -> None:
    await user.open("/")
    add_from_card(user, "Baguette")
    await user.should_see(marker="checkout-time", retries=20)
    later = list(only(user, "checkout-time").options)[2]  # not the first free one, which a redraw would pick
    set_value(user, "checkout-time", later)
    add_from_card(user, "Cinnamon Bun")  # the basket, and its checkout, are drawn again
    await user.should_see(marker="line-total-Cinnamon Bun", retries=20)
    assert only(user, "checkout-time").value == later
    assert field_error(user, "checkout-time") is None
