"""Days in query strings are written YYYY-MM-DD; a number is refused, never read as seconds since 1970."""

import pytest

from tests.api.checks import refused

NOT_A_DAY = ["0", "1700000000", "-1", "2026-1-5", "2026-11-25T00:00", "20261125"]


@pytest.mark.parametrize("day", NOT_A_DAY)
@pytest.mark.parametrize(
    "where", ["/orders?day={}", "/reports/summary?to={}", "/reports/summary?from={}", "/pickup-slots?day={}"]
)
def test_a_day_that_is_not_written_as_a_date_is_refused(api, where, day):
    refused(api.get(where.format(day)), 422)


def test_days_written_as_dates_are_read(api):
    assert api.get("/orders?day=2026-11-25").status_code == 200
    summary = api.get("/reports/summary?from=2026-11-01&to=2026-11-30")
    assert summary.status_code == 200, summary.text


def test_the_schema_still_says_the_days_are_dates(anonymous_api):
    spec = anonymous_api.get("/openapi.json").json()
    day = next(p for p in spec["paths"]["/orders"]["get"]["parameters"] if p["name"] == "day")
    assert {"type": "string", "format": "date"} in day["schema"]["anyOf"]
