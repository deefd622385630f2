"""A customer signs in with a one-time link sent to their email and sees their orders; no password."""

from datetime import timedelta
from urllib.parse import urlparse

import pytest
from nicegui.testing import User

from services import customer_accounts
from services.clock import utcnow
from services.database import session_scope
from services.errors import Invalid
from services.notifications import LogNotifier
from tests.pages.helpers import eventually, field_error, place, set_value, shows, text

pytestmark = pytest.mark.signed_out  # customers, not staff


@pytest.fixture
def page_database(page_database, monkeypatch):
    """The conftest's database, with three sign-in attempts a minute (set before the app starts)."""
    monkeypatch.setenv("BAKEOPS_RATE_LIMIT_LOGINS", "3/minute")
    return page_database


@pytest.fixture
def outbox(monkeypatch) -> list[tuple[str, str, str]]:
    """Every message the bakery sends (recipient, subject, body); without SMTP they go to the log notifier."""
    sent: list[tuple[str, str, str]] = []
    monkeypatch.setattr(LogNotifier, "send", lambda _self, to, subject, body: sent.append((to, subject, body)))
    return sent


def links_to(sent: list[tuple[str, str, str]], email: str) -> list[str]:
    return [body.split(": ", 1)[1].split()[0] for to, subject, body in sent if to == email and "sign-in" in subject]


async def ask_for_link(user: User, email: str) -> None:
    await user.open("/account")
    set_value(user, "link-email", email)
    user.find(marker="send-link").click()
    await eventually(lambda: text(user, "link-answer").startswith("If we know that email"))


async def follow(user: User, link: str) -> None:
    await user.open(urlparse(link).path)
    user.find(marker="use-link").click()


async def test_a_customer_signs_in_by_link_and_sees_only_their_orders(user: User, products, outbox) -> None:
    mine = place(products, {"Baguette": 2}, email="Ada@Example.com")
    place(products, {"Cinnamon Bun": 1}, email="bob@example.com")
    await ask_for_link(user, "ada@example.com")
    await eventually(lambda: len(links_to(outbox, "ada@example.com")) == 1)

    await follow(user, links_to(outbox, "ada@example.com")[0])

    await user.should_see(marker=f"my-order-{mine.ticket_number}", retries=30)
    await shows(user, "customer-email", "ada@example.com")
    await user.should_see("2 × Baguette")
    await user.should_not_see("Cinnamon Bun")
    await user.should_see(marker="track-link")


async def test_a_sign_in_link_works_once(user: User, products, outbox) -> None:
    place(products, {"Baguette": 1}, email="ada@example.com")
    await ask_for_link(user, "ada@example.com")
    await eventually(lambda: links_to(outbox, "ada@example.com"))
    link = links_to(outbox, "ada@example.com")[0]
    await follow(user, link)
    await user.should_see(marker="customer-email", retries=30)
    user.find(marker="customer-sign-out").click()
    await user.should_see(marker="link-form", retries=30)

    await follow(user, link)

    await eventually(lambda: "expired or was already used" in text(user, "link-problem"))
    await user.should_not_see(marker="customer-email")


async def test_the_answer_does_not_say_whether_an_email_has_orders(user: User, products, outbox) -> None:
    place(products, {"Baguette": 1}, email="ada@example.com")
    await ask_for_link(user, "ada@example.com")
    known = text(user, "link-answer")
    await ask_for_link(user, "nobody@example.com")

    assert text(user, "link-answer") == known


async def test_a_bad_email_is_explained_beside_the_field(user: User, outbox) -> None:
    await user.open("/account")
    set_value(user, "link-email", "ada-at-home")
    user.find(marker="send-link").click()

    await eventually(
        lambda: field_error(user, "link-email") == "Check the email address: it should look like name@example.com"
    )
    assert outbox == []


async def test_an_expired_link_signs_nobody_in(user: User, outbox) -> None:
    with session_scope() as session:
        customer_accounts.ask_for_sign_in_link(session, "ada@example.com", site="http://shop.test")
    await eventually(lambda: links_to(outbox, "ada@example.com"))
    token = links_to(outbox, "ada@example.com")[0].rsplit("/", 1)[1]

    with session_scope() as session, pytest.raises(Invalid, match="expired"):
        later = utcnow() + timedelta(minutes=customer_accounts.LINK_MINUTES + 1)
        customer_accounts.redeem_sign_in_link(session, token, now=later)


async def test_links_to_one_email_are_limited(user: User, outbox) -> None:
    with session_scope() as session:
        for _ in range(customer_accounts.LINKS_PER_EMAIL + 2):
            customer_accounts.ask_for_sign_in_link(session, "ada@example.com", site="http://shop.test")
    await eventually(lambda: len(links_to(outbox, "ada@example.com")) == customer_accounts.LINKS_PER_EMAIL)


async def test_asking_for_links_spends_the_clients_sign_in_budget(user: User, outbox) -> None:
    await user.open("/account")
    for n in range(3):  # this module's budget: three sign-in attempts a minute per client
        set_value(user, "link-email", f"guess{n}@example.com")
        user.find(marker="send-link").click()
        await eventually(lambda n=n: len(links_to(outbox, f"guess{n}@example.com")) == 1)

    set_value(user, "link-email", "one-more@example.com")
    user.find(marker="send-link").click()

    await eventually(lambda: text(user, "link-answer").startswith("Too many tries; please wait"))
    assert links_to(outbox, "one-more@example.com") == []
