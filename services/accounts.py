"""Staff accounts: who may sign in, with which role. Passwords are Argon2 hashes, never stored or logged."""

import re
import secrets
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from services.clock import utcnow
from services.errors import Conflict, Invalid, NotFound
from services.models import User

MIN_PASSWORD = 10
_SIGN_IN_NAME = re.compile(r"[^@\s]{1,64}@[^@\s]{1,189}")
_hasher = PasswordHasher()
# Verifying against a hash of the same cost when the email is unknown keeps "no such user" as slow as
# "wrong password" (made lazily, with whichever hasher is in use).
_dummy_hashes: dict[int, str] = {}


def _dummy_hash() -> str:
    key = id(_hasher)
    if key not in _dummy_hashes:
        _dummy_hashes[key] = _hasher.hash(secrets.token_hex(16))
    return _dummy_hashes[key]


class Role(StrEnum):
    ADMIN = "admin"
    STAFF = "staff"


def may(role: str, needed: Role) -> bool:
    """Admins may do everything staff may."""
    return role == Role.ADMIN or role == needed


def normalise_email(email: str) -> str:
    """Sign-in names look like email addresses; they need not be deliverable (admin@localhost is fine)."""
    email = email.strip().lower()
    if not _SIGN_IN_NAME.fullmatch(email):
        raise Invalid("Use an email address such as sam@your-bakery.com to sign in", field="email")
    return email


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise Invalid(f"Passwords need at least {MIN_PASSWORD} characters", field="password")
    if len(password) > 256:
        raise Invalid("Passwords can have at most 256 characters", field="password")


def create_user(session: Session, email: str, role: Role, password: str) -> User:
    email = normalise_email(email)
    check_password_strength(password)
    if session.exec(select(User.id).where(User.email == email)).first() is not None:
        raise Conflict(f"There is already an account for {email}", field="email")
    user = User(email=email, role=Role(role), password_hash=_hasher.hash(password))
    session.add(user)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise Conflict(f"There is already an account for {email}", field="email") from None
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this email and password, or None (one answer for every kind of failure)."""
    try:
        email = normalise_email(email)
    except Invalid:
        email = ""
    user = session.exec(select(User).where(User.email == email)).first() if email else None
    try:
        _hasher.verify(user.password_hash if user else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
        session.add(user)
        session.commit()
    return user


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"User {user_id} not found")
    return user


def find_user(session: Session, email: str) -> User:
    user = session.exec(select(User).where(User.email == normalise_email(email))).first()
    if user is None:
        raise NotFound(f"No account for {email}")
    return user


def list_users(session: Session) -> list[User]:
    return list(session.exec(select(User).order_by(User.role, User.email)))


def set_password(session: Session, user: User, password: str) -> None:
    update_user(session, user, password=password)


def update_user(
    session: Session,
    user: User,
    *,
    role: Role | None = None,
    active: bool | None = None,
    password: str | None = None,
) -> User:
    """Change a role, (de)activate or set a new password, all in one commit or not at all; the last active
    admin is never demoted or switched off."""
    if password is not None:
        check_password_strength(password)
    losing_admin = user.role == Role.ADMIN and user.active and (role == Role.STAFF or active is False)
    if losing_admin and _active_admins(session) <= 1:
        raise Conflict("This is the last active admin; make another admin first")
    if role is not None:
        user.role = Role(role)
    if active is not None:
        user.active = active
    if password is not None:
        user.password_hash = _hasher.hash(password)
    user.updated_at = utcnow()
    session.add(user)
    session.commit()
    return user


def ensure_first_admin(session: Session, email: str | None, password: str | None) -> str | None:
    """Create the first admin when there is none. Returns a generated password to show once, if one was made."""
    if _active_admins(session) > 0:
        return None
    generated = None
    if not email or not password:
        email, password = email or "admin@localhost", secrets.token_urlsafe(12)
        generated = password
    create_user(session, email, Role.ADMIN, password)
    return generated


def _active_admins(session: Session) -> int:
    return session.exec(select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.active)).one()
