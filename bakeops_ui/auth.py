"""API tokens: issued at sign-in, read back on every request. The only module that knows their format."""

from datetime import timedelta

import jwt

from bakeops_ui.settings import Settings
from services.clock import utcnow
from services.models import User

ALGORITHM = "HS256"


class BadToken(Exception):
    """The token is forged, damaged or expired."""


def issue_token(user: User, settings: Settings) -> str:
    expires = utcnow() + timedelta(minutes=settings.token_minutes)
    claims = {"sub": str(user.id), "email": user.email, "role": user.role, "exp": expires}
    return jwt.encode(claims, settings.secret_key, algorithm=ALGORITHM)


def token_user_id(token: str, settings: Settings) -> int:
    """The account id a valid token speaks for; BadToken otherwise."""
    try:
        claims = jwt.decode(token, settings.secret_key, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]})
        return int(claims["sub"])
    except (jwt.PyJWTError, ValueError):
        raise BadToken from None
