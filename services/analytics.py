"""Analytics for a period: revenue, products, rush hours and service quality, as a few GROUP BY queries.

Time-zone handling is portable: both databases group timestamps by quarter-hour of UTC (epoch seconds
div 900), and Python folds those buckets into the bakery's local days, hours and weekdays with zoneinfo.
That is exact for every time zone (all offsets are whole quarter hours), needs neither database's zone
functions, and keeps the rows fetched few (at most 96 a day) however many orders there are.
"""

import math
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, and_, case, cast, func, literal_column
from sqlalchemy.sql.expression import ColumnElement
from sqlmodel import Session, select

from services import bakery
from services.analytics_sql import BUCKET_SECONDS, minutes_between, quarter_hour
from services.bakery import WEEKDAYS
from services.clock import utcnow
from services.errors import Invalid
from services.models import Order, OrderItem, OrderStatusChange, Product
from services.order_status import OrderStatus
from services.reads_at_once import read_at_once
from services.report_schemas import (
    CancellationReason,
    DayFigures,
    HourCount,
    ProductFigures,
    ProductRef,
    Rush,
    ServiceQuality,
    Summary,
    WeekdayCount,
)

LONGEST_PERIOD_DAYS = 366
NO_REASON = "No reason given"
CANCELLED = OrderStatus.CANCELLED.value


@dataclass(frozen=True)
class Period:
    """Bakery-local days from `first_day` to `last_day`, both included."""

    first_day: date
    last_day: date

    def __post_init__(self) -> None:
        if self.first_day > self.last_day:
            raise Invalid(f"The period starts ({self.first_day}) after it ends ({self.last_day})")
        if self.length > LONGEST_PERIOD_DAYS:
            raise Invalid(f"The period is {self.length} days long; at most {LONGEST_PERIOD_DAYS} days are allowed")

    @classmethod
    def ending(cls, last_day: date, days: int) -> "Period":
        """The `days` days up to and including `last_day` (1 = that day alone)."""
        return cls(last_day - timedelta(days=days - 1), last_day)

    @property
    def length(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def days(self) -> list[date]:
        return [self.first_day + timedelta(days=n) for n in range(self.length)]

    def bounds(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """[start, end) in UTC: local midnight of the first day to local midnight after the last."""
        start = datetime.combine(self.first_day, time(0), tzinfo=zone)
        end = datetime.combine(self.last_day + timedelta(days=1), time(0), tzinfo=zone)
        return start.astimezone(UTC), end.astimezone(UTC)


def summary(session: Session, period: Period, *, timezone: str | None = None, now: datetime | None = None) -> Summary:
    """Every figure of the analytics page for orders placed in `period`, in the bakery's time zone."""
    zone_name = timezone or bakery.rules().timezone
    zone = ZoneInfo(zone_name)
    now = now or utcnow()
    start, end = period.bounds(zone)
    placed = and_(Order.created_at >= start, Order.created_at < end)

    read = read_at_once(
        session,
        {
            "placements": lambda s: _placements(s, placed, period, zone),
            "products": lambda s: _products(s, placed),
            "pickup_rush": lambda s: _pickup_rush(s, placed, zone),
            "service": lambda s: _service(s, placed, start, now),
            "cancellations": lambda s: _cancellations(s, placed, start),
        },
    )
    days, placement_rush, without_pickup = read["placements"]
    orders = sum(d.orders for d in days)
    revenue = sum((d.revenue for d in days), Decimal("0.00"))
    products, never_ordered = read["products"]
    return Summary(
        first_day=period.first_day,
        last_day=period.last_day,
        timezone=zone_name,
        generated_at=now,
        orders=orders,
        revenue=revenue,
        average_order_value=(revenue / orders).quantize(Decimal("0.01")) if orders else None,
        cancelled=sum(d.cancelled for d in days),
        days=days,
        products=products,
        never_ordered=never_ordered,
        placement_rush=placement_rush,
        pickup_rush=read["pickup_rush"],
        without_pickup_time=without_pickup,
        service=read["service"],
        cancellations=read["cancellations"],
    )


def _cents(money: Any) -> ColumnElement:
    # Whole cents are exact on both databases (SQLite keeps NUMERIC as a float).
    return cast(func.round(money * literal_column("100")), BigInteger)


def _kept() -> ColumnElement[bool]:
    return Order.status != CANCELLED


def _money(cents: Any) -> Decimal:
    return (Decimal(int(cents or 0)) / 100).quantize(Decimal("0.01"))


def _local(bucket: int, zone: ZoneInfo) -> datetime:
    return datetime.fromtimestamp(int(bucket) * BUCKET_SECONDS, UTC).astimezone(zone)


# --- The queries -------------------------------------------------------------------------------------------


def _placements(
    session: Session, placed: ColumnElement[bool], period: Period, zone: ZoneInfo
) -> tuple[list[DayFigures], Rush, int]:
    """Orders, revenue and cancellations per local day; when orders are placed; orders with no pickup time."""
    bucket = quarter_hour(Order.created_at)
    kept = _kept()
    rows = session.exec(
        select(
            bucket,
            func.count(),
            func.sum(case((kept, 1), else_=0)),
            func.sum(case((kept, _cents(Order.total)), else_=0)),
            func.sum(case((and_(kept, Order.pickup_at.is_(None)), 1), else_=0)),
        )
        .where(placed)
        .group_by(bucket)
    ).all()
    per_day = {day: [0, 0, 0] for day in period.days()}  # orders, revenue in cents, cancelled
    hours, weekdays = [0] * 24, [0] * 7
    without_pickup = 0
    for quarter, everything, orders, cents, asap in rows:
        local = _local(quarter, zone)
        # Within the period by the WHERE clause; the clamp only matters for a zone off the quarter hour.
        figures = per_day[min(max(local.date(), period.first_day), period.last_day)]
        figures[0] += int(orders)
        figures[1] += int(cents or 0)
        figures[2] += int(everything) - int(orders)
        hours[local.hour] += int(orders)
        weekdays[local.weekday()] += int(orders)
        without_pickup += int(asap)
    days = [
        DayFigures(day=day, orders=orders, revenue=_money(cents), cancelled=cancelled)
        for day, (orders, cents, cancelled) in per_day.items()
    ]
    return days, _rush(hours, weekdays), without_pickup


def _pickup_rush(session: Session, placed: ColumnElement[bool], zone: ZoneInfo) -> Rush:
    """When customers come: the promised pickup times of the period's orders."""
    bucket = quarter_hour(Order.pickup_at)
    rows = session.exec(
        select(bucket, func.count()).where(placed, _kept(), Order.pickup_at.is_not(None)).group_by(bucket)
    ).all()
    hours, weekdays = [0] * 24, [0] * 7
    for quarter, orders in rows:
        local = _local(quarter, zone)
        hours[local.hour] += int(orders)
        weekdays[local.weekday()] += int(orders)
    return _rush(hours, weekdays)


def _rush(hours: list[int], weekdays: list[int]) -> Rush:
    return Rush(
        by_hour=[HourCount(hour=h, orders=n) for h, n in enumerate(hours)],
        by_weekday=[WeekdayCount(weekday=WEEKDAYS[d], orders=n) for d, n in enumerate(weekdays)],
    )


def _products(session: Session, placed: ColumnElement[bool]) -> tuple[list[ProductFigures], list[ProductRef]]:
    """Units and revenue per product sold; the products on sale that nobody ordered."""
    rows = session.exec(
        select(
            OrderItem.product_id,
            func.sum(OrderItem.quantity),
            func.sum(OrderItem.quantity * _cents(OrderItem.unit_price)),
        )
        .join(Order, Order.id == OrderItem.order_id)
        .where(placed, _kept())
        .group_by(OrderItem.product_id)
    ).all()
    catalogue = {
        pid: (name, active) for pid, name, active in session.exec(select(Product.id, Product.name, Product.active))
    }
    # Names from the catalogue (items keep their product; products are retired, never deleted).
    sold = [
        ProductFigures(product_id=pid, name=catalogue[pid][0], quantity=int(quantity), revenue=_money(cents))
        for pid, quantity, cents in rows
    ]
    sold.sort(key=lambda p: (-p.quantity, -p.revenue, p.name))
    ordered = {p.product_id for p in sold}
    never = [
        ProductRef(product_id=pid, name=name)
        for pid, (name, active) in catalogue.items()
        if active and pid not in ordered
    ]
    return sold, sorted(never, key=lambda p: p.name)


def _service(session: Session, placed: ColumnElement[bool], start: datetime, now: datetime) -> ServiceQuality:
    """Minutes from placed to the first Ready (as a histogram), and whether Ready came by the pickup time."""
    first_ready = (
        select(
            Order.id,
            Order.created_at.label("placed_at"),
            Order.pickup_at.label("pickup_at"),
            func.min(OrderStatusChange.at).label("ready_at"),
        )
        .select_from(Order)
        .outerjoin(
            OrderStatusChange,
            and_(
                OrderStatusChange.order_id == Order.id,
                OrderStatusChange.to_status == OrderStatus.READY.value,
                OrderStatusChange.at >= start,  # always true (Ready comes after placing); lets the index narrow
            ),
        )
        .where(placed, _kept())
        .group_by(Order.id, Order.created_at, Order.pickup_at)
        .subquery()
    )
    r = first_ready.c
    outcome = case(
        (and_(r.ready_at.is_not(None), r.pickup_at.is_not(None), r.ready_at > r.pickup_at), "late"),
        (and_(r.ready_at.is_not(None), r.pickup_at.is_not(None)), "on time"),
        (and_(r.ready_at.is_(None), r.pickup_at < now), "late"),  # promised, passed, still not Ready
    )
    graded = select(minutes_between(r.placed_at, r.ready_at).label("minutes"), outcome.label("outcome")).subquery()
    rows = session.exec(
        select(graded.c.minutes, graded.c.outcome, func.count()).group_by(graded.c.minutes, graded.c.outcome)
    ).all()
    durations: Counter[int] = Counter()
    outcomes: Counter[str] = Counter()
    for minutes, result, orders in rows:
        if minutes is not None:
            durations[int(minutes)] += int(orders)
        if result is not None:
            outcomes[result] += int(orders)
    histogram = sorted(durations.items())
    promised = outcomes["late"] + outcomes["on time"]
    return ServiceQuality(
        ready_orders=sum(durations.values()),
        median_minutes_to_ready=percentile(histogram, 0.5),
        p90_minutes_to_ready=percentile(histogram, 0.9),
        promised_orders=promised,
        late_orders=outcomes["late"],
        late_share=round(outcomes["late"] / promised, 4) if promised else None,
    )


def _cancellations(session: Session, placed: ColumnElement[bool], start: datetime) -> list[CancellationReason]:
    """Orders of the period that are cancelled, by the reason given with the cancellation in force."""
    latest = (
        select(func.max(OrderStatusChange.id).label("change_id"))
        .join(Order, Order.id == OrderStatusChange.order_id)
        .where(
            placed, Order.status == CANCELLED, OrderStatusChange.to_status == CANCELLED, OrderStatusChange.at >= start
        )
        .group_by(OrderStatusChange.order_id)
        .subquery()
    )
    rows = session.exec(
        select(OrderStatusChange.note, func.count())
        .join(latest, latest.c.change_id == OrderStatusChange.id)
        .group_by(OrderStatusChange.note)
    ).all()
    reasons: Counter[str] = Counter()
    for note, orders in rows:
        reasons[" ".join((note or "").split()) or NO_REASON] += int(orders)
    return [CancellationReason(reason=r, orders=n) for r, n in sorted(reasons.items(), key=lambda i: (-i[1], i[0]))]


def percentile(histogram: list[tuple[int, int]], fraction: float) -> float | None:
    """The `fraction` percentile of the values a sorted (value, count) histogram holds, interpolated between
    neighbours like PostgreSQL's percentile_cont; None when it holds nothing."""
    total = sum(count for _, count in histogram)
    if not total:
        return None
    position = fraction * (total - 1)
    below = _value_at(histogram, math.floor(position))
    above = _value_at(histogram, math.ceil(position))
    return round(below + (above - below) * (position - math.floor(position)), 2)


def _value_at(histogram: list[tuple[int, int]], rank: int) -> int:
    seen = 0
    for value, count in histogram:
        seen += count
        if rank < seen:
            return value
    raise IndexError(rank)
