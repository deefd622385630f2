"""Open boards share one board query per change, and no board is answered with what was true before it."""

import asyncio
import threading
from types import SimpleNamespace

import pytest

from pages.shared_query import SharedQuery


async def test_pages_asking_at_once_share_one_query() -> None:
    stock = {"today": ["#1"]}
    shared = SharedQuery(lambda day: list(stock[day]))

    answers = await asyncio.gather(*(shared.get("today") for _ in range(50)))

    assert answers == [["#1"]] * 50
    assert shared.loads == 1
    assert await shared.get("today") == ["#1"] and shared.loads == 1  # no change since: served from memory


async def test_a_page_asking_after_a_change_never_gets_the_older_answer() -> None:
    stock = {"today": ["#1"]}
    release = threading.Event()

    def load(day: str) -> list[str]:
        seen = list(stock[day])
        if seen == ["#1"]:
            release.wait(5)  # the first query is slow: the change lands while it runs
        return seen

    shared = SharedQuery(load)
    before = asyncio.ensure_future(shared.get("today"))
    await asyncio.sleep(0.05)
    stock["today"] = ["#1", "#2"]
    shared.changed()
    after = asyncio.ensure_future(shared.get("today"))
    await asyncio.sleep(0.05)
    release.set()

    assert await before == ["#1"]
    assert await after == ["#1", "#2"]
    assert await shared.get("today") == ["#1", "#2"]
    assert shared.loads == 2


async def test_a_failed_query_is_tried_again_by_the_next_page() -> None:
    calls = []

    def load(day: str) -> list[str]:
        calls.append(day)
        if len(calls) == 1:
            raise ConnectionError("database restarting")
        return ["#1"]

    shared = SharedQuery(load)
    with pytest.raises(ConnectionError):
        await shared.get("today")
    assert await shared.get("today") == ["#1"]


async def test_a_pass_over_the_boards_runs_its_three_queries_at_once(monkeypatch) -> None:
    """Each query waits until all three have started: one after another, the first would wait in vain."""
    from datetime import date

    from pages import board
    from services.board import Window

    everyone_started = threading.Barrier(3, timeout=5)

    def load(_key) -> tuple:
        everyone_started.wait()
        return [], {}

    queries = (board.shared_board, board.shared_glance, board.shared_done)
    for query in queries:
        monkeypatch.setattr(query, "load", load)
        query.reset()

    class Page:  # an open board, as the pass sees it
        client = SimpleNamespace(id="a page whose browser is not connected")

        def key(self) -> tuple:
            return Window.TODAY, date(2026, 12, 2)

        async def reload(self, *, sent: bool) -> None:
            self.seen = [await board.shared_board.get(self.key())] + [
                await query.get(self.key()[1]) for query in queries[1:]
            ]

    pages = [Page(), Page()]
    boards = board.OpenBoards()
    boards.boards = list(pages)
    await boards._refresh_all()

    assert [query.loads for query in queries] == [1, 1, 1]
    assert all(page.seen == [([], {})] * 3 for page in pages)
