"""A customer's own orders in a real browser: ask for a link, get it by real email (a loopback SMTP server),
open it, tap Sign in, see the order. Also takes the README's account screenshot."""

import email
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from devtools.processes import wait_until
from tests.e2e.conftest import LIVE_MS, STEP_MS, due_today, open_all_day, screenshot
from tests.smtp_sink import SmtpSink

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def pictures_dir(tmp_path: Path) -> Path:
    wanted = os.environ.get("BAKEOPS_SCREENSHOTS_DIR")
    return Path(wanted) if wanted else tmp_path / "screenshots"


def sign_in_links(mail: SmtpSink, to: str) -> list[str]:
    links = []
    for raw in mail.messages:
        message = email.message_from_bytes(raw)
        if message["To"] == to and message["Subject"] == "Your sign-in link":
            links += re.findall(r"https?://\S+", message.get_payload(decode=True).decode())
    return links


def test_a_customer_signs_in_by_email_link_and_sees_their_order(
    browser: Browser, launch, tmp_path: Path, pictures_dir: Path
) -> None:
    with SmtpSink() as mail:
        env = {"BAKEOPS_DATABASE_URL": f"sqlite:///{tmp_path / 'shop.db'}", "BAKEOPS_SMTP_URL": mail.url}
        server = open_all_day(launch("serve", env))
        body = {"items": [{"product_id": 3, "quantity": 2}], "email": "ada@example.com", "pickup_at": due_today()}
        placed = server.client.post("/order", json=body)
        assert placed.status_code == 201, placed.text
        context = browser.new_context(viewport=PHONE, locale="en-GB", timezone_id="Europe/London", has_touch=True)
        context.set_default_timeout(STEP_MS)
        page = context.new_page()
        try:
            page.goto(f"{server.url}/account")
            page.get_by_label("Email").fill("ada@example.com")
            page.get_by_role("button", name="Send me a sign-in link").tap()
            expect(page.get_by_text("If we know that email, a sign-in link is on its way")).to_be_visible()
            wait_until(lambda: sign_in_links(mail, "ada@example.com"), timeout=LIVE_MS / 1000, message="the link")
            (link,) = sign_in_links(mail, "ada@example.com")
            assert link.startswith(f"{server.url}/account/sign-in/")

            page.goto(link)
            page.get_by_role("button", name="Sign in").tap()

            expect(page.get_by_text(f"Ticket #{placed.json()['ticket_number']}")).to_be_visible()
            expect(page.get_by_text("2 × Baguette", exact=False)).to_be_visible()
            screenshot(page, pictures_dir / "account-phone.png")
        finally:
            context.close()
