"""A customer's closed storefront page gives its memory back as it closes, without waiting for a full collection
(which, in `bakeops serve`, walks every object in the process: bakeops_ui/gc_pauses.py)."""

import asyncio
import gc
import weakref

from nicegui.testing import User


async def test_a_closed_storefront_page_leaves_nothing_in_cycles(user: User):
    await user.open("/")
    await user.should_see(marker="product-Baguette")
    first = user.client
    elements = [weakref.ref(element) for element in first.elements.values()]
    assert len(elements) > 20  # the whole page: header, drawer, filter, one element per product card
    gc.collect()
    gc.disable()  # only reference counting frees from here on
    try:
        first.delete()
        del first
        await asyncio.sleep(0.2)  # NiceGUI's outbox loop for the page notices it was stopped and lets go
        # The next visitor's page: the test user lets go of the closed one, and NiceGUI of the last refreshable part
        # it drew (RefreshableTarget.current_target, a class variable).
        await user.open("/")
        await user.should_see(marker="product-Baguette")
        left = sorted(type(ref()).__name__ for ref in elements if ref() is not None)
    finally:
        gc.enable()
    assert left == []
