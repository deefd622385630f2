"""Who is calling: bearer JWTs for REST, role checks, and per-client rate limits."""

import math
from datetime import timedelta
from typing import Annotated

import jwt
from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel

from bakeops_ui.settings import Settings
from services.accounts import Role, may
from services.clock import utcnow
from services.database import session_scope
from services.limits import RateLimit
from services.models import User

ALGORITHM = "HS256"
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token", auto_error=False)


class Principal(BaseModel):
    user_id: int
    email: str
    role: Role


def issue_token(user: User, settings: Settings) -> str:
    expires = utcnow() + timedelta(minutes=settings.token_minutes)
    claims = {"sub": str(user.id), "email": user.email, "role": user.role, "exp": expires}
    return jwt.encode(claims, settings.secret_key, algorithm=ALGORITHM)


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"})


def current_principal(request: Request, token: Annotated[str | None, Depends(oauth2_scheme)]) -> Principal:
    if not token:
        raise _unauthorized("Sign in first: send 'Authorization: Bearer <token>' from POST /auth/token")
    settings: Settings = request.app.state.settings
    try:
        claims = jwt.decode(token, settings.secret_key, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]})
        user_id = int(claims["sub"])
    except (jwt.PyJWTError, ValueError):
        raise _unauthorized("The token is invalid or has expired; ask POST /auth/token for a new one") from None
    with session_scope() as session:
        user = session.get(User, user_id)
    # A switched-off account or a changed role takes effect at once, not when the token expires.
    if user is None or not user.active:
        raise _unauthorized("This account is no longer active")
    return Principal(user_id=user.id, email=user.email, role=Role(user.role))


def require(role: Role):
    def check(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        if not may(principal.role, role):
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"This needs the {role.value} role")
        return principal

    return check


StaffUser = Annotated[Principal, Depends(require(Role.STAFF))]
AdminUser = Annotated[Principal, Depends(require(Role.ADMIN))]


def client_key(request: Request) -> str:
    settings: Settings = request.app.state.settings
    if settings.trust_proxy_headers and (forwarded := request.headers.get("x-forwarded-for")):
        return forwarded.split(",")[0].strip()
    return request.client.host if request.client else "unknown"


def rate_limited(name: str):
    """Dependency: 429 with Retry-After once this client used up the `name` limit (see settings)."""

    def check(request: Request) -> None:
        limit: RateLimit = request.app.state.rate_limits[name]
        wait = limit.hit(client_key(request))
        if wait > 0:
            raise HTTPException(
                status.HTTP_429_TOO_MANY_REQUESTS,
                "Too many requests; slow down and try again",
                headers={"Retry-After": str(math.ceil(wait))},
            )

    return Depends(check)
