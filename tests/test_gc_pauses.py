"""Freezing survivors keeps collections short; the deep sweep still gives back what closed pages left."""

import gc
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from bakeops_ui import gc_pauses
from bakeops_ui.gc_pauses import deep_sweep


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


def test_enough_closed_pages_bring_the_deep_sweep_forward() -> None:
    with a_closed_page_frozen() as gone:
        for _ in range(gc_pauses.CLOSED_PAGES_PER_SWEEP - 1):
            gc_pauses.page_closed()
        gc_pauses.freeze_or_sweep()
        assert gone() is not None, "too few pages closed yet: only a freeze"

        gc_pauses.page_closed()
        gc_pauses.freeze_or_sweep()

        assert gone() is None
