"""A closed page freed as it closes, by reference counting, instead of waiting for a full garbage collection.

`bakeops serve` freezes what survives (bakeops_ui/gc_pauses.py), so a closed page left in reference cycles waits
for a deep sweep that walks every object in the process: ~600 ms per 100 closed storefront pages, 16 % of serve's
CPU under a rush of visitors (py-spy, bench.storefront). Saving the garbage of such a sweep showed what each
closed storefront page left in cycles, ~3,200 objects, and where they came from:

- every element's props, classes and style: each observable keeps its own `_update` as its change handler, a
  cycle of four objects per observable, three observables per element. A removed element drops them here.
- `ast.literal_eval`, which NiceGUI's `.props("...")` runs for each quoted value: every call leaves its nested,
  self-referring helper functions in a cycle (~64 calls per storefront page). The same props text always means
  the same props, so a text is parsed once (and its parsing's CPU saved too); a parse holding a list or dict,
  which an element might change in place, is parsed afresh every time as before.
"""

from nicegui import Client
from nicegui.props import Props

_parse_props = Props.parse
_remove_elements = Client.remove_elements
_IMMUTABLE = (str, bool, int, float, type(None))
_parsed: dict[str, dict] = {}
KEPT_PROPS_TEXTS = 4096  # distinct props texts a server's pages use; ones built from data stop being kept there


def parse_props(text: str | None) -> dict:
    if not text:
        return {}
    props = _parsed.get(text)
    if props is None:
        props = _parse_props(text)
        if len(_parsed) >= KEPT_PROPS_TEXTS or not all(isinstance(v, _IMMUTABLE) for v in props.values()):
            return props
        _parsed[text] = props
    return dict(props)  # the caller's own: NiceGUI fills it in for the element


def remove_elements(client: Client, elements) -> None:
    removed = list(elements)
    _remove_elements(client, removed)
    for element in removed:
        # A removed element's changes go nowhere; without its handlers each observable is free of its cycle.
        for observed in (element._props, element._classes, element._style):
            observed._change_handlers.clear()


def free_pages_as_they_close() -> None:
    Props.parse = staticmethod(parse_props)
    Client.remove_elements = remove_elements
