"""Signed-in staff in the UI: who this browser session belongs to (NiceGUI's signed user storage)."""

from nicegui import app

from services.account_schemas import SignedIn
from services.accounts import Role
from services.models import User


def signed_in() -> SignedIn | None:
    """Who this browser session belongs to, as remembered at sign-in (cheap; no database)."""
    data = app.storage.user
    if "user_id" not in data:
        return None
    return SignedIn(user_id=data["user_id"], email=data["email"], role=Role(data["role"]))


def sign_in(user: User) -> None:
    app.storage.user.update(user_id=user.id, email=user.email, role=user.role)


def sign_out() -> None:
    for key in ("user_id", "email", "role"):
        app.storage.user.pop(key, None)
