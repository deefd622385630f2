"""NiceGUI's handler check, kept per function: the same answer as NiceGUI's own for every kind of handler."""

import functools
import inspect

import pytest
from nicegui import helpers, ui

from bakeops_ui import handler_signatures
from bakeops_ui.handler_signatures import check_handlers_once, expects_arguments


class Card:
    def on_change(self, event): ...

    def refresh(self): ...

    def __call__(self, event): ...


def takes_event(event): ...


def takes_nothing(): ...


def with_default(event=None): ...


def only_star(*args, **kwargs): ...


def wrapped(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def with_signature():
    def anything(*args): ...

    anything.__signature__ = inspect.Signature([inspect.Parameter("e", inspect.Parameter.POSITIONAL_ONLY)])
    return anything


HANDLERS = [
    takes_event,
    takes_nothing,
    with_default,
    only_star,
    lambda: None,
    lambda e: None,
    Card().on_change,
    Card().refresh,
    Card(),
    functools.partial(takes_event, 1),
    wrapped(takes_event),
    wrapped(takes_nothing),
    with_signature(),
    print,
]


@pytest.mark.parametrize("handler", HANDLERS)
def test_same_answer_as_nicegui_twice(handler):
    expected = handler_signatures._slow_check(handler)
    assert expects_arguments(handler) == expected
    assert expects_arguments(handler) == expected  # the second answer may come from what was kept


def test_lambdas_from_one_line_with_and_without_defaults_are_told_apart():
    made = [lambda e=None: None, lambda e: None]
    assert [expects_arguments(f) for f in made] == [False, True]


def test_a_function_and_its_bound_method_are_told_apart():
    def one(self): ...

    assert expects_arguments(one) is True
    assert expects_arguments(one.__get__(Card())) is False


def test_elements_use_the_kept_answer(loose_page):
    check_handlers_once()
    assert helpers.expects_arguments is expects_arguments
    calls = []
    handler_signatures._known.clear()
    original = handler_signatures._slow_check
    handler_signatures._slow_check = lambda f: calls.append(f) or original(f)
    try:
        with ui.element():
            for _ in range(5):
                ui.label("x")
    finally:
        handler_signatures._slow_check = original
    assert len(calls) <= 3  # props, classes and style: asked once each, not once per label
