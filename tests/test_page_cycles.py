"""Closed pages freed by reference counting: NiceGUI's props text parsed once, removed elements' handlers dropped."""

import gc
import weakref
from collections.abc import Iterator

import pytest
from nicegui import ui

from bakeops_ui import page_cycles
from bakeops_ui.page_cycles import free_pages_as_they_close, parse_props

TEXTS = [
    "",
    None,
    "dense outlined",
    'color=primary aria-label="Basket, 0 items"',
    "width=380 bordered",
    "maxlength=40 counter",
    "label='it''s' flat",
    'error error-message="Use a whole number"',
    ":options=[1,2,3] dense",
    ':style={"a": 1}',
    "rounded=false size=-1",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_props_as_nicegui(text):
    assert parse_props(text) == page_cycles._parse_props(text)
    assert parse_props(text) == page_cycles._parse_props(text)  # and again, from what was kept


def test_each_caller_gets_its_own_props():
    first = parse_props("dense outlined")
    first["dense"] = False
    assert parse_props("dense outlined") == {"dense": True, "outlined": True}


def test_a_list_in_the_props_is_never_shared_between_elements():
    first, second = parse_props(":options=[1,2]"), parse_props(":options=[1,2]")
    first[":options"].append(3)
    assert second[":options"] == [1, 2]


@pytest.fixture
def no_automatic_collection() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_a_removed_elements_props_classes_and_style_are_freed_without_a_collection(no_automatic_collection, loose_page):
    free_pages_as_they_close()
    with ui.element() as column:
        label = ui.label("Croissant").classes("text-lg").style("color: red").props("dense")
    observed = [weakref.ref(label._props), weakref.ref(label._classes), weakref.ref(label._style)]
    column.remove(label)
    del label
    assert [ref() for ref in observed] == [None, None, None]
