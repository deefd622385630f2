"""The board's day tabs and its new-order notice.

Each tab (Today, Tomorrow, Upcoming) shows how many open orders it holds and a dot when an order arrived there
unseen. Every new order raises a notice naming its day, and a chime, whichever tab is shown: after closing
time every web order is for tomorrow, and a baker watching Today must still hear it arrive.
"""

from collections import Counter
from datetime import date, timedelta

from nicegui import ui

from pages.shared_query import SharedQuery
from services.board import OpenOrder, Window, open_orders, windows_of
from services.database import session_scope

CHIME = """
(() => { try {
  const ctx = new (window.AudioContext || window.webkitAudioContext)();
  [0, 0.18].forEach((t, i) => { const o = ctx.createOscillator(), g = ctx.createGain();
    o.frequency.value = i ? 1320 : 880; g.gain.value = 0.15; o.connect(g); g.connect(ctx.destination);
    o.start(ctx.currentTime + t); o.stop(ctx.currentTime + t + 0.15); });
} catch (e) {} })();
"""
NEW_MARK = " ●"


class DayTabs:
    """One board's tabs: counts per window, the unseen marks, and which orders it has already announced."""

    def __init__(self) -> None:
        self.window = Window.TODAY
        self.known: frozenset[str] | None = None  # None: nothing seen yet, so nothing is "new"
        self.unseen: set[Window] = set()
        self.counts: Counter[Window] = Counter()
        self.toggle = ui.toggle(self._labels(), value=self.window).mark("window")

    def pick(self, window: Window) -> None:
        self.window = window
        self.unseen.discard(window)  # looked at: no longer unseen
        self._draw()

    def show(self, glance: list[OpenOrder], today: date) -> None:
        """Count the windows and announce the orders this board has not seen before."""
        self.counts, ids = counted(glance, today)
        if self.known is not None and (arrived := ids - self.known):
            new = [o for o in glance if o.order_id in arrived]
            for order in new:
                windows = windows_of(order.due_day, today)
                if self.window not in windows:  # shown where the baker is looking: seen already
                    self.unseen.update(windows)
            with self.toggle:  # this page's context: the pass over every open board runs outside any
                for order in new:
                    ui.notify(
                        f"New order #{order.ticket_number} for {day_name(order.due_day, today)}",
                        type="info",
                        position="top-right",
                    )
                ui.run_javascript(CHIME)
        self.known = ids
        self._draw()

    def _labels(self) -> dict[Window, str]:
        return {w: f"{w.value.title()} · {self.counts[w]}{NEW_MARK if w in self.unseen else ''}" for w in Window}

    def _draw(self) -> None:
        labels = self._labels()
        if labels != self.toggle.options:  # an event that changes no count sends nothing
            self.toggle.set_options(labels, value=self.window)


_last_count: list = [None, None, None]  # the glance, its day, (its counts, its order ids)


def counted(glance: list[OpenOrder], today: date) -> tuple[Counter[Window], frozenset[str]]:
    """Orders per window and the ids of all, worked out once for every open board shown the same glance
    (read-only: every board holds the same ones)."""
    if _last_count[0] is glance and _last_count[1] == today:
        return _last_count[2]
    counts = Counter(w for order in glance for w in windows_of(order.due_day, today))
    answer = (counts, frozenset(order.order_id for order in glance))
    _last_count[:] = [glance, today, answer]
    return answer


def day_name(day: date, today: date) -> str:
    if day <= today:
        return "today"
    if day == today + timedelta(days=1):
        return f"tomorrow ({day:%a %d %b})"
    return f"{day:%a %d %b}"


def _load(today: date) -> list[OpenOrder]:
    with session_scope() as session:
        return open_orders(session)


shared_glance: SharedQuery[date, list[OpenOrder]] = SharedQuery(_load)  # keyed by the day: counts turn at midnight
