"""The analytics page: the right totals for seeded orders, live updates from one shared recompute, CSV downloads."""

from datetime import timedelta

import pytest
from nicegui.testing import User

from pages.analytics import summaries
from services import accounts, order_moves
from services.accounts import Role
from services.analytics import Period
from services.database import session_scope
from services.order_status import OrderStatus
from tests.conftest import PASSWORD
from tests.pages.conftest import sign_in
from tests.pages.helpers import LIVE, eventually, move, place, set_value, shows, today


def cancel(order, reason: str) -> None:
    with session_scope() as session:
        order_moves.cancel_order(session, order.public_id, reason=reason, by="test")


async def test_the_page_shows_the_totals_of_todays_orders(user: User, products) -> None:
    place(products, {"Baguette": 2, "Seeded Rye": 1})  # 2 x 2.40 + 4.80 = 9.60
    ready = place(products, {"Sourdough Loaf": 1})  # 5.50
    move(ready, OrderStatus.IN_PROGRESS, OrderStatus.READY)
    cancel(place(products, {"Chocolate Cake": 1}), "Customer changed mind")  # 250.00, earns nothing

    await user.open("/admin/analytics?period=today")

    await shows(user, "revenue", "£15.10")
    await shows(user, "orders", "2")
    await shows(user, "average-order-value", "£7.55")
    await shows(user, "cancelled", "1")
    await shows(user, "median-ready", "0 min")  # made Ready within seconds
    await user.should_see("Customer changed mind")
    await user.should_see(f"Orders placed {today():%a %d %b %Y} – {today():%a %d %b %Y}, times in Europe/London")
    assert "Chocolate Cake" in user.find(marker="never-ordered").elements.pop().text


async def test_new_orders_reach_open_pages_through_one_shared_recompute(user: User, products) -> None:
    place(products, {"Baguette": 1})
    await user.open("/admin/analytics?period=today")
    await shows(user, "revenue", "£2.40")
    loads = summaries.loads

    for _ in range(5):  # a burst of orders: each event reaches the page's process, none queries by itself
        place(products, {"Cinnamon Bun": 1})

    await shows(user, "revenue", "£17.90")  # 2.40 + 5 x 3.10
    await shows(user, "orders", "6")
    assert summaries.loads - loads <= 2  # at once for the first event, then once for the rest of the burst


async def test_many_open_pages_share_one_recompute(user: User, products) -> None:
    await user.open("/admin/analytics?period=today")
    await shows(user, "orders", "0")
    period = Period(today(), today())
    seen: list[int] = []
    for _ in range(20):  # twenty more pages on the same period, as the page registers them
        summaries.watch(period)
        summaries.updated.subscribe(lambda shown, report: seen.append(report.orders) if shown == period else None)
    loads = summaries.loads

    for _ in range(3):
        place(products, {"Baguette": 1})

    await shows(user, "orders", "3")
    await eventually(lambda: seen and seen[-20:] == [3] * 20)
    assert summaries.loads - loads <= 2  # not one per page per event


async def test_changing_the_period(user: User, products) -> None:
    place(products, {"Baguette": 1})
    await user.open("/admin/analytics?period=today")
    await shows(user, "orders", "1")

    set_value(user, "period", "30")
    first = today() - timedelta(days=29)
    # Figured in a pool thread: a busy machine takes longer than should_see's default 0.3 s.
    await user.should_see(
        f"Orders placed {first:%a %d %b %Y} – {today():%a %d %b %Y}, times in Europe/London", retries=LIVE
    )
    await shows(user, "orders", "1")

    await user.open(
        f"/admin/analytics?period=custom&first={today() + timedelta(days=1)}&last={today() + timedelta(days=2)}"
    )
    await shows(user, "orders", "0")
    await shows(user, "average-order-value", "—")

    await user.open("/admin/analytics?period=custom&first=2026-06-03&last=2026-06-01")
    await user.should_see("The period starts (2026-06-03) after it ends (2026-06-01)")
    await shows(user, "orders", "1")  # the last 7 days instead


async def test_every_figure_downloads_as_csv(user: User, products) -> None:
    place(products, {"Baguette": 2})
    await user.open("/admin/analytics?period=today")
    await shows(user, "revenue", "£4.80")

    user.find(marker="csv-daily").click()
    daily = await user.download.next()
    assert daily.text == f"day,orders,revenue,cancelled\n{today()},1,4.80,0\n"

    user.find(marker="csv-products").elements.pop()  # one button per card showing products
    for figure in ("never-ordered", "hours", "weekdays", "service", "cancellations"):
        user.find(marker=f"csv-{figure}").click()
        assert (await user.download.next()).text.count("\n") >= 1, figure


@pytest.mark.signed_out
async def test_staff_who_are_not_admins_cannot_open_it(user: User) -> None:
    await user.open("/login")  # starts the app so the account can be made
    with session_scope() as session:
        accounts.create_user(session, "sam@bakery.test", Role.STAFF, PASSWORD)
    await sign_in(user, "sam@bakery.test")

    await user.open("/admin/analytics")

    await user.should_see(marker="not-allowed")
    await user.should_not_see(marker="revenue")
