"""The bakery's settings row: read (cached per process), changed by admins, paused by staff.

The BAKEOPS_* environment gives the first-start defaults (ensure_settings); after that the row rules.
The calendar is read on every order, so it is kept in memory and forgotten when a settings change commits
here, when its refresh reaches this UI server (forget_settings), and after a few seconds at the latest
(processes that hear no refreshes, such as `bakeops api` workers).
"""

import threading
import time as monotonic
from datetime import date, time

from sqlalchemy import event, update
from sqlalchemy import inspect as orm_state
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from services import bakery, slot_bookings
from services.bakery_schemas import BakeryInfo, BakerySettingsUpdate, ClosureDay, OpeningRange
from services.calendar import WEEKDAYS, BakeryCalendar, Closure, clock, minutes_of
from services.clock import utcnow
from services.database import engine, session_scope
from services.errors import Conflict, Invalid
from services.events import BakeryEvent, EventKind
from services.models import BakerySettingsRow
from services.outbox import record_event

PAUSED_MESSAGE = "Not taking online orders right now"
TTL_SECONDS = 5.0
_CHANGED = "bakeops_settings_changed"
_defaults = {"name": "BakeOps Bakery"}
_lock = threading.Lock()
# The engine itself, not its id: a test's next engine may reuse a freed id, never a held object.
_cached: dict[str, tuple[object, float, BakeryCalendar]] = {}


class SettingRefused(Invalid):
    """A setting that breaks a rule; `field` says which, so the settings page can show it beside it."""

    def __init__(self, field: str, detail: str) -> None:
        super().__init__(detail)
        self.field = field


def configure_defaults(name: str) -> None:
    """What the environment says, for a database that has no settings row yet."""
    _defaults["name"] = name
    forget_settings()


def current_calendar(session: Session | None = None) -> BakeryCalendar:
    """The calendar of the database in use (cached; blocking on a miss).

    Code inside a transaction passes its session: on SQLite a second session would wait for the write lock
    that the first one holds, and so for its own caller, until the busy timeout.
    """
    database = engine()
    hit = _cached.get("calendar")
    if hit is not None and hit[0] is database and monotonic.monotonic() - hit[1] < TTL_SECONDS:
        return hit[2]
    if session is not None:
        calendar = calendar_from(session.get(BakerySettingsRow, 1))
    else:
        with session_scope() as own:
            calendar = calendar_from(own.get(BakerySettingsRow, 1))
    with _lock:
        _cached["calendar"] = (database, monotonic.monotonic(), calendar)
    return calendar


def forget_settings(*_args: object) -> None:
    with _lock:
        _cached.clear()


def ensure_settings(session: Session) -> BakerySettingsRow:
    """The settings row, made from the environment's defaults on first start."""
    row = session.get(BakerySettingsRow, 1)
    if row is None:
        row = _row_from(calendar_from(None))
        session.add(row)
        session.flush()
        slot_bookings.backfill(session, calendar_from(row))  # orders taken before slots were counted
        session.commit()
    return row


def bakery_info(calendar: BakeryCalendar | None = None) -> BakeryInfo:
    calendar = calendar or current_calendar()
    upcoming = calendar.next_closure(bakery.rules().today())
    return BakeryInfo(
        name=calendar.name,
        address=calendar.address,
        phone=calendar.phone,
        timezone=calendar.timezone,
        hours=_hours_out(calendar),
        hours_text=calendar.describe_hours(),
        closures=[ClosureDay(day=c.day, message=c.message) for c in calendar.closures],
        next_closure=ClosureDay(day=upcoming.day, message=upcoming.message) if upcoming else None,
        same_day_cutoff=f"{calendar.same_day_cutoff:%H:%M}" if calendar.same_day_cutoff else None,
        prep_buffer_minutes=calendar.prep_buffer_minutes,
        slot_minutes=calendar.slot_minutes,
        slot_capacity=calendar.slot_capacity,
        category_capacity=dict(calendar.category_capacity),
        online_orders_paused=calendar.online_orders_paused,
        delivery_enabled=calendar.delivery_enabled,
        version=calendar.version,
    )


def update_settings(session: Session, changes: BakerySettingsUpdate, *, by: str) -> BakeryInfo:
    """Apply an admin's changes in one transaction with their event; a refusal changes nothing."""
    row = session.get(BakerySettingsRow, 1) or _row_from(calendar_from(None))
    before = calendar_from(row)
    fields = changes.model_dump(exclude_unset=True, mode="json")
    if "closures" in fields:
        fields["closures"] = _checked_closures(changes.closures or [], before)
    if cleared := [f for f, value in fields.items() if value is None and f not in _MAY_BE_EMPTY]:
        raise SettingRefused(cleared[0], f"{', '.join(cleared)} cannot be empty; leave the field out to keep its value")
    if "hours" in fields:  # the days named are replaced; the others keep their hours ([] closes a day)
        fields["hours"] = {**row.hours, **fields["hours"]}
    for name, value in fields.items():
        setattr(row, name, value)
    after = calendar_from(row)
    if (after.hours, after.slot_minutes) != (before.hours, before.slot_minutes):
        session.add(row)
        session.flush()
        slot_bookings.rebuild(session, after)  # slot starts moved: re-count every booked order on the new grid
    _save(session, row, by)
    return bakery_info(after)


def set_online_orders_paused(session: Session, paused: bool, *, by: str) -> BakeryInfo:
    """The board's switch: customers (storefront, anonymous REST) cannot order while it is on."""
    row = session.get(BakerySettingsRow, 1) or _row_from(calendar_from(None))
    row.online_orders_paused = paused
    _save(session, row, by)
    return bakery_info(calendar_from(row))


def calendar_from(row: BakerySettingsRow | None) -> BakeryCalendar:
    rules = bakery.rules()
    if row is None:
        opens, closes = rules.opens.hour * 60 + rules.opens.minute, rules.closes.hour * 60 + rules.closes.minute
        hours = {d: ((opens, closes),) for d in sorted(rules.open_weekdays)} if opens < closes else {}
        return BakeryCalendar(
            timezone=rules.timezone, hours=hours, max_days_ahead=rules.max_days_ahead, name=_defaults["name"]
        )
    hours = {
        WEEKDAYS.index(day): tuple(sorted(OpeningRange(**r).minutes() for r in ranges))
        for day, ranges in row.hours.items()
        if ranges
    }
    cutoff = minutes_of(row.same_day_cutoff) if row.same_day_cutoff else None
    return BakeryCalendar(
        timezone=rules.timezone,
        hours=hours,
        closures=tuple(
            sorted((Closure(date.fromisoformat(c["day"]), c["message"]) for c in row.closures), key=lambda c: c.day)
        ),
        same_day_cutoff=time(cutoff // 60, cutoff % 60) if cutoff is not None else None,
        prep_buffer_minutes=row.prep_buffer_minutes,
        slot_minutes=row.slot_minutes,
        slot_capacity=row.slot_capacity,
        category_capacity=dict(row.category_capacity),
        max_days_ahead=rules.max_days_ahead,
        online_orders_paused=row.online_orders_paused,
        delivery_enabled=row.delivery_enabled,
        name=row.name,
        address=row.address,
        phone=row.phone,
        version=row.version,
    )


_MAY_BE_EMPTY = {"same_day_cutoff", "slot_capacity"}  # null: no cut-off, no limit


def _checked_closures(closures: list[ClosureDay], before: BakeryCalendar) -> list[dict]:
    """A new closure must lie ahead; one already kept is dropped quietly once its day has passed."""
    today = bakery.rules().today()
    known = {c.day for c in before.closures}
    kept: dict[date, ClosureDay] = {}
    for closure in closures:
        if closure.day < today:
            if closure.day in known:
                continue
            raise SettingRefused("closures", f"The closure on {closure.day:%a %d %b %Y} is in the past")
        kept[closure.day] = closure
    return [{"day": c.day.isoformat(), "message": c.message} for c in sorted(kept.values(), key=lambda c: c.day)]


def _save(session: Session, row: BakerySettingsRow, by: str) -> None:
    now = utcnow()
    if orm_state(row).persistent:
        # Two admins saving at once: compare-and-set on the version, so the later save cannot silently win.
        result = session.execute(
            update(BakerySettingsRow)
            .where(BakerySettingsRow.id == 1, BakerySettingsRow.version == row.version)
            .values(version=row.version + 1)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            session.rollback()
            raise Conflict("The settings were just changed by someone else; reload them and try again")
        row.version += 1
    row.updated_at = now
    session.add(row)
    record_event(session, EventKind.BAKERY_UPDATED, "bakery", BakeryEvent(version=row.version, by=by, at=now))
    session.info[_CHANGED] = True
    session.commit()


def _row_from(calendar: BakeryCalendar) -> BakerySettingsRow:
    return BakerySettingsRow(
        id=1,
        name=calendar.name,
        address=calendar.address,
        phone=calendar.phone,
        hours=_hours_out(calendar, as_json=True),
        closures=[],
        prep_buffer_minutes=calendar.prep_buffer_minutes,
        slot_minutes=calendar.slot_minutes,
        slot_capacity=calendar.slot_capacity,
        category_capacity={},
        version=1,
    )


def _hours_out(calendar: BakeryCalendar, *, as_json: bool = False) -> dict:
    out = {}
    for number, day in enumerate(WEEKDAYS):
        ranges = [OpeningRange(opens=clock(a), closes=clock(b)) for a, b in calendar.hours.get(number, ())]
        out[day] = [r.model_dump() for r in ranges] if as_json else ranges
    return out


@event.listens_for(OrmSession, "after_commit")
def _forget_after_change(session: OrmSession) -> None:
    if session.info.pop(_CHANGED, False):
        forget_settings()


@event.listens_for(OrmSession, "after_rollback")
def _nothing_changed(session: OrmSession) -> None:
    session.info.pop(_CHANGED, None)
