"""Report routes for scripts: GET /reports/summary, the figures of the analytics page."""

from typing import Annotated

from fastapi import APIRouter, Query

from bakeops_ui.api.deps import AdminUser, SessionDep
from bakeops_ui.api.errors import refusals
from services import analytics, bakery
from services.report_schemas import Summary
from services.schemas import CalendarDay

router = APIRouter(prefix="/reports", tags=["reports"])

DEFAULT_DAYS = 30


@router.get(
    "/summary",
    response_model=Summary,
    responses={422: {"description": "`from` after `to`, or a period longer than 366 days"}, **refusals(401, 403, 503)},
)
def read_summary(
    session: SessionDep,
    _admin: AdminUser,
    first_day: Annotated[
        CalendarDay | None, Query(alias="from", description="First day, YYYY-MM-DD (bakery-local)")
    ] = None,
    last_day: Annotated[CalendarDay | None, Query(alias="to", description="Last day, included; default today")] = None,
) -> Summary:
    """Revenue, products, rush hours and service quality of the orders placed from `from` to `to` (both
    included, in the bakery's time zone); without `from`, the 30 days up to `to`."""
    last_day = last_day or bakery.rules().today()
    period = analytics.Period(first_day, last_day) if first_day else analytics.Period.ending(last_day, DEFAULT_DAYS)
    return analytics.summary(session, period)
