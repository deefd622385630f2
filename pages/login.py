"""/login and signing out: staff sign in with email and password; wrong details get one generic message."""

from urllib.parse import urlsplit

from nicegui import ui
from starlette.requests import Request

from pages.access import sign_in, signed_in
from pages.in_thread import in_thread
from pages.layout import frame
from pages.shop import shop
from services import accounts
from services.database import session_scope
from services.models import User

WRONG = "Email or password is wrong"


def register() -> None:
    @ui.page("/login")
    async def login(request: Request, redirect_to: str = "/admin") -> None:
        target = _safe_target(redirect_to)
        if signed_in() is not None:
            ui.navigate.to(target)
            return
        client_key = request.client.host if request.client else "unknown"
        with frame("Sign in"), ui.card().classes("w-full max-w-sm mx-auto mt-8").mark("login-form"):
            ui.label("Staff sign-in").classes("text-2xl font-semibold")
            email = (
                ui.input("Email")
                .props("outlined autofocus autocomplete=username maxlength=254")
                .classes("w-full")
                .mark("login-email")
            )
            password = (
                ui.input("Password", password=True, password_toggle_button=True)
                .props("outlined autocomplete=current-password maxlength=256")
                .classes("w-full")
                .mark("login-password")
            )
            problem = ui.label("").classes("text-red-700").mark("login-error")

            async def attempt() -> None:
                problem.text = ""
                if (wait := shop().sign_in_wait(client_key)) > 0:
                    problem.text = f"Too many tries; wait {int(wait) + 1} seconds"
                    return
                user = await in_thread(_authenticate, email.value or "", password.value or "")
                if user is None:
                    problem.text = WRONG
                    password.value = ""
                    return
                sign_in(user)
                ui.navigate.to(target)

            password.on("keydown.enter", attempt)
            ui.button("Sign in", on_click=attempt).props("color=primary").classes("w-full").mark("login-submit")


def _authenticate(email: str, password: str) -> User | None:
    with session_scope() as session:
        return accounts.authenticate(session, email[:254], password[:256])


def _safe_target(target: str) -> str:
    """Only paths on this site: never bounce a fresh session to someone else's page.

    Browsers drop tabs and line breaks anywhere in a URL and read a backslash as a slash, so
    `/<tab>/evil.example` is `//evil.example`, another host: a target with any of them is refused
    outright rather than cleaned up.
    """
    if any(c <= " " or c in "\\\x7f" for c in target):
        return "/admin"
    if not target.startswith("/") or target.startswith("//") or urlsplit(target).netloc:
        return "/admin"
    return target
