"""The shapes of staff accounts: who is signed in (pages and REST alike), and what admins send and see."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints

from services.accounts import MIN_PASSWORD, Role

Password = Annotated[str, StringConstraints(min_length=MIN_PASSWORD, max_length=256)]


class SignedIn(BaseModel):
    """The account behind a browser session or a bearer token, as it was when last checked."""

    model_config = ConfigDict(frozen=True)

    user_id: int
    email: str
    role: Role


class UserPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    role: Role
    active: bool


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Annotated[str, Field(max_length=254)]
    role: Role = Role.STAFF
    password: Password


class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role | None = None
    active: StrictBool | None = None  # 0.0 or "no" must not switch an account off
    password: Password | None = None
