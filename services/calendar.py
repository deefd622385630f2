"""The bakery's calendar: opening hours, closures, the same-day cut-off, the preparation buffer, and the
pickup slots they make. Pure rules on one settings snapshot; what is booked lives in slot_bookings.py.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from services.clock import as_aware, local_day
from services.errors import Invalid

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_MINUTES = 24 * 60

OpeningRange = tuple[int, int]  # minutes after local midnight: opens, closes (closes may be 1440)


class Unavailable(StrEnum):
    """Why a pickup slot cannot be chosen, in the words the storefront shows."""

    CLOSED = "closed"
    PAST_CUTOFF = "past cut-off"
    TOO_SOON = "too soon"
    FULL = "full"


@dataclass(frozen=True)
class Closure:
    day: date
    message: str


@dataclass(frozen=True)
class Slot:
    """One pickup window, in the bakery's zone; `start` is also its key in the bookings."""

    start: datetime
    end: datetime

    def label(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True)
class BakeryCalendar:
    timezone: str = "Europe/London"
    hours: Mapping[int, tuple[OpeningRange, ...]] = field(
        default_factory=lambda: {d: ((7 * 60, 18 * 60),) for d in range(7)}
    )  # weekday (Monday 0) -> ranges, sorted; a missing weekday is closed
    closures: tuple[Closure, ...] = ()
    same_day_cutoff: time | None = None
    prep_buffer_minutes: int = 30
    slot_minutes: int = 15
    slot_capacity: int | None = None  # items per slot; None = unlimited
    category_capacity: Mapping[str, int] = field(default_factory=dict)
    max_days_ahead: int = 60
    # Each day's slots, made once per settings snapshot: every order without a pickup time walks its day's.
    _slots: dict[date, tuple[Slot, ...]] = field(default_factory=dict, init=False, compare=False, repr=False)
    online_orders_paused: bool = False
    delivery_enabled: bool = False  # a pickup bakery's board never offers Shipped
    name: str = "BakeOps Bakery"
    address: str = ""
    phone: str = ""
    version: int = 0  # the settings row's version; 0 = first-start defaults, no row yet

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def day_of(self, moment: datetime) -> date:
        return local_day(moment, self.timezone)

    def closure_on(self, day: date) -> Closure | None:
        return next((c for c in self.closures if c.day == day), None)

    def next_closure(self, today: date) -> Closure | None:
        return min((c for c in self.closures if c.day >= today), key=lambda c: c.day, default=None)

    def slots_on(self, day: date) -> list[Slot]:
        """Every slot of the day's opening hours, closures or not (see why_unavailable)."""
        if (known := self._slots.get(day)) is None:
            slots = []
            for opens, closes in self.hours.get(day.weekday(), ()):
                for start in range(opens, closes, self.slot_minutes):
                    slots.append(Slot(self._at(day, start), self._at(day, min(start + self.slot_minutes, closes))))
            known = self._slots[day] = tuple(slots)
        return list(known)

    def open_slots(self, day: date, now: datetime, lead_time_hours: int = 0) -> list[Slot]:
        """The day's slots an order placed `now` could take (capacity aside), soonest first: the slots for which
        why_unavailable says None, found without asking it slot by slot."""
        if self._day_unavailable(day, now) is not None:
            return []
        earliest = self.earliest_pickup(now, lead_time_hours)
        return [slot for slot in self.slots_on(day) if slot.start >= earliest]

    def slot_at(self, moment: datetime) -> Slot | None:
        """The slot a pickup time falls in, or None when the bakery is not open then."""
        local = as_aware(moment).astimezone(self.zone)
        minute = local.hour * 60 + local.minute + (local.second + local.microsecond / 1e6) / 60
        for opens, closes in self.hours.get(local.weekday(), ()):
            if opens <= minute < closes:
                start = opens + int((minute - opens) // self.slot_minutes) * self.slot_minutes
                day = local.date()
                return Slot(self._at(day, start), self._at(day, min(start + self.slot_minutes, closes)))
        return None

    def earliest_pickup(self, now: datetime, lead_time_hours: int = 0) -> datetime:
        """The bakers need the longer of the preparation buffer and the basket's notice."""
        return now + max(timedelta(minutes=self.prep_buffer_minutes), timedelta(hours=lead_time_hours))

    def why_unavailable(self, slot: Slot, now: datetime, lead_time_hours: int = 0) -> Unavailable | None:
        """Why this slot cannot take an order placed `now` (capacity aside), or None when it can."""
        if (reason := self._day_unavailable(slot.start.date(), now)) is not None:
            return reason
        if slot.start < self.earliest_pickup(now, lead_time_hours):
            return Unavailable.TOO_SOON
        return None

    def _day_unavailable(self, day: date, now: datetime) -> Unavailable | None:
        """Why no slot of `day` can take an order placed `now`, whatever its time (open_slots asks this too)."""
        if self.closure_on(day) is not None:
            return Unavailable.CLOSED
        if self._past_cutoff(day, now):
            return Unavailable.PAST_CUTOFF
        return None

    def pickup_days(self, now: datetime, lead_time_hours: int = 0) -> list[date]:
        """Days up to the horizon with at least one slot an order placed `now` could take (capacity aside)."""
        first = self.day_of(self.earliest_pickup(now, lead_time_hours))
        days = (first + timedelta(days=n) for n in range(self.max_days_ahead))
        return [d for d in days if any(self.why_unavailable(s, now, lead_time_hours) is None for s in self.slots_on(d))]

    def first_pickup(self, now: datetime, lead_time_hours: int = 0) -> datetime | None:
        """The start of the first slot an order placed `now` could take (open, not closed, past the notice),
        capacity aside; None when there is none within the horizon."""
        first = self.day_of(self.earliest_pickup(now, lead_time_hours))
        for offset in range(self.max_days_ahead + 1):
            for slot in self.slots_on(first + timedelta(days=offset)):
                if self.why_unavailable(slot, now, lead_time_hours) is None:
                    return slot.start
        return None

    def check_pickup(self, pickup_at: datetime, now: datetime, lead_time_hours: int = 0) -> Slot:
        """The slot of `pickup_at`; raises Invalid (422) with a sentence for the customer when it cannot be."""
        if pickup_at < self.earliest_pickup(now, lead_time_hours):
            raise Invalid(f"Pickup time is too soon: {self._earliest_sentence(now, lead_time_hours)}")
        if pickup_at > now + timedelta(days=self.max_days_ahead):
            raise Invalid(f"Pickup time is more than {self.max_days_ahead} days ahead; please choose an earlier day")
        day = self.day_of(pickup_at)
        if (closure := self.closure_on(day)) is not None:
            raise Invalid(f"The bakery is closed on {day:%a %d %b}: {closure.message}. Please choose another day")
        slot = self.slot_at(pickup_at)
        if slot is None:
            raise Invalid(
                f"The bakery is closed then; please choose a pickup time within our hours, {self.describe_hours()}"
            )
        if self._past_cutoff(day, now):
            raise Invalid(
                f"Orders for today close at {self.same_day_cutoff:%H:%M}; please choose a pickup on another day"
            )
        return slot

    def _earliest_sentence(self, now: datetime, lead_time_hours: int) -> str:
        # The notice alone can land after closing (18:00 + 30 min): name a time the bakery is open.
        first = self.first_pickup(now, lead_time_hours)
        if first is None:
            return f"no pickup time within {self.max_days_ahead} days is possible; please call the bakery"
        return f"the earliest possible is {self.describe_moment(first)}; please choose that or a later time"

    def describe_moment(self, moment: datetime) -> str:
        return as_aware(moment).astimezone(self.zone).strftime("%a %d %b %H:%M")

    def describe_hours(self) -> str:
        """E.g. "Mon-Fri 07:00-12:00, 13:00-18:00; Sat 08:00-13:00 (Europe/London)"; closed days left out."""
        groups: list[tuple[list[int], tuple[OpeningRange, ...]]] = []
        for day in range(7):
            ranges = tuple(self.hours.get(day, ()))
            if not ranges:
                continue
            if groups and groups[-1][1] == ranges and groups[-1][0][-1] == day - 1:
                groups[-1][0].append(day)
            else:
                groups.append(([day], ranges))
        if not groups:
            return "never (closed every day)"
        parts = []
        for days, ranges in groups:
            names = WEEKDAYS[days[0]] if len(days) == 1 else f"{WEEKDAYS[days[0]]}-{WEEKDAYS[days[-1]]}"
            parts.append(f"{names} {', '.join(f'{clock(a)}-{clock(b)}' for a, b in ranges)}")
        return f"{'; '.join(parts)} ({self.timezone})"

    def _past_cutoff(self, day: date, now: datetime) -> bool:
        if self.same_day_cutoff is None:
            return False
        local_now = as_aware(now).astimezone(self.zone)
        return day == local_now.date() and local_now.time() >= self.same_day_cutoff

    def _at(self, day: date, minute: int) -> datetime:
        if minute >= DAY_MINUTES:
            day, minute = day + timedelta(days=1), minute - DAY_MINUTES
        return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=self.zone)


def clock(minute: int) -> str:
    """Minutes after midnight as "HH:MM" (the end of the day is "24:00")."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def minutes_of(text: str) -> int:
    """ "HH:MM" (00:00-24:00) as minutes after midnight; ValueError otherwise."""
    hours, _, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and 1 <= len(hours) <= 2):
        raise ValueError(f"{text!r} is not a time of day like 07:30")
    value = int(hours) * 60 + int(minutes)
    if int(minutes) > 59 or value > DAY_MINUTES:
        raise ValueError(f"{text!r} is not a time of day like 07:30")
    return value
