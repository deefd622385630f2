"""The one guard of /admin pages: only signed-in staff with the right role see them."""

import functools
import inspect
from collections.abc import Callable
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import ui

from pages.access import sign_in, sign_out, signed_in
from pages.in_thread import in_thread
from pages.layout import frame
from services.account_schemas import SignedIn
from services.accounts import Role, may
from services.database import session_scope
from services.models import User


def staff_page(path: str, role: Role = Role.STAFF, **kwargs) -> Callable:
    """Register an /admin… page that only signed-in staff with `role` (or admins) may open.

    Not signed in: redirect to /login, which brings them back here afterwards. Wrong role: a polite refusal.
    """

    def decorator(builder: Callable) -> Callable:
        signature = inspect.signature(builder)
        wants_request = "request" in signature.parameters

        @functools.wraps(builder)
        async def guarded(*args, **kw):
            request: Request = kw["request"] if wants_request else kw.pop("request")
            who = await _still_allowed(signed_in())
            if who is None:
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse(f"/login?redirect_to={quote(target, safe='')}", status_code=303)
            if not may(who.role, role):
                _not_allowed(role)
                return None
            result = builder(*args, **kw)
            return await result if inspect.isawaitable(result) else result

        parameters = list(signature.parameters.values())
        if not wants_request:
            parameters.append(inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request))
        guarded.__signature__ = signature.replace(parameters=parameters)
        return ui.page(path, **kwargs)(guarded)

    return decorator


async def _still_allowed(who: SignedIn | None) -> SignedIn | None:
    """A switched-off account or a changed role counts from the next page it opens."""
    if who is None:
        return None
    user = await in_thread(_load_user, who.user_id)
    if user is None or not user.active:
        sign_out()
        return None
    if user.role != who.role or user.email != who.email:
        sign_in(user)
    return SignedIn(user_id=user.id, email=user.email, role=Role(user.role))


def _load_user(user_id: int) -> User | None:
    with session_scope() as session:
        return session.get(User, user_id)


def _not_allowed(role: Role) -> None:
    with frame("Not allowed", staff=True):
        ui.label(f"This page needs the {role.value} role.").classes("text-2xl font-semibold").mark("not-allowed")
        ui.label("Ask an admin if you need it.")
        ui.link("Back to the board", "/admin")
