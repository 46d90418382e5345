"""The API tests' workspace, built once per session, and its graph in each store, written
once per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from registry.store import EmbeddedStore, GraphStore
from registry.store.neo4j_store import Neo4jStore
from tests.support.api_workspace import ApiWorkspace, build_api_workspace, fill
from tests.support.neo4j_server import Neo4jServer


@pytest.fixture(scope="session")
def api_workspace(tmp_path_factory: pytest.TempPathFactory) -> ApiWorkspace:
    return build_api_workspace(tmp_path_factory.mktemp("api-workspace"))


@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def api_store(request: pytest.FixtureRequest, api_workspace: ApiWorkspace) -> Iterator[GraphStore]:
    """The workspace's slice in each store in turn (read-only for the tests)."""
    if request.param == "embedded":
        embedded = EmbeddedStore()
        fill(embedded, api_workspace)
        yield embedded
        return
    server: Neo4jServer = request.getfixturevalue("neo4j")
    neo = Neo4jStore(server.uri, server.user, server.password, batch_size=500)
    try:
        neo.ensure_schema()
        neo.clear()
        fill(neo, api_workspace)
        yield neo
    finally:
        neo.close()
