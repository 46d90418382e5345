"""Domain errors: each carries a message a person can act on and structured details.

The API maps these classes to HTTP statuses in one table (``api/errors.py``); the CLI maps
them to exit codes. Nothing here knows about HTTP.
"""

from __future__ import annotations

from typing import Any


class RegistryError(Exception):
    """Base class of every error the registry raises on purpose."""

    code = "registry_error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = details

    def to_dict(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message, "details": self.details}


class NotFoundError(RegistryError):
    """A party, record or file that was asked for does not exist."""

    code = "not_found"


class InvalidInputError(RegistryError):
    """A request or a file is malformed; ``details`` says where and what."""

    code = "invalid_input"


class LimitExceededError(InvalidInputError):
    """A request asks for more than the configured bounds allow (depth, size)."""

    code = "limit_exceeded"


class StoreUnavailableError(RegistryError):
    """The graph store (Neo4j) cannot be reached or refused the request."""

    code = "store_unavailable"


class ConfigurationError(RegistryError):
    """Settings are inconsistent or unsafe (e.g. a default secret in production)."""

    code = "configuration_error"


class NotAvailableError(RegistryError):
    """A feature this installation does not have (yet): the risk engine, an exporter."""

    code = "not_available"


class SourceFormatError(InvalidInputError):
    """A whole source file cannot be read (not JSON, wrong encoding, unknown layout)."""

    code = "source_format"
