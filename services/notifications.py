"""Telling customers about their order: which events deserve a message, what it says, how it is sent."""

import logging
import smtplib
from email.message import EmailMessage
from typing import Protocol
from urllib.parse import unquote, urlparse

from sqlmodel import Session, select

from services.events import Event
from services.models import Notification, Order
from services.order_status import OrderStatus

log = logging.getLogger("bakeops.notifications")


class Notifier(Protocol):
    channel: str

    def send(self, recipient: str, subject: str, body: str) -> None: ...


class LogNotifier:
    """The default: the notification is recorded in the database and the log, nothing leaves the bakery."""

    channel = "log"

    def send(self, recipient: str, subject: str, body: str) -> None:
        log.info("notification to %s: %s", recipient or "(no contact)", subject)


class SmtpNotifier:
    """Real email, for `smtp://user:pass@host:port` (or `smtps://` for TLS from the first byte)."""

    channel = "email"

    def __init__(self, url: str, sender: str) -> None:
        parts = urlparse(url)
        self.tls = parts.scheme == "smtps"
        self.host = parts.hostname or "localhost"
        self.port = parts.port or (465 if self.tls else 25)
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.sender = sender

    def send(self, recipient: str, subject: str, body: str) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, recipient, subject
        message.set_content(body)
        smtp_class = smtplib.SMTP_SSL if self.tls else smtplib.SMTP
        with smtp_class(self.host, self.port, timeout=20) as smtp:
            if self.user:
                smtp.login(self.user, self.password or "")
            smtp.send_message(message)


def message_for(event: Event) -> tuple[str, str] | None:
    """The customer-facing subject and text for an event, or None when it is not worth a message."""
    payload = event.payload
    ticket = payload.get("ticket_number")
    if event.kind == "order.placed":
        return (f"Order #{ticket} confirmed", f"Thank you! We have your order #{ticket} (code {event.subject}).")
    if payload.get("undo"):
        return None  # a correction by staff; the customer already heard about the real state
    if event.kind == "order.status_changed" and payload.get("status") == OrderStatus.READY:
        return (f"Order #{ticket} is ready", f"Your order #{ticket} is ready for pickup.")
    if event.kind == "order.cancelled":
        reason = payload.get("note") or "no reason given"
        return (f"Order #{ticket} cancelled", f"We are sorry: your order #{ticket} was cancelled ({reason}).")
    return None


def notify_customer(session: Session, event: Event, email: Notifier, fallback: Notifier) -> Notification | None:
    """Record the notification (unique per event) and send it; the caller commits both together."""
    message = message_for(event)
    if message is None:
        return None
    order = session.exec(select(Order).where(Order.public_id == event.subject)).first()
    if order is None:
        return None
    notifier = email if order.email else fallback
    subject, body = message
    note = Notification(
        event_id=event.event_id,
        order_public_id=order.public_id,
        channel=notifier.channel,
        recipient=order.email or order.phone or "",
        subject=subject,
        body=body,
    )
    session.add(note)
    session.flush()  # the unique event id is claimed before anything is sent
    notifier.send(note.recipient, subject, body)
    return note
