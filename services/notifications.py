"""Telling customers about their order: which events deserve a message, what it says, how it is sent."""

import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol
from urllib.parse import unquote, urlparse

from sqlalchemy import Row, bindparam, insert
from sqlmodel import Session, select

from services.clock import utcnow
from services.events import Event, EventKind, SignInLinkEvent
from services.models import Notification, Order
from services.order_status import OrderStatus
from services.orders import CUSTOMER

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
    order = event.order
    if order is None:
        return None  # products and the bakery's settings are nobody's order
    ticket = order.ticket_number
    if event.kind == EventKind.ORDER_PLACED:
        return (
            f"Order #{ticket} confirmed",
            f"Thank you! We have your order #{ticket} (code {event.subject}). "
            "Follow it, or cancel it before we start baking, from the link in your confirmation.",
        )
    if order.undo:
        return None  # a correction by staff: see correction_for
    if event.kind == EventKind.ORDER_STATUS_CHANGED and order.status == OrderStatus.READY:
        return (f"Order #{ticket} is ready", f"Your order #{ticket} is ready for pickup. See you soon!")
    if event.kind == EventKind.ORDER_CANCELLED:
        reason = order.note or "no reason given"
        if order.by == CUSTOMER:
            return (
                f"Order #{ticket} cancelled",
                f"You cancelled order #{ticket} ({reason}). Nothing is owed. Changed your mind? Order again any time.",
            )
        return (
            f"Order #{ticket} cancelled",
            f"We are sorry: your order #{ticket} was cancelled ({reason}). Please call us if you have any questions.",
        )
    return None


def correction_for(event: Event, told: str | None) -> tuple[str, str] | None:
    """Staff took back a status the customer was told of (`told`, the last status we wrote to them about)."""
    order = event.order
    if order is None:
        return None
    undone, now = order.from_status, order.status
    if not order.undo or told is None or told != undone:
        return None
    ticket = order.ticket_number
    if undone == OrderStatus.READY:
        return (
            f"Sorry, order #{ticket} is not ready yet",
            f"Sorry, order #{ticket} is not ready yet: we told you too soon. We will write again when it is ready.",
        )
    if undone == OrderStatus.CANCELLED:
        return (
            f"Order #{ticket} is not cancelled after all",
            f"Sorry for the confusion: order #{ticket} is not cancelled after all; it is {now} again. "
            "If you no longer want it, cancel it from your tracking link or call us.",
        )
    return None


@dataclass(frozen=True)
class Message:
    """One message to a customer, recorded and waiting to be sent; `event_id` is the event that called for it."""

    event_id: str
    notifier: Notifier
    recipient: str
    subject: str
    body: str

    def send(self) -> None:
        self.notifier.send(self.recipient, self.subject, self.body)


def notify_customers(session: Session, events: list[Event], email: Notifier, fallback: Notifier) -> list[Message]:
    """Record the notification each event deserves (unique per event) and return the messages, in order.

    The caller sends them and commits: the notifications are written here, so each event id is claimed
    before anything is sent. Every order concerned is read in one query.
    """
    subjects = {event.subject for event in events if event.order is not None}
    found = session.execute(_CONTACTS, {"codes": list(subjects)}) if subjects else []
    orders = {order.public_id: order for order in found}
    messages: list[Message] = []
    recorded: list[dict] = []
    for event in events:
        if isinstance(event.payload, SignInLinkEvent):
            messages.append(_sign_in_message(event.event_id, event.payload, email, fallback))
        elif (message := _record(session, event, orders.get(event.subject), email, fallback, recorded)) is not None:
            messages.append(message)
    if recorded:
        session.execute(insert(Notification.__table__), recorded)  # the batch's rows in one statement
    return messages


# Table columns (Core), not ORM objects: the worker reads every event's order for its contact, nothing more.
_ORDERS = Order.__table__.c
_CONTACTS = select(_ORDERS.public_id, _ORDERS.email, _ORDERS.phone).where(
    _ORDERS.public_id.in_(bindparam("codes", expanding=True))
)


def _record(
    session: Session, event: Event, order: Row | None, email: Notifier, fallback: Notifier, recorded: list[dict]
) -> Message | None:
    text = message_for(event)
    about = event.order.status.value if event.order else None
    if text is None and event.order and event.order.undo:
        text = correction_for(event, _last_told(session, event.subject, recorded))
    if text is None or order is None:
        return None
    notifier = email if order.email else fallback
    subject, body = text
    recipient = order.email or order.phone or ""
    recorded.append(
        {
            "event_id": event.event_id,
            "order_public_id": order.public_id,
            "channel": notifier.channel,
            "recipient": recipient,
            "subject": subject,
            "body": body,
            "about": about,
            "created_at": utcnow(),
        }
    )
    return Message(event.event_id, notifier, recipient, subject, body)


def _sign_in_message(event_id: str, link: SignInLinkEvent, email: Notifier, fallback: Notifier) -> Message:
    """A customer asked to see their orders: the one-time link goes to that address only (never stored here)."""
    return Message(
        event_id,
        email if link.email else fallback,
        link.email or "",
        "Your sign-in link",
        f"Open this link to see your orders: {link.link}\n"
        f"It works once, for {link.minutes} minutes. If you did not ask for it, ignore this email.",
    )


def _last_told(session: Session, public_id: str, recorded: list[dict]) -> str | None:
    """The status the customer was last told of: this batch's notifications first, then the stored ones."""
    for row in reversed(recorded):
        if row["order_public_id"] == public_id:
            return row["about"]
    last = session.exec(
        select(Notification.about).where(Notification.order_public_id == public_id).order_by(Notification.id.desc())
    ).first()
    return last
