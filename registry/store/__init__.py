"""Graph stores: the protocol, the embedded store and ``Neo4jStore``, and the factory."""

from __future__ import annotations

from registry.settings import Backend, Settings
from registry.store.embedded import EmbeddedStore
from registry.store.protocol import GraphStore, WriteStats

__all__ = ["EmbeddedStore", "GraphStore", "WriteStats", "open_store"]


def open_store(settings: Settings, backend: Backend | None = None) -> GraphStore:
    """The store the settings name: Neo4j when a URI is configured, else the embedded one.

    The embedded store opens the snapshot in the workspace; use ``EmbeddedStore()`` to
    build a new one.
    """
    chosen = backend or settings.effective_backend
    if chosen is Backend.NEO4J:
        from registry.store.neo4j_store import Neo4jStore

        if not settings.neo4j_uri:
            from registry.errors import ConfigurationError

            raise ConfigurationError(
                "the neo4j backend needs REGISTRY_NEO4J_URI (e.g. bolt://127.0.0.1:7687)"
            )
        password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
        return Neo4jStore(
            settings.neo4j_uri,
            settings.neo4j_user,
            password,
            database=settings.neo4j_database,
            batch_size=settings.neo4j_batch_size,
            timeout_s=settings.neo4j_timeout_s,
        )
    return EmbeddedStore.open(settings.workspace)
