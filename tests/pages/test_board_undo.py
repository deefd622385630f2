"""The board's undo acts on the version its card shows: a double click on undo reverts one move, not two."""

import pytest
from nicegui.testing import User

from services.order_status import OrderStatus
from tests.pages.helpers import column_of, eventually, place, press, staff

pytestmark = pytest.mark.usefixtures("bakery_open_all_day")  # orders without a pickup time are due today


async def test_a_double_click_on_undo_reverts_one_move(user: User, products) -> None:
    order = place(products, {"Baguette": 1})
    await user.open("/admin")
    await user.should_see(marker="ticket-1")
    press(user, 1, "advance")
    await eventually(lambda: column_of(user, 1) == "In Progress")
    press(user, 1, "advance")
    await eventually(lambda: column_of(user, 1) == "Ready")

    press(user, 1, "undo")
    press(user, 1, "undo")  # the second click of a double click, before the board has redrawn

    await user.should_see("just changed by someone else")
    await eventually(lambda: column_of(user, 1) == "In Progress")
    view = staff(order.public_id)
    assert view.status == OrderStatus.IN_PROGRESS
    assert [h.undo for h in view.history].count(True) == 1
