"""Blocking work (the database, a PDF) run off the event loop, in NiceGUI's thread pool.

NiceGUI 3's `run.io_bound` answers None when the app is stopping, so a page that awaited a sheet or an order
went on with None and logged an AttributeError at every shutdown; a lookup that found nothing looked the same.
This raises CancelledError instead (what NiceGUI 4 will do), which ends the handler quietly.
"""

import asyncio
from collections.abc import Callable
from functools import partial
from typing import ParamSpec, TypeVar

from nicegui import core, run

P = ParamSpec("P")
R = TypeVar("R")


async def in_thread(work: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    if core.app.is_stopping:
        raise asyncio.CancelledError("the app is stopping")
    try:
        # run.thread_pool, read at each call: NiceGUI replaces the pool when it resets.
        return await asyncio.get_running_loop().run_in_executor(run.thread_pool, partial(work, *args, **kwargs))
    except RuntimeError as error:
        if "cannot schedule new futures after shutdown" not in str(error):
            raise
        raise asyncio.CancelledError("the app is stopping") from error
