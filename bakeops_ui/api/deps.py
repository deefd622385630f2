"""Dependencies shared by the routes, as short Annotated aliases."""

from typing import Annotated

from fastapi import Depends
from sqlmodel import Session

from services.database import get_session

SessionDep = Annotated[Session, Depends(get_session)]
