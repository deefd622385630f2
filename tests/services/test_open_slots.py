"""The slots an order placed now could take: BakeryCalendar.open_slots answers what why_unavailable says.

free_slots (every order without a pickup time) asks open_slots instead of asking why_unavailable slot by
slot; if the two ever disagree, an order gets a slot the storefront shows as unavailable, or misses a free one.
"""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from services.calendar import BakeryCalendar, Closure

MONDAY = date(2026, 12, 7)
CALENDAR = BakeryCalendar(
    timezone="Europe/London",
    hours={0: ((7 * 60, 12 * 60), (13 * 60, 18 * 60)), 1: ((8 * 60, 14 * 60),)},
    closures=(Closure(day=MONDAY + timedelta(days=1), message="Staff training"),),
    same_day_cutoff=time(16, 0),
    prep_buffer_minutes=30,
)


def one_by_one(calendar: BakeryCalendar, day: date, now: datetime, lead: int) -> list:
    return [slot for slot in calendar.slots_on(day) if calendar.why_unavailable(slot, now, lead) is None]


@pytest.mark.parametrize("lead", [0, 2, 30])
@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 12, 6, 23, 0, tzinfo=UTC),  # the night before
        datetime(2026, 12, 7, 6, 50, tzinfo=UTC),  # before opening
        datetime(2026, 12, 7, 11, 40, tzinfo=UTC),  # near the lunch break
        datetime(2026, 12, 7, 15, 59, tzinfo=UTC),  # just before the same-day cut-off
        datetime(2026, 12, 7, 16, 0, tzinfo=UTC),  # at it
        datetime(2026, 12, 7, 19, 0, tzinfo=UTC),  # after closing
    ],
)
@pytest.mark.parametrize("offset", [0, 1, 6, 7])  # Monday, the closed Tuesday, Sunday (no hours), next Monday
def test_open_slots_are_the_slots_why_unavailable_lets_through(now: datetime, lead: int, offset: int) -> None:
    day = MONDAY + timedelta(days=offset)
    assert CALENDAR.open_slots(day, now, lead) == one_by_one(CALENDAR, day, now, lead)


def test_an_afternoon_order_gets_only_the_slots_after_its_preparation_time() -> None:
    now = datetime(2026, 12, 7, 14, 5, tzinfo=UTC)  # London is on UTC in December
    open_now = CALENDAR.open_slots(MONDAY, now)
    assert open_now[0].start == datetime(2026, 12, 7, 14, 45, tzinfo=UTC)
    assert open_now[-1].end == datetime(2026, 12, 7, 18, 0, tzinfo=UTC)
    assert CALENDAR.open_slots(MONDAY + timedelta(days=1), now) == []  # closed for training


def test_slots_on_hands_out_a_list_the_caller_may_change() -> None:
    first = CALENDAR.slots_on(MONDAY)
    first.clear()
    assert len(CALENDAR.slots_on(MONDAY)) == 40  # 10 hours of 15-minute slots, unchanged by the caller
