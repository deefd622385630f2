"""The settings page: an admin changes the bakery's hours and slots; a mistake shows beside its field."""

import pytest
from nicegui.testing import User

from services.accounts import Role
from services.bakery_settings import current_calendar
from tests.pages.conftest import sign_in
from tests.pages.helpers import eventually, field_error, set_value
from tests.pages.test_access import make_account

BAD = [
    ("settings-hours-Tue", "09:00-13:00, 12:00-17:00", "Tue: opening hours overlap; each range must end first"),
    ("settings-hours-Tue", "17:00-09:00", "Opening 17:00 is not before closing 09:00"),
    ("settings-hours-Tue", "9 till 5", "Write each range as opening-closing, like 07:00-12:00 (not '9 till 5')"),
    ("settings-closures", "2020-12-25 Christmas", "The closure on Fri 25 Dec 2020 is in the past"),
    ("settings-closures", "Christmas", "Start each line with a date like 2026-12-25 (not 'Christmas')"),
    ("settings-capacity", 0, "A slot must take at least 1 item; leave it empty for no limit"),
    ("settings-category-capacity", "Cakes: 0", "Cakes: a slot must take at least 1 item; remove it for no limit"),
    ("settings-slot-minutes", 7, "A slot must divide an hour evenly: 5, 10, 12, 15, 20, 30, 60 minutes"),
    ("settings-cutoff", "25:00", "'25:00' is not a time of day like 07:30"),
    ("settings-buffer", -5, "The preparation buffer must be between 0 minutes and 7 days"),
    ("settings-name", "", "The bakery needs a name"),
]


@pytest.mark.parametrize("marker, value, message", BAD, ids=[b[0] + ":" + str(b[1]) for b in BAD])
async def test_each_mistake_shows_beside_its_field_and_changes_nothing(user: User, marker, value, message) -> None:
    before = current_calendar()
    await user.open("/admin/settings")
    set_value(user, marker, value)

    user.find(marker="settings-save").click()

    await eventually(lambda: field_error(user, marker) == message)
    assert current_calendar() == before


async def test_saved_hours_and_capacity_apply_at_once(user: User) -> None:
    await user.open("/admin/settings")
    set_value(user, "settings-hours-Mon", "07:00-12:00, 13:00-18:00")
    set_value(user, "settings-capacity", 8)
    set_value(user, "settings-phone", "020 7946 0000")

    user.find(marker="settings-save").click()

    await user.should_see("Settings saved", retries=30)
    calendar = current_calendar()
    assert calendar.hours[0] == ((7 * 60, 12 * 60), (13 * 60, 18 * 60))
    assert (calendar.slot_capacity, calendar.phone) == (8, "020 7946 0000")


@pytest.mark.signed_out
async def test_staff_who_are_not_admins_cannot_open_it(user: User) -> None:
    await user.open("/login")  # starts the app so the account can be made
    make_account("sam@bakery.test", Role.STAFF)
    await sign_in(user, "sam@bakery.test")

    await user.open("/admin/settings")

    await user.should_see(marker="not-allowed")
    await user.should_not_see(marker="settings-save")
