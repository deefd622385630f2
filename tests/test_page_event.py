"""PageEvent forgets callbacks as NiceGUI's Event does, only quicker: every subscription of a callback goes."""

from dataclasses import dataclass

from nicegui import Event

from bakeops_ui.page_event import PageEvent


@dataclass
class Page:  # a dataclass with eq=True: its methods cannot be hashed
    heard: list

    def hear(self, value) -> None:
        self.heard.append(("page", value))


def subscribed(event: Event, heard: list) -> dict:
    once, page = (lambda value: heard.append(("once", value))), Page(heard)

    def twice(value) -> None:
        heard.append(("twice", value))

    callbacks = {"once": once, "twice": twice, "page": page.hear}
    event.subscribe(once)
    event.subscribe(twice)
    event.subscribe(page.hear)
    event.subscribe(twice)
    return callbacks


def test_unsubscribing_leaves_what_nicegui_would_leave() -> None:
    for gone in (["once"], ["twice"], ["page"], ["once", "twice", "page"], ["twice", "twice"], ["never"]):
        results = []
        for event in (Event(), PageEvent()):
            heard: list = []
            callbacks = subscribed(event, heard) | {"never": lambda value: None}
            for name in gone:
                event.unsubscribe(callbacks[name])
            for callback in list(event.callbacks):
                callback.func(1)  # what an emit would run, without NiceGUI's loop
            results.append(heard)
        assert results[0] == results[1], gone
        assert not any(name == dropped for name, _ in results[1] for dropped in gone)


def test_a_callback_subscribed_again_after_unsubscribing_is_heard_and_can_go_again() -> None:
    event, heard = PageEvent(), []
    callbacks = subscribed(event, heard)
    event.unsubscribe(callbacks["once"])
    event.subscribe(callbacks["once"])
    assert [c.func for c in event.callbacks].count(callbacks["once"]) == 1
    event.unsubscribe(callbacks["once"])
    assert callbacks["once"] not in [c.func for c in event.callbacks]
    event.callbacks.clear()
    assert not event.callbacks and not event.callbacks.added
