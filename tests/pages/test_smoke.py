"""Each page opens and shows its own content, not just the shared header (whose links name every page)."""

import pytest
from nicegui.testing import User

from tests.pages.conftest import ADMIN_EMAIL


async def test_storefront_shows_the_catalogue(user: User) -> None:
    await user.open("/")
    await user.should_see(marker="product-Sourdough Loaf")
    await user.should_see(marker="add-Sourdough Loaf")
    await user.should_see(marker="cart-empty")


@pytest.mark.parametrize(
    "path, markers",
    [
        ("/admin", ["window", "board-columns", "board-search"]),
        ("/admin/products", ["add-product", "row-Sourdough Loaf", "sold-out-Sourdough Loaf"]),
        ("/admin/bake-list", ["bake-day", "bake-list-empty"]),
        ("/admin/analytics", ["period", "period-caption", "revenue", "daily-chart"]),
        ("/admin/users", ["add-user", f"user-{ADMIN_EMAIL}"]),
    ],
)
async def test_staff_pages_open(user: User, path: str, markers: list[str]) -> None:
    await user.open(path)
    for marker in markers:
        await user.should_see(marker=marker)


async def test_unknown_tracking_code_gets_a_friendly_page(user: User) -> None:
    await user.open("/track/not-a-real-code")
    await user.should_see(marker="unknown-order")
    await user.should_see("No order has the code “not-a-real-code”")
