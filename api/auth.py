"""Who is asking: an API key from ``X-API-Key`` or ``Authorization: Bearer``, checked
against the salted hashes in the settings, and the role each route needs.

Reading without a key is allowed when ``settings.anonymous_read`` (development mode by
default). In development mode with no key configured, ``DEVELOPMENT_KEY`` is an admin key
so that the demo's review page works; production never accepts it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Header
from pydantic import BaseModel

from api.deps import get_settings
from api.errors import AuthenticationRequiredError, PermissionDeniedError
from registry.apikeys import DEVELOPMENT_KEY, Role, verify
from registry.settings import Mode, Settings

__all__ = ["Principal", "current_principal", "require"]


class Principal(BaseModel):
    name: str
    role: Role
    authenticated: bool


ANONYMOUS = Principal(name="anonymous", role=Role.READER, authenticated=False)


def _presented(x_api_key: str | None, authorization: str | None) -> str | None:
    if x_api_key:
        return x_api_key.strip()
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip() or None
    return None


def principal_of(settings: Settings, key: str | None) -> Principal | None:
    """The principal a key stands for; ``None`` for no key; 401 for a wrong one."""
    if key is None:
        return None
    record = verify(key, settings.api_keys)
    if record is not None:
        return Principal(name=record.name, role=record.role, authenticated=True)
    if settings.mode is Mode.DEVELOPMENT and not settings.api_keys and key == DEVELOPMENT_KEY:
        return Principal(name="development", role=Role.ADMIN, authenticated=True)
    raise AuthenticationRequiredError("the API key is not known; ask an admin for one")


def current_principal(
    settings: Annotated[Settings, Depends(get_settings)],
    x_api_key: Annotated[str | None, Header(max_length=512)] = None,
    authorization: Annotated[str | None, Header(max_length=520)] = None,
) -> Principal:
    """The caller, or anonymous when no key was sent (whether that may read is checked by
    ``require``)."""
    found = principal_of(settings, _presented(x_api_key, authorization))
    return found or ANONYMOUS


def require(role: Role) -> Callable[[Settings, Principal], Principal]:
    """A dependency that lets through callers whose role is at least ``role``."""

    def check(
        settings: Annotated[Settings, Depends(get_settings)],
        principal: Annotated[Principal, Depends(current_principal)],
    ) -> Principal:
        if not principal.authenticated:
            if role is Role.READER and settings.anonymous_read:
                return principal
            raise AuthenticationRequiredError(
                f"this needs an API key with role {role.value} or higher "
                "(header X-API-Key or Authorization: Bearer)",
                role=role.value,
            )
        if not principal.role.allows(role):
            raise PermissionDeniedError(
                f"the key {principal.name!r} is a {principal.role.value}; this needs "
                f"{role.value} or higher",
                role=role.value,
            )
        return principal

    return check


#: Most routes only read.
ReaderDep = Depends(require(Role.READER))
