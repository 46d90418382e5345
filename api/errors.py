"""The one table from domain errors to HTTP answers."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from registry.errors import (
    ConfigurationError,
    InvalidInputError,
    LimitExceededError,
    NotFoundError,
    RegistryError,
    StoreUnavailableError,
)

#: Most specific first.
STATUS: tuple[tuple[type[RegistryError], int], ...] = (
    (NotFoundError, 404),
    (LimitExceededError, 422),
    (InvalidInputError, 422),
    (StoreUnavailableError, 503),
    (ConfigurationError, 500),
    (RegistryError, 500),
)


def status_of(error: RegistryError) -> int:
    for cls, status in STATUS:
        if isinstance(error, cls):
            return status
    return 500


def install(app: FastAPI) -> None:
    @app.exception_handler(RegistryError)
    async def _registry_error(_: Request, exc: RegistryError) -> JSONResponse:
        return JSONResponse(status_code=status_of(exc), content=exc.to_dict())
