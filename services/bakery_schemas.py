"""Shapes of the bakery's settings and pickup slots on the wire (GET/PATCH /bakery, GET /pickup-slots).

Each check refuses with a sentence a bakery owner understands, attached to the field it is about.
"""

from datetime import date, datetime
from itertools import pairwise
from typing import Annotated, Self

from pydantic import AwareDatetime, BaseModel, Field, StringConstraints, field_validator, model_validator
from pydantic_core import PydanticCustomError

from services.calendar import minutes_of
from services.schemas import Incoming

Weekday = Annotated[str, StringConstraints(pattern="^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)$")]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
SLOT_LENGTHS = (5, 10, 12, 15, 20, 30, 60)  # minutes that divide an hour (and are long enough to matter)


def _refuse(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


class OpeningRange(BaseModel):
    """Open from `opens` until `closes` ("HH:MM", local time; "24:00" is midnight at the end of the day)."""

    opens: str
    closes: str

    @model_validator(mode="after")
    def _forwards(self) -> Self:
        try:
            opens, closes = minutes_of(self.opens), minutes_of(self.closes)
        except ValueError as error:
            raise _refuse("time_of_day", str(error)) from None
        if opens >= closes:
            raise _refuse("inverted_range", f"Opening {self.opens} is not before closing {self.closes}")
        return self

    def minutes(self) -> tuple[int, int]:
        return minutes_of(self.opens), minutes_of(self.closes)


class ClosureDay(BaseModel):
    day: date
    message: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] = "Closed"


Hours = dict[Weekday, list[OpeningRange]]


class BakerySettingsUpdate(Incoming):
    """PATCH /bakery and the settings page: a field left out keeps its value."""

    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None
    address: ShortText | None = None
    phone: Annotated[str, StringConstraints(strip_whitespace=True, max_length=30)] | None = None
    hours: Hours | None = None
    closures: list[ClosureDay] | None = Field(default=None, max_length=400)
    same_day_cutoff: str | None = None
    prep_buffer_minutes: int | None = None
    slot_minutes: int | None = None
    slot_capacity: int | None = None
    category_capacity: dict[str, int] | None = None
    delivery_enabled: bool | None = None

    @field_validator("name")
    @classmethod
    def _named(cls, value: str | None) -> str | None:
        if value is not None and not value:
            raise _refuse("name", "The bakery needs a name")
        return value

    @field_validator("hours")
    @classmethod
    def _no_overlaps(cls, hours: Hours | None) -> Hours | None:
        for day, ranges in (hours or {}).items():
            spans = sorted(r.minutes() for r in ranges)
            for (_, first_closes), (second_opens, _) in pairwise(spans):
                if second_opens < first_closes:
                    raise _refuse("overlapping_hours", f"{day}: opening hours overlap; each range must end first")
        return hours

    @field_validator("same_day_cutoff")
    @classmethod
    def _cutoff_is_a_time(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            minute = minutes_of(value)
        except ValueError as error:
            raise _refuse("time_of_day", str(error)) from None
        if minute >= 24 * 60:
            raise _refuse("time_of_day", "The cut-off must be a time during the day, like 10:00")
        return f"{minute // 60:02d}:{minute % 60:02d}"

    @field_validator("prep_buffer_minutes")
    @classmethod
    def _sensible_buffer(cls, value: int | None) -> int | None:
        if value is not None and not 0 <= value <= 7 * 24 * 60:
            raise _refuse("buffer", "The preparation buffer must be between 0 minutes and 7 days")
        return value

    @field_validator("slot_minutes")
    @classmethod
    def _divides_an_hour(cls, value: int | None) -> int | None:
        if value is not None and value not in SLOT_LENGTHS:
            choices = ", ".join(map(str, SLOT_LENGTHS))
            raise _refuse("slot_length", f"A slot must divide an hour evenly: {choices} minutes")
        return value

    @field_validator("slot_capacity")
    @classmethod
    def _positive_capacity(cls, value: int | None) -> int | None:
        if value is not None and value <= 0:
            raise _refuse("capacity", "A slot must take at least 1 item; leave it empty for no limit")
        return value

    @field_validator("category_capacity")
    @classmethod
    def _positive_category_capacity(cls, value: dict[str, int] | None) -> dict[str, int] | None:
        for category, items in (value or {}).items():
            if not category.strip() or len(category) > 40:
                raise _refuse("capacity", "A category name must be 1 to 40 characters")
            if items <= 0:
                raise _refuse("capacity", f"{category}: a slot must take at least 1 item; remove it for no limit")
        return value


class BakeryInfo(BaseModel):
    """GET /bakery: what customers need to know, and every setting an admin can change."""

    name: str
    address: str
    phone: str
    timezone: str
    hours: dict[str, list[OpeningRange]]
    hours_text: str
    closures: list[ClosureDay]
    next_closure: ClosureDay | None
    same_day_cutoff: str | None
    prep_buffer_minutes: int
    slot_minutes: int
    slot_capacity: int | None
    category_capacity: dict[str, int]
    online_orders_paused: bool
    delivery_enabled: bool = Field(description="The bakery delivers: the board offers Shipped for Ready orders")
    version: int


class OnlineOrders(Incoming):
    paused: bool


class SlotCategory(BaseModel):
    capacity: int
    remaining: int


class PickupSlot(BaseModel):
    start: datetime
    end: datetime
    capacity: int | None  # items; None = no limit
    remaining: int | None
    categories: dict[str, SlotCategory] = {}
    available: bool
    reason: str | None  # closed, past cut-off, too soon, full; with a closure, its message follows


class DaySlots(BaseModel):
    day: date
    open: bool
    message: str | None  # why the whole day is closed, if it is
    slots: list[PickupSlot]


class PickupMove(Incoming):
    pickup_at: AwareDatetime
    expected_version: int | None = None
