"""Pages run blocking work in a thread; a stopping app ends the handler instead of handing it None."""

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from nicegui import core, run

from pages.in_thread import in_thread


async def test_the_work_runs_off_the_event_loop_and_its_answer_comes_back_as_it_is():
    loop_thread = threading.get_ident()

    assert await in_thread(lambda: threading.get_ident()) != loop_thread
    assert await in_thread(dict, flour=500) == {"flour": 500}
    assert await in_thread(lambda: None) is None  # "found nothing" stays distinct from "stopping"


async def test_a_stopping_app_cancels_the_page_handler_and_runs_nothing(monkeypatch):
    ran = []
    monkeypatch.setattr(type(core.app), "is_stopping", property(lambda app: True))

    with pytest.raises(asyncio.CancelledError):
        await in_thread(ran.append, "sheet")
    assert ran == []


async def test_a_thread_pool_already_shut_down_cancels_too(monkeypatch):
    closed = ThreadPoolExecutor()
    closed.shutdown()
    monkeypatch.setattr(run, "thread_pool", closed)

    with pytest.raises(asyncio.CancelledError):
        await in_thread(print, "never")
