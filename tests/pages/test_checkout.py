"""Checkout in the basket: contact checks, pickup times the bakery can keep, and the confirmation."""

from datetime import date, datetime, time, timedelta

from nicegui import ui
from nicegui.testing import User
from sqlmodel import select

from services import bakery
from services.clock import as_aware, utcnow
from services.database import session_scope
from services.models import Order, OrderItem
from tests.pages.helpers import LONDON, add_from_card, eventually, field_error, only, order_count, set_value, shows

OPENS, CLOSES = time(7, 0), time(18, 0)


async def basket_with(user: User, product: str, quantity: int = 1) -> None:
    await user.open("/")
    add_from_card(user, product, quantity)
    await user.should_see(marker="place-order", retries=20)


def select_for(user: User, marker: str) -> ui.select:
    element = only(user, marker)
    assert isinstance(element, ui.select)
    return element


def offered_days(user: User) -> list[date]:
    return [date.fromisoformat(key) for key in select_for(user, "checkout-day").options]


def offered_times(user: User) -> list[datetime]:
    return [datetime.fromisoformat(key) for key in select_for(user, "checkout-time").options]


def first_possible_day(earliest: datetime) -> date:
    """The first local day with a quarter-hour slot inside opening hours at or after `earliest`."""
    day = earliest.astimezone(LONDON).date()
    while datetime.combine(day, time(17, 45), tzinfo=LONDON) < earliest:
        day += timedelta(days=1)
    return day


async def test_no_name_shows_the_error_and_places_no_order(user: User) -> None:
    await basket_with(user, "Baguette")
    set_value(user, "checkout-phone", "07700 900123")
    user.find(marker="place-order").click()
    await user.should_see(marker="checkout-name", content="Please tell us your name", retries=20)
    assert field_error(user, "checkout-name") == "Please tell us your name"
    assert order_count() == 0
    await user.should_not_see(marker="confirmation")


async def test_a_name_without_phone_or_email_shows_the_error_and_places_no_order(user: User) -> None:
    await basket_with(user, "Baguette")
    set_value(user, "checkout-name", "Ada Baker")
    user.find(marker="place-order").click()
    message = "Give a phone number or an email so we can reach you"
    await user.should_see(marker="checkout-phone", content=message, retries=20)
    assert field_error(user, "checkout-name") is None
    assert order_count() == 0
    await user.should_not_see(marker="confirmation")


async def test_an_invalid_email_is_refused_beside_the_field(user: User) -> None:
    await basket_with(user, "Baguette")
    set_value(user, "checkout-name", "Ada Baker")
    set_value(user, "checkout-email", "not-an-email")
    user.find(marker="place-order").click()
    await eventually(lambda: field_error(user, "checkout-email"))
    assert field_error(user, "checkout-email") == "Check the email address: it should look like name@example.com"
    assert order_count() == 0


async def test_only_opening_hours_are_offered(user: User) -> None:
    await basket_with(user, "Baguette")
    days = offered_days(user)
    assert len(days) >= 59  # open every day, two months ahead (today may already be over)
    for day in days:
        set_value(user, "checkout-day", day.isoformat())
        times = offered_times(user)
        assert times, f"{day} is offered without any pickup time"
        labels = list(select_for(user, "checkout-time").options.values())
        for moment, label in zip(times, labels, strict=True):
            local = moment.astimezone(LONDON)
            assert local.date() == day
            assert OPENS <= local.time() < CLOSES, f"{local} is outside opening hours"
            assert label == local.strftime("%H:%M")
        if day > days[0]:  # a whole future day: every quarter-hour from opening to the last before closing
            assert [t.astimezone(LONDON).strftime("%H:%M") for t in (times[0], times[-1])] == ["07:00", "17:45"]
            assert len(times) == 44
    # the first day never offers a time that has already passed
    set_value(user, "checkout-day", days[0].isoformat())
    assert min(offered_times(user)) >= utcnow() - timedelta(seconds=1)


async def test_a_cake_needing_48_hours_moves_the_earliest_pickup(user: User) -> None:
    await basket_with(user, "Baguette")
    baguette_first = offered_days(user)[0]
    assert baguette_first <= bakery.rules().today() + timedelta(days=1)

    before = utcnow()
    add_from_card(user, "Chocolate Cake")
    await user.should_see(marker="cart-line-Chocolate Cake", retries=20)
    after = utcnow()
    days = offered_days(user)
    assert days[0] >= (before + timedelta(hours=48)).astimezone(LONDON).date()
    assert days[0] >= bakery.rules().today() + timedelta(days=2)
    assert days[0] in {
        first_possible_day(before + timedelta(hours=48)),
        first_possible_day(after + timedelta(hours=48)),
    }
    # the day select follows, and its times start no sooner than 48 hours from now
    assert select_for(user, "checkout-day").value == days[0].isoformat()
    assert min(offered_times(user)) >= before + timedelta(hours=48)


async def test_a_successful_checkout_confirms_and_stores_the_order(user: User) -> None:
    await basket_with(user, "Baguette", 2)
    set_value(user, "checkout-name", "Ada Baker")
    set_value(user, "checkout-phone", "07700 900123")
    set_value(user, "checkout-email", "ada@example.com")
    set_value(user, "checkout-notes", "Well done, please")
    tomorrow = bakery.rules().today() + timedelta(days=1)
    set_value(user, "checkout-day", tomorrow.isoformat())
    chosen = next(key for key, label in select_for(user, "checkout-time").options.items() if label == "10:30")
    set_value(user, "checkout-time", chosen)

    user.find(marker="place-order").click()
    await user.should_see(marker="confirmation", retries=20)
    await shows(user, "ticket-number", "Ticket #1")
    code = only(user, "order-code").text.removeprefix("Order code ")
    assert only(user, "tracking-link").props["href"] == f"/track/{code}"
    await user.should_see(marker="cart-empty")

    with session_scope() as session:
        order = session.exec(select(Order).where(Order.public_id == code)).one()
        items = session.exec(select(OrderItem).where(OrderItem.order_id == order.id)).all()
    assert order.ticket_number == 1
    assert as_aware(order.pickup_at) == datetime.combine(tomorrow, time(10, 30), tzinfo=LONDON)
    assert order.due_day == tomorrow
    assert (order.customer_name, order.phone, order.email) == ("Ada Baker", "07700 900123", "ada@example.com")
    assert order.notes == "Well done, please"
    assert [(i.product_name, i.quantity) for i in items] == [("Baguette", 2)]
    assert str(order.total) == "4.80"

    user.find(marker="tracking-link").click()
    await user.should_see(marker="order-status", content="Order Placed", retries=20)
