"""API keys: roles, salted hashes, and the check of a presented key.

Settings keep only ``{name, role, hash}``; the key itself is shown once, when it is made
(``registry apikey create --role analyst``). Keys are 32 random bytes, so a salted SHA-256
is enough to keep a leaked settings file from giving the keys away (there is nothing to
brute-force), and checking one costs microseconds, which search-as-you-type needs.

>>> key, record = new_key("ana", Role.ANALYST)
>>> verify(key, [record]) == record
True
>>> verify("rk_wrong", [record]) is None
True
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "DEVELOPMENT_KEY",
    "ApiKeyRecord",
    "Role",
    "hash_key",
    "new_key",
    "verify",
]

_SCHEME = "sha256"
_PREFIX = "rk_"

#: Accepted as an admin key in development mode only, and only when no key is configured;
#: production refuses to start with it (``Settings`` checks).
DEVELOPMENT_KEY = "dev-admin-key"


class Role(StrEnum):
    """What a key may do; each role may do what the ones before it may."""

    READER = "reader"
    ANALYST = "analyst"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank


class ApiKeyRecord(BaseModel):
    """One configured key, as ``REGISTRY_API_KEYS`` holds it (a JSON list of these)."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(min_length=1, max_length=100)
    role: Role
    hash: str = Field(pattern=r"^sha256\$[0-9a-f]{32}\$[0-9a-f]{64}$")


def hash_key(key: str, salt: str | None = None) -> str:
    """``sha256$<salt>$<hex digest of salt + key>``."""
    salt = salt or secrets.token_hex(16)
    digest = hashlib.sha256((salt + key).encode("utf-8")).hexdigest()
    return f"{_SCHEME}${salt}${digest}"


def new_key(name: str, role: Role) -> tuple[str, ApiKeyRecord]:
    """A fresh key (shown once) and the record to put in the settings."""
    key = _PREFIX + secrets.token_urlsafe(32)
    return key, ApiKeyRecord(name=name, role=role, hash=hash_key(key))


def verify(key: str, records: Iterable[ApiKeyRecord]) -> ApiKeyRecord | None:
    """The record whose hash the key matches, or ``None`` (constant time per record)."""
    found: ApiKeyRecord | None = None
    for record in records:
        _, salt, _ = record.hash.split("$")
        if hmac.compare_digest(hash_key(key, salt), record.hash) and found is None:
            found = record
    return found
