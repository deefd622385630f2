"""After signing in, /login follows `redirect_to` only to a path on this site, however the address is
disguised (browsers drop tabs and line breaks from a URL, so `/\t/evil.example/` means `//evil.example/`)."""

from urllib.parse import quote

import pytest
from nicegui.testing import User

from tests.conftest import PASSWORD

ELSEWHERE = {
    "tab": "/\t/evil.example/",
    "line-feed": "/\n/evil.example/",
    "carriage-return": "/\r/evil.example/",
    "tab-first": "\t//evil.example/",
    "two-slashes": "//evil.example/",
    "backslash": "/\\evil.example/",
    "full-address": "https://evil.example/",
    "space-first": " //evil.example/",
}


def login_address(target: str) -> str:
    return f"/login?redirect_to={quote(target, safe='')}"


@pytest.mark.signed_out
@pytest.mark.parametrize("target", ELSEWHERE.values(), ids=ELSEWHERE.keys())
async def test_signing_in_never_leaves_the_site(user: User, target: str) -> None:
    await user.open(login_address(target))
    user.find(marker="login-email").type("olive@bakery.test")
    user.find(marker="login-password").type(PASSWORD)
    user.find(marker="login-submit").click()

    await user.should_see("Order board", retries=50)
    assert user.back_history[-1] == "/admin"


@pytest.mark.parametrize("target", ELSEWHERE.values(), ids=ELSEWHERE.keys())
async def test_a_signed_in_visit_to_login_never_leaves_the_site(user: User, target: str) -> None:
    await user.open(login_address(target))

    await user.should_see("Order board", retries=50)
    assert user.back_history[-1] == "/admin"


async def test_a_path_on_this_site_is_followed(user: User) -> None:
    await user.open(login_address("/admin/bake-list?day=2026-12-24"))

    await user.should_see("Bake list for Thursday 24 December 2026", retries=50)
