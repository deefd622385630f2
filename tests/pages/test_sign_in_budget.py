"""/login and POST /auth/token spend one sign-in budget per client: switching door buys no more guesses."""

import asyncio

import pytest
from nicegui.testing import User

from tests.conftest import PASSWORD
from tests.pages.conftest import ADMIN_EMAIL

pytestmark = pytest.mark.signed_out


@pytest.fixture
def page_database(page_database, monkeypatch):
    """The conftest's database, with three sign-in attempts a minute (set before the app starts)."""
    monkeypatch.setenv("BAKEOPS_RATE_LIMIT_LOGINS", "3/minute")
    return page_database


async def test_guesses_through_the_api_count_against_the_login_page(user: User) -> None:
    await user.open("/login")  # starts the app
    for _ in range(2):
        answer = await user.http_client.post("/auth/token", data={"username": ADMIN_EMAIL, "password": "guess-guess"})
        assert answer.status_code == 401
    user.find(marker="login-email").type(ADMIN_EMAIL)
    user.find(marker="login-password").type("another-guess")
    user.find(marker="login-submit").click()
    await user.should_see("Email or password is wrong", retries=50)

    user.find(marker="login-password").type(PASSWORD)
    user.find(marker="login-submit").click()
    await user.should_see("Too many tries", retries=50)


async def test_guesses_on_the_login_page_count_against_the_api(user: User) -> None:
    await user.open("/login")
    for _ in range(3):
        await guess_on_the_page(user, "guess-guess")
    answer = await user.http_client.post("/auth/token", data={"username": ADMIN_EMAIL, "password": PASSWORD})
    assert answer.status_code == 429


async def guess_on_the_page(user: User, password: str) -> None:
    """One wrong guess, answered: the page's message may still be the last guess's, but the page empties the
    password field only once it has counted and checked this one (the API's count is made at once)."""
    user.find(marker="login-email").type(ADMIN_EMAIL)
    field = user.find(marker="login-password")
    field.type(password)
    user.find(marker="login-submit").click()
    await user.should_see("Email or password is wrong", retries=50)
    for _ in range(250):
        if not next(iter(field.elements)).value:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the login page never answered the guess")
