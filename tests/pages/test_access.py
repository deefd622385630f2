"""Staff pages need a signed-in account with the right role; /login brings people back where they were."""

import pytest
from nicegui.testing import User

from services import accounts
from services.accounts import Role
from services.database import session_scope
from tests.conftest import PASSWORD
from tests.pages.conftest import sign_in

signed_out = pytest.mark.signed_out


def make_account(email: str, role: Role) -> None:
    with session_scope() as session:
        accounts.create_user(session, email, role, PASSWORD)


@signed_out
@pytest.mark.parametrize("path", ["/admin", "/admin/products", "/admin/bake-list", "/admin/users"])
async def test_every_staff_page_sends_a_stranger_to_the_sign_in(user: User, path: str) -> None:
    await user.open(path)
    await user.should_see(marker="login-form")
    await user.should_not_see("Order board")


@signed_out
async def test_after_signing_in_the_board_opens_where_they_asked(user: User) -> None:
    await user.open("/admin/bake-list?day=2026-12-24")
    await user.should_see(marker="login-form")
    user.find(marker="login-email").type("olive@bakery.test")
    user.find(marker="login-password").type(PASSWORD)
    user.find(marker="login-submit").click()
    await user.should_see("Bake list for Thursday 24 December 2026", retries=50)


@signed_out
@pytest.mark.parametrize(
    "email, password",
    [("olive@bakery.test", "not-the-password"), ("nobody@bakery.test", PASSWORD)],
    ids=["wrong-password", "unknown"],
)
async def test_a_failed_sign_in_gets_one_generic_message(user: User, email: str, password: str) -> None:
    await user.open("/login")
    user.find(marker="login-email").type(email)
    user.find(marker="login-password").type(password)
    user.find(marker="login-submit").click()
    await user.should_see("Email or password is wrong", retries=50)
    await user.open("/admin")
    await user.should_see(marker="login-form")


@signed_out
async def test_staff_run_the_board_but_cannot_open_accounts(user: User) -> None:
    await user.open("/login")  # starts the app so the account can be made
    make_account("sam@bakery.test", Role.STAFF)
    await sign_in(user, "sam@bakery.test")
    await user.open("/admin")
    await user.should_see("Order board")
    await user.should_see("sam@bakery.test")
    await user.open("/admin/users")  # the products page is theirs too, for sold out (test_products_for_staff.py)
    await user.should_see(marker="not-allowed")


async def test_signing_out_locks_the_staff_pages_again(user: User) -> None:
    await user.open("/admin")
    await user.should_see("Order board")
    user.find(marker="sign-out").click()
    await user.should_see(marker="login-form")
    await user.open("/admin")
    await user.should_see(marker="login-form")


async def test_an_admin_adds_staff_who_can_then_sign_in_until_switched_off(user: User) -> None:
    await user.open("/admin/users")
    user.find(marker="new-user-email").type("kim@bakery.test")
    user.find(marker="new-user-password").type("short")
    user.find(marker="add-user-button").click()
    await user.should_see("Passwords need at least 10 characters")

    user.find(marker="new-user-password").clear().type(PASSWORD)
    user.find(marker="add-user-button").click()
    await user.should_see(marker="user-kim@bakery.test")

    with session_scope() as session:
        kim = accounts.find_user(session, "kim@bakery.test")
        assert (kim.role, kim.active) == ("staff", True)
        accounts.update_user(session, kim, active=False)
    user.find(marker="sign-out").click()
    await user.should_see(marker="login-form")
    await sign_in(user, "kim@bakery.test", succeeds=False)


@signed_out
async def test_the_full_web_app_guards_every_route_off_the_public_list(user: User) -> None:
    """The same walk as tests/api/test_access.py, over `bakeops serve`'s whole app (REST + /metrics + /live)."""
    from nicegui import Client, app

    from tests.api.test_access import PUBLIC, api_routes

    await user.open("/login")
    pages = set(Client.page_routes.values())
    routes = [*api_routes(app.routes), *api_routes(app.state.rest_api.routes)]  # pages, and the REST fast lane
    guarded = [
        (method, path)
        for path, route in routes
        for method in route.methods
        if (method, path) not in PUBLIC and path not in pages and not path.startswith("/_nicegui")
    ]
    assert {("GET", "/metrics"), ("GET", "/live/stats"), ("PUT", "/order/{order_id}/status")} <= set(guarded)
    for method, path in guarded:
        answer = await user.http_client.request(
            method, path.replace("{order_id}", "x").replace("{product_id}", "1").replace("{user_id}", "1"), json={}
        )
        assert answer.status_code == 401, (method, path, answer.status_code)
