"""The basket's small parts drawn in the browser, each one NiceGUI element where it was three or four: the
storefront's heading with the basket button, the phone's basket bar and the drawer's heading. Every visitor's page
builds, holds and deletes each element it has, so these few are counted (bench.storefront)."""

from nicegui import ui


class BasketBar(ui.element, component="basket_bar.js"):
    """The phone's basket bar (basket_bar.js): what is in the basket, and the way in. `text` is its summary."""

    def __init__(self) -> None:
        super().__init__()
        self._props["summary"] = ""

    @property
    def text(self) -> str:
        return self._props["summary"]

    @text.setter
    def text(self, summary: str) -> None:
        self._props["summary"] = summary

    def _displayed_contents(self, *, only_visible: bool) -> list:
        return [self.text, "View basket"]


class BasketButton(ui.element, component="basket_button.js"):
    """The storefront's heading with the basket button and its count (basket_button.js); it emits "open"."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self._props.update(title=title, count=0, label="Basket, 0 items")

    def _displayed_contents(self, *, only_visible: bool) -> list:
        return [self._props["title"], str(self._props["count"])]


class BasketHeading(ui.element, component="basket_heading.js"):
    """ "Your basket" with the drawer's close button (basket_heading.js); a click is the button's."""

    def _displayed_contents(self, *, only_visible: bool) -> list:
        return ["Your basket"]
