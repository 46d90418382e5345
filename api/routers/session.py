"""Who the caller is, so the page knows whether it may judge matches."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from api.auth import Principal, current_principal
from api.deps import SettingsDep
from api.errors import ERROR_RESPONSES

router = APIRouter(tags=["health"])


class WhoAmI(BaseModel):
    name: str
    role: str
    authenticated: bool
    anonymous_read: bool
    mode: str


@router.get(
    "/whoami",
    response_model=WhoAmI,
    summary="The caller's role, and whether this server lets anonymous users read",
    responses=ERROR_RESPONSES,
)
def whoami(
    settings: SettingsDep, principal: Annotated[Principal, Depends(current_principal)]
) -> WhoAmI:
    return WhoAmI(
        name=principal.name,
        role=principal.role.value,
        authenticated=principal.authenticated,
        anonymous_read=settings.anonymous_read,
        mode=settings.mode.value,
    )
