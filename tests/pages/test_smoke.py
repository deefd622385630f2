"""Each page opens."""

from nicegui.testing import User


async def test_storefront_shows_the_catalogue(user: User) -> None:
    await user.open("/")
    await user.should_see("Sourdough Loaf")
    await user.should_see("Sold out")


async def test_staff_pages_open(user: User) -> None:
    for path, text in [("/admin", "Order board"), ("/admin/products", "Products"), ("/admin/bake-list", "Bake list")]:
        await user.open(path)
        await user.should_see(text)


async def test_unknown_tracking_code_gets_a_friendly_page(user: User) -> None:
    await user.open("/track/not-a-real-code")
    await user.should_see("We could not find that order")
