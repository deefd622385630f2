"""Analytics `/admin/analytics`: revenue, products, rush hours and service quality for a period, kept live.

Pages never query per event: order events only mark one process-wide cache stale, and one debounced
recompute per period on show (at most every REFRESH_SECONDS) feeds every open page showing that period.
"""

import asyncio
import math
from collections import Counter

from nicegui import Event, background_tasks, ui

from bakeops_ui import live
from pages.analytics_drawing import draw
from pages.days import parse_day
from pages.guard import staff_page
from pages.layout import frame
from pages.shared_query import SharedQuery
from services import bakery
from services.accounts import Role
from services.analytics import Period, summary
from services.analytics_csv import csv_filename, csv_text
from services.database import session_scope
from services.errors import Invalid
from services.report_schemas import Summary

REFRESH_SECONDS = 2.0
CHOICES = {"today": "Today", "7": "Last 7 days", "30": "Last 30 days", "custom": "Custom range"}


def register() -> None:
    summaries.reset()
    live.order_changed.subscribe(summaries.order_changed)  # one subscriber for the process, not one per page

    @staff_page("/admin/analytics", role=Role.ADMIN)
    async def analytics(period: str = "7", first: str | None = None, last: str | None = None) -> None:
        choice, shown = _asked_for(period, first, last)
        with frame("Analytics", staff=True):
            page = AnalyticsPage(choice, shown)
            summaries.watch(page.period)
            ui.context.client.on_delete(lambda: summaries.unwatch(page.period))
            summaries.updated.subscribe(page.on_updated)
            live.minute_tick.subscribe(page.roll_over)
            # Filled once the page is out: a builder must stay fast whatever the database's size.
            ui.timer(0, page.fill, once=True)


class AnalyticsPage:
    """One open analytics page: the period picker, and the figures of the period it shows, kept live."""

    def __init__(self, choice: str, period: Period) -> None:
        self.choice = choice
        self.period = period
        self.report: Summary | None = None
        with ui.row().classes("w-full items-center justify-between"):
            ui.label("Analytics").classes("text-3xl font-semibold")
            with ui.row().classes("items-center gap-2"):
                toggle = ui.toggle(CHOICES, value=choice).props("no-caps").mark("period")
                with ui.row().classes("items-center gap-2").bind_visibility_from(toggle, "value", value="custom"):
                    self.first_input = ui.input("From", value=period.first_day.isoformat())
                    self.last_input = ui.input("To", value=period.last_day.isoformat())
                for day_input in (self.first_input, self.last_input):
                    day_input.props("type=date outlined dense").on_value_change(self.pick_range)
        self.caption = ui.label().classes("opacity-70").mark("period-caption")
        self.figures()
        toggle.on_value_change(lambda e: self.choose(e.value))

    @ui.refreshable_method
    def figures(self) -> None:
        report = self.report
        if report is None:
            ui.spinner(size="lg")
            return
        self.caption.text = (
            f"Orders placed {report.first_day:%a %d %b %Y} – {report.last_day:%a %d %b %Y}, times in {report.timezone}"
        )
        draw(report, self.download)

    def show(self, report: Summary) -> None:
        self.report = report
        self.figures.refresh()

    async def fill(self) -> None:
        self.show(await summaries.get(self.period))

    async def switch(self, new: Period | None) -> None:
        if new is None or new == self.period:
            return
        summaries.unwatch(self.period)
        self.period = new
        summaries.watch(new)
        self.show(await summaries.get(new))

    async def choose(self, value: str) -> None:
        self.choice = value
        if value != "custom":
            await self.switch(_period(value))
        else:
            await self.pick_range()

    async def pick_range(self) -> None:
        try:
            await self.switch(_period("custom", self.first_input.value, self.last_input.value))
        except Invalid as error:
            ui.notify(error.detail, type="warning")

    def on_updated(self, updated: Period, report: Summary) -> None:
        if updated == self.period:
            self.show(report)

    async def roll_over(self) -> None:
        # "Today" and "last N days" move on at midnight even on a page left open.
        if self.choice != "custom":
            await self.switch(_period(self.choice))

    def download(self, figure: str) -> None:
        if self.report is not None:
            # Bytes, not str: the test user would take a str for a URL.
            ui.download.content(csv_text(self.report, figure).encode(), csv_filename(self.report, figure), "text/csv")


class SharedSummaries:
    """One summary per period for the whole process, recomputed at most every `interval` seconds on changes."""

    def __init__(self, interval: float = REFRESH_SECONDS) -> None:
        self.interval = interval
        self.updated: Event[[Period, Summary]] = Event()  # a fresher summary for a period that some page shows
        self.query: SharedQuery[Period, Summary] = SharedQuery(_compute)  # concurrent callers share one query
        self.reset()

    def reset(self) -> None:
        self.updated.callbacks.clear()
        self.query.reset()
        self._watchers: Counter[Period] = Counter()
        self._push_due = False
        self._last_push = -math.inf

    @property
    def loads(self) -> int:
        """Queries run, for tests and curiosity."""
        return self.query.loads

    def watch(self, period: Period) -> None:
        self._watchers[period] += 1

    def unwatch(self, period: Period) -> None:
        self._watchers[period] -= 1
        if self._watchers[period] <= 0:
            del self._watchers[period]

    async def get(self, period: Period) -> Summary:
        """The cached summary unless an order changed since."""
        return await self.query.get(period)

    def order_changed(self) -> None:
        """Called once per order event: mark everything stale and push fresh figures, debounced."""
        self.query.changed()
        if self._push_due:
            return
        self._push_due = True
        loop = asyncio.get_running_loop()
        background_tasks.create(self._push(max(0.0, self._last_push + self.interval - loop.time())), name="analytics")

    async def _push(self, delay: float) -> None:
        await asyncio.sleep(delay)
        self._push_due = False
        self._last_push = asyncio.get_running_loop().time()
        for period in list(self._watchers):
            self.updated.emit(period, await self.get(period))


def _compute(period: Period) -> Summary:
    with session_scope() as session:
        return summary(session, period)


summaries = SharedSummaries()


def _asked_for(period: str, first: str | None, last: str | None) -> tuple[str, Period]:
    """The choice and period the address asks for; the last 7 days when it asks for none that can be shown."""
    choice = period if period in CHOICES else "7"
    try:
        shown = _period(choice, first, last)
    except Invalid as error:
        shown = None
        ui.notify(error.detail, type="warning")
    if shown is None:
        return "7", Period.ending(bakery.rules().today(), 7)
    return choice, shown


def _period(choice: str, first: str | None = None, last: str | None = None) -> Period | None:
    today = bakery.rules().today()
    if choice == "today":
        return Period(today, today)
    if choice in ("7", "30"):
        return Period.ending(today, int(choice))
    first_day, last_day = parse_day(first), parse_day(last)
    return Period(first_day, last_day) if first_day and last_day else None
