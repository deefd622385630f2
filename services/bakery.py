"""The bakery's house rules that depend on configuration: time zone and opening hours."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from services.clock import as_aware, local_day, utcnow
from services.errors import Invalid

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class BakeryRules:
    timezone: str = "Europe/London"
    opens: time = time(7, 0)
    closes: time = time(18, 0)
    open_weekdays: frozenset[int] = field(default_factory=lambda: frozenset(range(7)))  # Monday is 0
    max_days_ahead: int = 60

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def today(self) -> date:
        return local_day(utcnow(), self.timezone)

    def day_of(self, moment: datetime) -> date:
        return local_day(moment, self.timezone)

    def is_open_at(self, moment: datetime) -> bool:
        local = as_aware(moment).astimezone(self.zone)
        return local.weekday() in self.open_weekdays and self.opens <= local.time() < self.closes

    def check_pickup(self, pickup_at: datetime, earliest: datetime) -> None:
        """Raise Invalid unless the bakery can hand an order over at `pickup_at`."""
        if pickup_at < earliest:
            when = earliest.astimezone(self.zone).strftime("%a %d %b %H:%M")
            raise Invalid(f"Pickup time is too soon: the earliest possible is {when}")
        if pickup_at > utcnow() + timedelta(days=self.max_days_ahead):
            raise Invalid(f"Pickup time is more than {self.max_days_ahead} days ahead")
        if not self.is_open_at(pickup_at):
            raise Invalid(f"The bakery is closed then; pickup is possible {self.describe_hours()}")

    def describe_hours(self) -> str:
        days = ", ".join(WEEKDAYS[d] for d in sorted(self.open_weekdays))
        return f"{days} {self.opens:%H:%M}-{self.closes:%H:%M} ({self.timezone})"


_rules = BakeryRules()


def configure(rules: BakeryRules) -> None:
    global _rules
    _rules = rules


def rules() -> BakeryRules:
    return _rules
