"""One validated settings object, read from the environment (prefix ``REGISTRY_``).

Nothing connects at import time: callers build ``Settings()`` and pass it on.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from registry.apikeys import DEVELOPMENT_KEY, ApiKeyRecord, verify
from registry.errors import ConfigurationError


class Backend(StrEnum):
    EMBEDDED = "embedded"
    NEO4J = "neo4j"


class Mode(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


DEFAULT_WORKSPACE = Path(".registry")


class Settings(BaseSettings):
    """Runtime configuration. Every field can be set as ``REGISTRY_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="REGISTRY_", extra="ignore")

    mode: Mode = Mode.DEVELOPMENT
    workspace: Path = DEFAULT_WORKSPACE
    backend: Backend | None = Field(
        default=None,
        description="Graph store; defaults to neo4j when neo4j_uri is set, else embedded.",
    )
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"
    neo4j_batch_size: int = Field(default=2000, ge=1, le=100_000)
    neo4j_timeout_s: float = Field(default=30.0, gt=0)

    max_upstream_nodes: int = Field(default=50_000, ge=1)
    max_paths_per_owner: int = Field(default=3, ge=1, le=50)

    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8000, ge=1, le=65535)
    api_keys: list[ApiKeyRecord] = Field(
        default_factory=list,
        description="JSON list of {name, role, hash}; make one with `registry apikey create`.",
    )
    api_anonymous_read: bool | None = Field(
        default=None,
        description="Let requests without a key read; defaults to true in development only.",
    )
    api_max_page_size: int = Field(default=200, ge=1, le=10_000)
    api_max_graph_depth: int = Field(default=6, ge=1, le=50)
    api_max_graph_nodes: int = Field(default=400, ge=10, le=20_000)

    @model_validator(mode="after")
    def _check(self) -> Settings:
        if self.backend is Backend.NEO4J and not self.neo4j_uri:
            raise ConfigurationError(
                "backend 'neo4j' needs REGISTRY_NEO4J_URI (e.g. bolt://127.0.0.1:7687)"
            )
        if self.mode is Mode.PRODUCTION and self.neo4j_uri:
            pw = self.neo4j_password.get_secret_value() if self.neo4j_password else ""
            if not pw or pw in {"neo4j", "password", "changeme"}:
                raise ConfigurationError(
                    "production mode refuses a missing or default Neo4j password; "
                    "set REGISTRY_NEO4J_PASSWORD"
                )
        if self.mode is Mode.PRODUCTION:
            if not self.api_keys and not self.api_anonymous_read:
                raise ConfigurationError(
                    "production mode needs REGISTRY_API_KEYS (make one with `registry apikey "
                    "create --role admin`) or REGISTRY_API_ANONYMOUS_READ=true"
                )
            if verify(DEVELOPMENT_KEY, self.api_keys) is not None:
                raise ConfigurationError(
                    "production mode refuses the development API key; make a new one with "
                    "`registry apikey create`"
                )
        return self

    @property
    def anonymous_read(self) -> bool:
        """Whether requests without a key may read."""
        if self.api_anonymous_read is not None:
            return self.api_anonymous_read
        return self.mode is Mode.DEVELOPMENT

    @property
    def effective_backend(self) -> Backend:
        if self.backend is not None:
            return self.backend
        return Backend.NEO4J if self.neo4j_uri else Backend.EMBEDDED

    @property
    def ledger_path(self) -> Path:
        return self.workspace / "ledger.sqlite"
