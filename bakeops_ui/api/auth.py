"""Sign-in for scripts: POST /auth/token (OAuth2 password form) gives a bearer JWT."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel

from bakeops_ui.api.deps import SessionDep, SettingsDep, SignInRateLimit, StaffUser
from bakeops_ui.api.errors import refusals
from bakeops_ui.auth import issue_token
from services.account_schemas import SignedIn
from services.accounts import authenticate

router = APIRouter(prefix="/auth", tags=["auth"])


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    role: str


@router.post(
    "/token",
    response_model=Token,
    dependencies=[SignInRateLimit],
    responses=refusals(400, 401, 429, 503, why={401: "Wrong email or password", 429: "Too many tries"}),
)
def create_token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], session: SessionDep, settings: SettingsDep
) -> Token:
    """Exchange an email (as `username`) and password for a bearer token."""
    if len(form.username) > 254 or len(form.password) > 256:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "Email or password is too long")
    user = authenticate(session, form.username, form.password)
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "Wrong email or password", headers={"WWW-Authenticate": "Bearer"}
        )
    return Token(access_token=issue_token(user, settings), expires_in=settings.token_minutes * 60, role=user.role)


@router.get("/me", response_model=SignedIn, responses=refusals(401, 403))
def read_me(me: StaffUser) -> SignedIn:
    """Who the token belongs to."""
    return me
