"""Freezing survivors keeps collections short; the deep sweep still gives back what closed pages left."""

import gc
import weakref

from bakeops_ui import gc_pauses
from bakeops_ui.gc_pauses import deep_sweep


class Element:
    """Stands in for a NiceGUI element: it and its parent point at each other, so only the collector frees them."""


def test_a_deep_sweep_reclaims_cycles_that_freezing_kept() -> None:
    card, column = Element(), Element()
    card.parent, column.child = column, card
    gone = weakref.ref(card)
    try:
        gc.freeze()
        del card, column  # the page closed
        gc.collect()
        assert gone() is not None, "a frozen cycle survives ordinary collections: that is what keeps them short"

        deep_sweep()

        assert gone() is None
        assert gc.get_freeze_count() > 0, "survivors are frozen again after the sweep"
    finally:
        gc.unfreeze()


def test_enough_closed_pages_bring_the_deep_sweep_forward() -> None:
    card, column = Element(), Element()
    card.parent, column.child = column, card
    gone = weakref.ref(card)
    try:
        gc.freeze()
        del card, column
        for _ in range(gc_pauses.CLOSED_PAGES_PER_SWEEP - 1):
            gc_pauses.page_closed()
        gc_pauses.freeze_or_sweep()
        assert gone() is not None, "too few pages closed yet: only a freeze"

        gc_pauses.page_closed()
        gc_pauses.freeze_or_sweep()

        assert gone() is None
    finally:
        gc.unfreeze()
