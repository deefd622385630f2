"""The analytics summary on SQLite and PostgreSQL, against figures worked out by hand from hand-built orders.

Orders are written straight into the tables with chosen placement, pickup and status times, so every
expected number below can be checked with a pencil.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session

from services.analytics import NO_REASON, Period, percentile, summary
from services.analytics_csv import csv_text
from services.errors import Invalid
from services.models import Order, OrderItem, OrderStatusChange, Product
from services.order_status import OrderStatus as S

LONDON = ZoneInfo("Europe/London")
Move = tuple[S, datetime, str | None]


def london(day: int, hour: int, minute: int = 0, month: int = 6) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=LONDON)


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def after(moment: datetime, minutes: int) -> datetime:
    return datetime.fromtimestamp(moment.timestamp() + minutes * 60, UTC)


@pytest.fixture
def add_order(session: Session, demo_catalogue: dict[str, Product]) -> Callable[..., Order]:
    """Write one order as it would be stored: items at catalogue prices, a history row for every move."""
    tickets = iter(range(1, 10_000))

    def add(
        placed_at: datetime,
        items: dict[str, int],
        *,
        pickup_at: datetime | None = None,
        moves: list[Move] = (),
    ) -> Order:
        lines = [(demo_catalogue[name], qty) for name, qty in items.items()]
        number = next(tickets)
        order = Order(
            public_id=f"test-{number}",
            ticket_day=placed_at.date(),
            ticket_number=number,
            due_day=(pickup_at or placed_at).date(),
            pickup_at=pickup_at,
            status=moves[-1][0] if moves else S.PLACED,
            total=sum((p.price * qty for p, qty in lines), Decimal("0.00")),
            created_at=placed_at,
            updated_at=placed_at,
        )
        session.add(order)
        session.flush()
        for product, qty in lines:
            session.add(
                OrderItem(
                    order_id=order.id,
                    product_id=product.id,
                    product_name=product.name,
                    quantity=qty,
                    unit_price=product.price,
                )
            )
        session.add(OrderStatusChange(order_id=order.id, to_status=S.PLACED, at=placed_at))
        before = S.PLACED
        for target, at, note in moves:
            session.add(OrderStatusChange(order_id=order.id, from_status=before, to_status=target, at=at, note=note))
            before = target
        session.commit()
        return order

    return add


def ready_after(placed_at: datetime, minutes: int, *then: S) -> list[Move]:
    ready = after(placed_at, minutes)
    return [(S.IN_PROGRESS, after(placed_at, 1), None), (S.READY, ready, None), *[(s, ready, None) for s in then]]


@pytest.fixture
def june_orders(add_order, session: Session, demo_catalogue) -> None:
    """Orders around 1-3 June 2026 (London is on BST, UTC+1). Prices: Sourdough 5.50, Rye 4.80, Baguette 2.40."""
    a = london(1, 8, 30)  # Mon
    add_order(
        a, {"Baguette": 2, "Sourdough Loaf": 1}, pickup_at=london(1, 12), moves=ready_after(a, 20, S.PICKED_UP)
    )  # 10.30, ready 08:50 <= 12:00: on time
    b = london(2, 0, 30)  # Tue locally, still Monday 23:30 in UTC
    add_order(b, {"Seeded Rye": 3}, pickup_at=london(2, 9), moves=ready_after(b, 40))  # 14.40, on time
    c = london(2, 10, 15)
    add_order(c, {"Brioche Loaf": 2}, moves=[(S.CANCELLED, after(c, 5), "  Customer changed\n mind ")])
    i = london(2, 11)
    add_order(i, {"Seeded Rye": 1}, moves=[(S.CANCELLED, after(i, 5), None)])
    k = london(2, 12)  # cancelled, undone, cancelled again: only the cancellation in force counts
    add_order(
        k,
        {"Baguette": 1},
        moves=[
            (S.CANCELLED, after(k, 1), "Wrong day"),
            (S.PLACED, after(k, 2), "Undo"),
            (S.CANCELLED, after(k, 3), "Customer changed mind"),
        ],
    )
    d = london(3, 17)  # Wed
    add_order(d, {"Sourdough Loaf": 2}, pickup_at=london(3, 17, 30), moves=ready_after(d, 60))  # 11.00, late
    e = london(3, 9)
    add_order(e, {"Baguette": 1}, moves=ready_after(e, 10, S.PICKED_UP))  # 2.40, no pickup time
    h = london(3, 12)
    add_order(h, {"Sourdough Loaf": 1}, pickup_at=london(3, 13), moves=[(S.IN_PROGRESS, after(h, 5), None)])
    j = london(3, 15)
    add_order(j, {"Baguette": 1}, pickup_at=london(5, 10))  # 2.40, pickup Friday, not due yet
    # Just outside the period on either side (local midnight, not UTC midnight, is the edge).
    add_order(london(31, 23, 59, month=5), {"Chocolate Cake": 1})
    add_order(london(4, 0), {"Chocolate Cake": 1})
    retired = demo_catalogue["Lemon Drizzle"]
    retired.active = False
    session.add(retired)
    session.commit()


NOW = london(3, 14)
JUNE = Period(date(2026, 6, 1), date(2026, 6, 3))


def test_totals_and_days_count_only_orders_that_are_not_cancelled(session: Session, june_orders) -> None:
    report = summary(session, JUNE, timezone="Europe/London", now=NOW)

    # Kept: A 10.30 + B 14.40 + D 11.00 + E 2.40 + H 5.50 + J 2.40 = 46.00 over 6 orders.
    assert report.orders == 6
    assert report.revenue == Decimal("46.00")
    assert report.average_order_value == Decimal("7.67")  # 46.00 / 6 = 7.666…
    assert report.cancelled == 3
    assert [(d.day.day, d.orders, d.revenue, d.cancelled) for d in report.days] == [
        (1, 1, Decimal("10.30"), 0),
        (2, 1, Decimal("14.40"), 3),  # B counts on the 2nd: 00:30 BST, though 23:30 UTC on the 1st
        (3, 4, Decimal("21.30"), 0),  # 11.00 + 2.40 + 5.50 + 2.40
    ]


def test_products_ranked_by_quantity_and_by_revenue(session: Session, june_orders, demo_catalogue) -> None:
    report = summary(session, JUNE, timezone="Europe/London", now=NOW)

    # Sourdough 1 + 2 + 1 = 4 for 22.00; Baguette 2 + 1 + 1 = 4 for 9.60; Rye 3 for 14.40 (cancelled ones left out).
    assert [(p.name, p.quantity, p.revenue) for p in report.top_by_quantity] == [
        ("Sourdough Loaf", 4, Decimal("22.00")),
        ("Baguette", 4, Decimal("9.60")),
        ("Seeded Rye", 3, Decimal("14.40")),
    ]
    assert [p.name for p in report.top_by_revenue] == ["Sourdough Loaf", "Seeded Rye", "Baguette"]
    # Brioche was only in a cancelled order; the cakes only outside the period; Lemon Drizzle is retired.
    sold = {"Sourdough Loaf", "Baguette", "Seeded Rye", "Lemon Drizzle"}
    assert [p.name for p in report.never_ordered] == sorted(set(demo_catalogue) - sold)
    assert "Brioche Loaf" in [p.name for p in report.never_ordered]


def test_rush_by_local_hour_and_weekday_from_placement_and_pickup(session: Session, june_orders) -> None:
    report = summary(session, JUNE, timezone="Europe/London", now=NOW)

    placed = {h.hour: h.orders for h in report.placement_rush.by_hour if h.orders}
    assert placed == {0: 1, 8: 1, 9: 1, 12: 1, 15: 1, 17: 1}  # B, A, E, H, J, D (local BST hours)
    assert len(report.placement_rush.by_hour) == 24
    placed_days = {w.weekday: w.orders for w in report.placement_rush.by_weekday if w.orders}
    assert placed_days == {"Mon": 1, "Tue": 1, "Wed": 4}
    assert [w.weekday for w in report.placement_rush.by_weekday] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    pickups = {h.hour: h.orders for h in report.pickup_rush.by_hour if h.orders}
    assert pickups == {9: 1, 10: 1, 12: 1, 13: 1, 17: 1}  # B, J, A, H, D; E has no pickup time
    assert {w.weekday: w.orders for w in report.pickup_rush.by_weekday if w.orders} == {
        "Mon": 1,
        "Tue": 1,
        "Wed": 2,
        "Fri": 1,
    }
    assert report.without_pickup_time == 1


def test_service_quality_ready_times_and_lateness(session: Session, june_orders) -> None:
    service = summary(session, JUNE, timezone="Europe/London", now=NOW).service

    # Ready after 10 (E), 20 (A), 40 (B), 60 (D) minutes.
    assert service.ready_orders == 4
    assert service.median_minutes_to_ready == 30.0  # (20 + 40) / 2
    assert service.p90_minutes_to_ready == 54.0  # rank 0.9 * 3 = 2.7: 40 + 0.7 * (60 - 40)
    # With a pickup time and an outcome: A, B on time; D ready at 18:00 for 17:30, H not ready at 14:00 for 13:00.
    # J (due Friday) is not decided yet; E promised no time.
    assert (service.promised_orders, service.late_orders, service.late_share) == (4, 2, 0.5)


def test_cancellations_by_the_reason_in_force(session: Session, june_orders) -> None:
    report = summary(session, JUNE, timezone="Europe/London", now=NOW)

    assert [(c.reason, c.orders) for c in report.cancellations] == [("Customer changed mind", 2), (NO_REASON, 1)]


def test_half_hour_time_zone_buckets_exactly(session: Session, add_order) -> None:
    # India is UTC+5:30: 18:29 UTC is 23:59 on the 1st there, 18:30 UTC is midnight on the 2nd.
    add_order(utc(6, 1, 18, 29), {"Baguette": 1})
    add_order(utc(6, 1, 18, 30), {"Seeded Rye": 1})

    first = summary(session, Period(date(2026, 6, 1), date(2026, 6, 1)), timezone="Asia/Kolkata")
    second = summary(session, Period(date(2026, 6, 2), date(2026, 6, 2)), timezone="Asia/Kolkata")

    assert (first.orders, first.revenue) == (1, Decimal("2.40"))
    assert {h.hour: h.orders for h in first.placement_rush.by_hour if h.orders} == {23: 1}
    assert (second.orders, second.revenue) == (1, Decimal("4.80"))
    assert {h.hour: h.orders for h in second.placement_rush.by_hour if h.orders} == {0: 1}


def test_the_day_clocks_go_forward_has_23_hours(session: Session, add_order) -> None:
    # 29 March 2026: London goes from 01:00 GMT straight to 02:00 BST.
    add_order(utc(3, 28, 23, 30), {"Baguette": 1})  # 23:30 on the 28th
    add_order(utc(3, 29, 0, 30), {"Baguette": 1})  # 00:30 GMT
    add_order(utc(3, 29, 1, 30), {"Baguette": 1})  # 02:30 BST
    add_order(utc(3, 29, 22, 59), {"Baguette": 1})  # 23:59 BST
    add_order(utc(3, 29, 23, 0), {"Baguette": 1})  # midnight BST: the 30th

    report = summary(session, Period(date(2026, 3, 29), date(2026, 3, 29)), timezone="Europe/London")

    assert report.orders == 3
    assert {h.hour: h.orders for h in report.placement_rush.by_hour if h.orders} == {0: 1, 2: 1, 23: 1}
    assert report.placement_rush.by_weekday[6].orders == 3  # a Sunday


def test_an_empty_period_has_zeros_and_no_averages(session: Session, demo_catalogue) -> None:
    report = summary(session, Period(date(2026, 6, 1), date(2026, 6, 7)), timezone="Europe/London")

    assert (report.orders, report.revenue, report.cancelled) == (0, Decimal("0.00"), 0)
    assert report.average_order_value is None
    assert len(report.days) == 7 and all(d.orders == 0 for d in report.days)
    assert report.service.median_minutes_to_ready is None and report.service.late_share is None
    assert len(report.never_ordered) == len(demo_catalogue)


def test_csv_downloads_hold_the_same_figures(session: Session, june_orders) -> None:
    report = summary(session, JUNE, timezone="Europe/London", now=NOW)

    assert csv_text(report, "daily") == (
        "day,orders,revenue,cancelled\n2026-06-01,1,10.30,0\n2026-06-02,1,14.40,3\n2026-06-03,4,21.30,0\n"
    )
    assert csv_text(report, "products").splitlines()[1].endswith(",Sourdough Loaf,4,22.00")
    assert csv_text(report, "cancellations") == "reason,orders\nCustomer changed mind,2\nNo reason given,1\n"
    assert "median_minutes_to_ready,30.0" in csv_text(report, "service")
    assert csv_text(report, "hours").splitlines()[10] == "9,1,1"  # E placed at 9, B picked up at 9


def test_the_summary_serialises_money_as_numbers(session: Session, june_orders) -> None:
    data = summary(session, JUNE, timezone="Europe/London", now=NOW).model_dump(mode="json")

    assert data["revenue"] == 46.0 and data["average_order_value"] == 7.67
    assert data["top_by_quantity"][0] == {"product_id": data["products"][0]["product_id"]} | {
        "name": "Sourdough Loaf",
        "quantity": 4,
        "revenue": 22.0,
    }


@pytest.mark.parametrize(
    ("first", "last"), [(date(2026, 6, 2), date(2026, 6, 1)), (date(2025, 1, 1), date(2026, 1, 2))]
)
def test_a_backwards_or_overlong_period_is_refused(first: date, last: date) -> None:
    with pytest.raises(Invalid):
        Period(first, last)


def test_a_leap_year_fits_in_one_period() -> None:
    assert Period(date(2024, 1, 1), date(2024, 12, 31)).length == 366


def test_percentile_interpolates_like_percentile_cont() -> None:
    histogram = [(10, 1), (20, 1), (40, 1), (100, 2)]  # 10, 20, 40, 100, 100
    assert percentile(histogram, 0.5) == 40
    assert percentile(histogram, 0.9) == 100
    assert percentile([(10, 1), (20, 1), (40, 1), (100, 1)], 0.9) == 82.0  # 40 + 0.7 * 60
    assert percentile([(7, 3)], 0.9) == 7
    assert percentile([], 0.5) is None
