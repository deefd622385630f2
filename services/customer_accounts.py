"""Customer accounts without passwords: a one-time sign-in link to an email lists that email's orders.

Asking for a link answers the same whatever the email (it never says whether an address has orders); the
link goes out through the notifier like every message to customers (an outbox event the worker sends),
works once, and expires. Only a hash of its token is stored.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import func, update
from sqlmodel import Session, select

from services.clock import utcnow
from services.errors import Invalid
from services.events import EventKind, SignInLinkEvent
from services.models import CustomerSignIn, Order
from services.order_views import public_views
from services.outbox import record_event
from services.schemas import CustomerEmail, OrderPublic

LINK_MINUTES = 15
LINKS_PER_EMAIL = 3  # within LINK_MINUTES: more would let anyone flood a stranger's inbox
SIGN_IN_PATH = "/account/sign-in/"
LISTED_ORDERS = 50
SENT = "If we know that email, a sign-in link is on its way. It works once, for 15 minutes."
_email = TypeAdapter(CustomerEmail)


def ask_for_sign_in_link(session: Session, email: str, *, site: str) -> str:
    """Send a one-time link to `email` (unless it had LINKS_PER_EMAIL lately); returns what to tell the asker,
    the same sentence in every case. `site` is the shop's address the link starts with."""
    address = customer_email(email)
    now = utcnow()
    recent = session.exec(
        select(func.count())
        .select_from(CustomerSignIn)
        .where(CustomerSignIn.email == address, CustomerSignIn.created_at > now - timedelta(minutes=LINK_MINUTES))
    ).one()
    if recent >= LINKS_PER_EMAIL:
        return SENT
    token = secrets.token_urlsafe(32)
    row = CustomerSignIn(
        token_hash=_hash(token), email=address, created_at=now, expires_at=now + timedelta(minutes=LINK_MINUTES)
    )
    session.add(row)
    session.flush()
    link = f"{site.rstrip('/')}{SIGN_IN_PATH}{token}"
    link_event = SignInLinkEvent(email=address, link=link, minutes=LINK_MINUTES)
    record_event(session, EventKind.CUSTOMER_SIGN_IN_LINK, f"sign-in-{row.id}", link_event)
    session.commit()
    return SENT


def redeem_sign_in_link(session: Session, token: str, *, now: datetime | None = None) -> str:
    """The email the link was sent to; the link is spent. One answer for unknown, used and expired links."""
    now = now or utcnow()
    spent = session.execute(
        update(CustomerSignIn)
        .where(
            CustomerSignIn.token_hash == _hash(token),
            CustomerSignIn.used_at.is_(None),
            CustomerSignIn.expires_at > now,
        )
        .values(used_at=now)
        .returning(CustomerSignIn.email)
    ).first()
    if spent is None:
        session.rollback()
        raise Invalid("This sign-in link has expired or was already used; ask for a new one below")
    session.commit()
    return spent[0]


def orders_of(session: Session, email: str) -> list[OrderPublic]:
    """The email's orders, newest first (its most recent LISTED_ORDERS)."""
    query = select(Order).where(func.lower(Order.email) == email.lower())
    found = list(session.exec(query.order_by(Order.created_at.desc(), Order.id.desc()).limit(LISTED_ORDERS)))
    return public_views(session, found)


def customer_email(email: str) -> str:
    """The address as we compare it (lower case); raises Invalid beside the field when it is not one."""
    try:
        return str(_email.validate_python((email or "").strip())).lower()
    except ValidationError:
        raise Invalid("Check the email address: it should look like name@example.com", field="email") from None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
