"""Freezing survivors keeps collections short; the deep sweep still gives back what closed pages left."""

import gc
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from bakeops_ui import gc_pauses
from bakeops_ui.gc_pauses import deep_sweep


@pytest.fixture(autouse=True)
def nothing_counted_yet() -> Iterator[None]:
    gc_pauses._left_in_cycles[0] = 0
    gc_pauses._closing.clear()
    yield
    gc_pauses._closing.clear()


class Element:
    """Stands in for a NiceGUI element: it and its parent point at each other, so only the collector frees them."""


@contextmanager
def a_closed_page_frozen() -> Iterator[weakref.ref]:
    """A card and its column, frozen while alive and then let go (the page closed); yields a weak ref to the card."""
    card, column = Element(), Element()
    card.parent, column.child = column, card
    gone = weakref.ref(card)
    gc.freeze()
    del card, column
    try:
        yield gone
    finally:
        gc.unfreeze()  # leave the test process as it was


def test_a_deep_sweep_reclaims_cycles_that_freezing_kept() -> None:
    with a_closed_page_frozen() as gone:
        gc.collect()
        assert gone() is not None, "a frozen cycle survives ordinary collections: that is what keeps them short"

        deep_sweep()

        assert gone() is None
        assert gc.get_freeze_count() > 0, "survivors are frozen again after the sweep"


class Page:
    """Stands in for a closed NiceGUI page: what NiceGUI hands the delete handler, its elements still there."""

    def __init__(self, *elements: Element) -> None:
        self.elements = {number: element for number, element in enumerate(elements)}


def close_pages_left_in_cycles(count: int, keep: list) -> None:
    """`count` pages close and a second passes; their elements stay alive (in `keep`), as if left in cycles."""
    for _ in range(count):
        element = Element()
        keep.append(element)
        gc_pauses.page_closed(Page(element))
    gc_pauses.count_pages_left_in_cycles(time.monotonic() + gc_pauses.LEFT_IN_CYCLES_AFTER_S)


def test_enough_pages_left_in_cycles_bring_the_deep_sweep_forward() -> None:
    kept: list[Element] = []
    with a_closed_page_frozen() as gone:
        close_pages_left_in_cycles(gc_pauses.CLOSED_PAGES_PER_SWEEP - 1, kept)
        gc_pauses.freeze_or_sweep()
        assert gone() is not None, "too few pages left in cycles yet: only a freeze"

        close_pages_left_in_cycles(1, kept)
        gc_pauses.freeze_or_sweep()

        assert gone() is None


def test_pages_freed_as_they_closed_bring_no_sweep() -> None:
    with a_closed_page_frozen() as gone:
        for _ in range(gc_pauses.CLOSED_PAGES_PER_SWEEP * 2):
            gc_pauses.page_closed(Page(Element()))  # nothing else holds its element: freed at once
        gc_pauses.count_pages_left_in_cycles(time.monotonic() + gc_pauses.LEFT_IN_CYCLES_AFTER_S)
        gc_pauses.freeze_or_sweep()

        assert gone() is not None, "no page was left in cycles: no walk over the whole process"


def test_a_page_is_judged_only_once_its_second_has_passed() -> None:
    kept: list[Element] = []
    with a_closed_page_frozen():
        for _ in range(gc_pauses.CLOSED_PAGES_PER_SWEEP):
            kept.append(Element())
            gc_pauses.page_closed(Page(kept[-1]))
        gc_pauses.count_pages_left_in_cycles(time.monotonic())  # just closed: NiceGUI may still be removing them
        assert gc_pauses._left_in_cycles[0] == 0
        kept.clear()  # then freed in time
        gc_pauses.count_pages_left_in_cycles(time.monotonic() + gc_pauses.LEFT_IN_CYCLES_AFTER_S)
        assert gc_pauses._left_in_cycles[0] == 0
