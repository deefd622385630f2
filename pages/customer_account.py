"""The customer's own orders, `/account`, after signing in with a one-time link sent to their email.

No password: `/account` asks for an email and sends a link (services/customer_accounts.py); the link's page
`/account/sign-in/{token}` signs in on a click, not on opening, so a mail scanner that fetches every link
cannot spend it.
"""

from nicegui import app, ui
from starlette.requests import Request

from pages.in_thread import in_thread
from pages.layout import frame, local_time, money
from pages.shop import shop
from pages.tracking import STATUS_COLOURS
from services import customer_accounts
from services.database import session_scope
from services.errors import BakeryError
from services.models import Longest
from services.schemas import OrderPublic

SIGNED_IN_AS = "customer_email"  # app.storage.user key; apart from the staff sign-in's keys


def register(public_url: str | None = None) -> None:
    """`public_url` starts every link we send (set it in production: else the link names the host asked)."""

    @ui.page("/account")
    async def account(request: Request) -> None:
        with frame("Your orders"):
            email = app.storage.user.get(SIGNED_IN_AS)
            if email:
                found = await in_thread(_orders_of, email)
                _orders(email, found)
            else:
                LinkForm(public_url or str(request.base_url), _client(request))

    @ui.page("/account/sign-in/{token}")
    async def sign_in_link(request: Request, token: str) -> None:
        with frame("Sign in"), ui.card().classes("w-full max-w-md mx-auto mt-8").mark("sign-in-link"):
            ui.label("See your orders").classes("text-2xl font-semibold")
            problem = ui.label().classes("text-red-800").mark("link-problem")

            async def use_link() -> None:
                try:
                    email = await in_thread(_redeem, token[:100])
                except BakeryError as refusal:
                    problem.text = refusal.detail
                    LinkForm(public_url or str(request.base_url), _client(request))
                    return
                app.storage.user[SIGNED_IN_AS] = email
                ui.navigate.to("/account")

            ui.button("Sign in", on_click=use_link).props("color=primary").classes("w-full").mark("use-link")


class LinkForm:
    """Asks for the email to send a sign-in link to; the answer never says whether we know it."""

    def __init__(self, site: str, client: str) -> None:
        self.site, self.client = site, client
        with ui.card().classes("w-full max-w-md mx-auto").mark("link-form"):
            ui.label("Your orders, without a password").classes("text-xl font-semibold")
            ui.label("Enter the email you ordered with: we send you a link that signs you in once.")
            self.email = (
                ui.input("Email")
                .props(f"outlined type=email autocomplete=email maxlength={Longest.EMAIL}")
                .classes("w-full")
                .mark("link-email")
            )
            self.answer = ui.label().mark("link-answer")
            ui.button("Send me a sign-in link", on_click=self.send).props("color=primary").classes("w-full").mark(
                "send-link"
            )
            self.email.on("keydown.enter", self.send)

    async def send(self) -> None:
        self.email.props(remove="error error-message")
        self.answer.text = ""
        if (wait := shop().sign_in_wait(self.client)) > 0:
            self.answer.text = f"Too many tries; please wait {int(wait) + 1} seconds and try again"
            return
        try:
            self.answer.text = await in_thread(_ask, self.email.value or "", self.site)
        except BakeryError as refusal:
            self.email.props(f'error error-message="{refusal.detail}"')


def _orders(email: str, found: list[OrderPublic]) -> None:
    with ui.row().classes("w-full items-center justify-between"):
        ui.label("Your orders").classes("text-3xl font-semibold")
        with ui.row().classes("items-center gap-2"):
            ui.label(email).classes("text-sm opacity-80").mark("customer-email")
            ui.button("Sign out", on_click=_sign_out).props("flat color=primary").mark("customer-sign-out")
    if not found:
        ui.label(f"No orders with {email} yet: orders you place with this email appear here.").mark("no-orders")
        ui.link("Go to the shop", "/")
        return
    for order in found:
        with ui.card().classes("w-full").mark(f"my-order-{order.ticket_number}"):
            with ui.row().classes("w-full items-center justify-between"):
                with ui.row().classes("items-center gap-3"):
                    ui.label(f"Ticket #{order.ticket_number}").classes("text-lg font-semibold")
                    ui.badge(order.status, color=STATUS_COLOURS.get(order.status, "grey-7"))
                ui.label(money(order.total)).classes("font-semibold")
            items = ", ".join(f"{i.quantity} × {i.title}" for i in order.items)
            ui.label(f"Pickup {local_time(order.pickup_at)} · {items}").classes("opacity-80")
            ui.link("Track, cancel or order again", f"/track/{order.order_id}").mark("track-link")


def _sign_out() -> None:
    app.storage.user.pop(SIGNED_IN_AS, None)
    ui.navigate.to("/account")


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _ask(email: str, site: str) -> str:
    with session_scope() as session:
        return customer_accounts.ask_for_sign_in_link(session, email, site=site)


def _redeem(token: str) -> str:
    with session_scope() as session:
        return customer_accounts.redeem_sign_in_link(session, token)


def _orders_of(email: str) -> list[OrderPublic]:
    with session_scope() as session:
        return customer_accounts.orders_of(session, email)
