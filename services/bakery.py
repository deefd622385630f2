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

    def earliest_pickup(self, lead_time_hours: int = 0) -> datetime:
        return utcnow() + timedelta(hours=lead_time_hours)

    def pickup_days(self, lead_time_hours: int = 0) -> list[date]:
        """Open days from the first one a basket with this lead time can be ready, up to the horizon."""
        first = self.day_of(self.earliest_pickup(lead_time_hours))
        days = (first + timedelta(days=n) for n in range(self.max_days_ahead))
        return [d for d in days if d.weekday() in self.open_weekdays and self.pickup_slots(d, lead_time_hours)]

    def pickup_slots(self, day: date, lead_time_hours: int = 0, step_minutes: int = 15) -> list[datetime]:
        """Pickup times on `day` (aware, local) when the bakery is open and the basket can be ready."""
        if day.weekday() not in self.open_weekdays:
            return []
        earliest = self.earliest_pickup(lead_time_hours)
        slot = datetime.combine(day, self.opens, tzinfo=self.zone)
        closing = datetime.combine(day, self.closes, tzinfo=self.zone)
        slots = []
        while slot < closing:
            if slot >= earliest:
                slots.append(slot)
            slot += timedelta(minutes=step_minutes)
        return slots

    def describe_hours(self) -> str:
        days = ", ".join(WEEKDAYS[d] for d in sorted(self.open_weekdays))
        return f"{days} {self.opens:%H:%M}-{self.closes:%H:%M} ({self.timezone})"


_rules = BakeryRules()


def configure(rules: BakeryRules) -> None:
    global _rules
    _rules = rules


def rules() -> BakeryRules:
    return _rules
