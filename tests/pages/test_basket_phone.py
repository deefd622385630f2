"""The basket on a phone: adding says so briefly at the top and shows a bar with the total at the bottom,
and the basket opens from the bar and closes with its own button. (Escape and the back button: tests/e2e.)"""

from nicegui import ui
from nicegui.testing import User
from nicegui.testing.user_notify import UserNotify

from tests.pages.helpers import add_from_card, eventually, only, shows


class Toasts(UserNotify):
    """Keeps where and how long each notification shows, not only its text."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[dict] = []

    def __call__(self, message: str, **kwargs) -> None:
        super().__call__(message, **kwargs)
        self.shown.append({"message": message, **kwargs})


async def test_adding_says_so_briefly_at_the_top_and_the_bar_shows_the_total(user: User) -> None:
    user.notify = toasts = Toasts()
    await user.open("/")
    bar = only(user, "basket-bar", ui.footer)
    assert bar.value is False  # nothing in the basket, no bar

    add_from_card(user, "Cinnamon Bun", 2)

    await eventually(lambda: toasts.shown)
    (toast,) = toasts.shown
    assert toast["message"] == "Added 2 × Cinnamon Bun"
    assert toast["position"] == "top"  # the bottom is the bar's and "Place order"'s
    assert toast["timeout"] <= 2000
    await eventually(lambda: bar.value is True)
    await shows(user, "basket-bar-summary", "2 items · £6.20")
    user.find(marker="more-Cinnamon Bun").click()  # the bar follows the basket
    await shows(user, "basket-bar-summary", "3 items · £9.30")


async def test_the_bar_opens_the_basket_and_its_close_button_closes_it(user: User) -> None:
    await user.open("/")
    add_from_card(user, "Baguette", 1)
    await shows(user, "basket-bar-summary", "1 item · £2.40")
    drawer = only(user, "basket-drawer", ui.right_drawer)
    assert drawer.value is False  # adding leaves a phone on the shelves (wide screens open it in the browser)

    user.find(marker="view-basket").click()
    await eventually(lambda: drawer.value is True)
    user.find(marker="close-basket").click()
    await eventually(lambda: drawer.value is False)
