"""Shapes of the analytics summary: what GET /reports/summary returns and the analytics page draws."""

from datetime import date, datetime

from pydantic import BaseModel, Field, computed_field

from services.schemas import Money

TOP_PRODUCTS = 10


class DayFigures(BaseModel):
    day: date = Field(description="Bakery-local day the orders were placed")
    orders: int = Field(description="Orders placed that day and not cancelled")
    revenue: Money
    cancelled: int


class ProductFigures(BaseModel):
    product_id: int
    name: str
    quantity: int
    revenue: Money


class ProductRef(BaseModel):
    product_id: int
    name: str


class HourCount(BaseModel):
    hour: int = Field(ge=0, le=23, description="Bakery-local hour of day")
    orders: int


class WeekdayCount(BaseModel):
    weekday: str = Field(description="Mon … Sun, bakery-local")
    orders: int


class Rush(BaseModel):
    """When orders cluster: 24 hours and 7 weekdays, always all of them, in the bakery's time zone."""

    by_hour: list[HourCount]
    by_weekday: list[WeekdayCount]


class ServiceQuality(BaseModel):
    ready_orders: int = Field(description="Orders that reached Ready")
    median_minutes_to_ready: float | None = Field(description="From Order Placed to the first Ready, in minutes")
    p90_minutes_to_ready: float | None
    promised_orders: int = Field(description="Orders with a pickup time that are Ready, or should have been by now")
    late_orders: int = Field(description="Of those, Ready after the pickup time (or still not Ready past it)")
    late_share: float | None = Field(description="late_orders / promised_orders, 0..1")


class CancellationReason(BaseModel):
    reason: str
    orders: int


class Summary(BaseModel):
    """Orders placed in [first_day, last_day] (bakery-local days, both included). Cancelled orders earn nothing."""

    first_day: date
    last_day: date
    timezone: str
    generated_at: datetime
    orders: int = Field(description="Orders placed in the period that are not cancelled")
    revenue: Money
    average_order_value: Money | None
    cancelled: int
    days: list[DayFigures]
    products: list[ProductFigures] = Field(description="Every product sold in the period, most units first")
    never_ordered: list[ProductRef] = Field(description="Products on sale that no order in the period asked for")
    placement_rush: Rush = Field(description="By the time orders were placed")
    pickup_rush: Rush = Field(description="By the promised pickup time")
    without_pickup_time: int = Field(description="Orders with no pickup time (as soon as possible)")
    service: ServiceQuality
    cancellations: list[CancellationReason] = Field(description="Cancelled orders by reason, most frequent first")

    @computed_field
    @property
    def top_by_quantity(self) -> list[ProductFigures]:
        return self.products[:TOP_PRODUCTS]

    @computed_field
    @property
    def top_by_revenue(self) -> list[ProductFigures]:
        ranked = sorted(self.products, key=lambda p: (-p.revenue, -p.quantity, p.name))
        return ranked[:TOP_PRODUCTS]
