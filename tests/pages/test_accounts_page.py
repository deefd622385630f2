"""The staff accounts page shows each refusal under the field it is about."""

from nicegui.testing import User

from services import accounts
from services.accounts import Role
from services.database import session_scope
from tests.conftest import PASSWORD
from tests.pages.helpers import eventually, field_error


async def add_someone(user: User, email: str, password: str) -> None:
    await user.open("/admin/users")
    user.find(marker="new-user-email").type(email)
    user.find(marker="new-user-password").type(password)
    user.find(marker="add-user-button").click()


async def test_a_taken_email_is_shown_under_the_email_even_when_it_says_password(user: User) -> None:
    with session_scope() as session:
        accounts.create_user(session, "password@bakery.test", Role.STAFF, PASSWORD)
    await add_someone(user, "password@bakery.test", PASSWORD)
    await eventually(lambda: field_error(user, "new-user-email") is not None)
    assert field_error(user, "new-user-email") == "There is already an account for password@bakery.test"
    assert field_error(user, "new-user-password") is None


async def test_a_short_password_is_shown_under_the_password(user: User) -> None:
    await add_someone(user, "kim@bakery.test", "short")
    await eventually(lambda: field_error(user, "new-user-password") is not None)
    assert field_error(user, "new-user-password") == "Passwords need at least 10 characters"
    assert field_error(user, "new-user-email") is None


async def test_an_email_that_is_no_address_is_shown_under_the_email(user: User) -> None:
    await add_someone(user, "kim at the bakery", PASSWORD)
    await eventually(lambda: field_error(user, "new-user-email") is not None)
    assert field_error(user, "new-user-email") == "Use an email address such as sam@your-bakery.com to sign in"
    assert field_error(user, "new-user-password") is None
