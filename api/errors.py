"""The one table from domain errors to HTTP answers (and the API's own: 401, 403, 308)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse

from registry.errors import (
    ConfigurationError,
    InvalidInputError,
    LimitExceededError,
    NotAvailableError,
    NotFoundError,
    RegistryError,
    StoreUnavailableError,
)


class AuthenticationRequiredError(RegistryError):
    """No key, or a key that matches none: 401."""

    code = "authentication_required"


class PermissionDeniedError(RegistryError):
    """A valid key whose role may not do this: 403."""

    code = "permission_denied"


class MovedError(Exception):
    """The id was merged into another (or is not the canonical one): 308 to ``location``."""

    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


#: Most specific first.
STATUS: tuple[tuple[type[RegistryError], int], ...] = (
    (NotFoundError, 404),
    (LimitExceededError, 422),
    (InvalidInputError, 422),
    (AuthenticationRequiredError, 401),
    (PermissionDeniedError, 403),
    (NotAvailableError, 501),
    (StoreUnavailableError, 503),
    (ConfigurationError, 500),
    (RegistryError, 500),
)

#: Error statuses every documented route may answer, for the OpenAPI description.
ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    401: {"description": "No API key, or an unknown one (when reading needs a key)"},
    422: {"description": "A parameter is malformed or over its bound (depth, limit)"},
    503: {"description": "The graph store cannot be reached"},
}


def status_of(error: RegistryError) -> int:
    for cls, status in STATUS:
        if isinstance(error, cls):
            return status
    return 500


def install(app: FastAPI) -> None:
    @app.exception_handler(RegistryError)
    async def _registry_error(_: Request, exc: RegistryError) -> JSONResponse:
        status = status_of(exc)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse(status_code=status, content=exc.to_dict(), headers=headers)

    @app.exception_handler(MovedError)
    async def _moved(_: Request, exc: MovedError) -> RedirectResponse:
        return RedirectResponse(exc.location, status_code=308)
