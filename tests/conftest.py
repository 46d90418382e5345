"""Session fixtures: the real Neo4j server and the two graph stores."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from registry.store import EmbeddedStore, GraphStore
from registry.store.neo4j_store import Neo4jStore
from tests.support import neo4j_server
from tests.support.paths import in_ci
from tests.support.sector import Sector, build_sector


@pytest.fixture(scope="session")
def neo4j() -> Iterator[neo4j_server.Neo4jServer]:
    """A reachable Neo4j: the configured one, or one this session starts and stops."""
    server = neo4j_server.configured()
    if server is not None:
        yield server
        return
    try:
        server = neo4j_server.start()
    except RuntimeError as exc:
        if in_ci():
            pytest.fail(f"CI needs a real Neo4j and none could be started: {exc}")
        pytest.skip(f"no Neo4j: {exc}")
    try:
        yield server
    finally:
        neo4j_server.stop(server)


@pytest.fixture
def neo4j_store(neo4j: neo4j_server.Neo4jServer) -> Iterator[Neo4jStore]:
    store = Neo4jStore(neo4j.uri, neo4j.user, neo4j.password, batch_size=500)
    store.ensure_schema()
    store.clear()
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest) -> GraphStore:
    """Each store in turn: the conformance suite runs against both."""
    if request.param == "embedded":
        return EmbeddedStore()
    neo: GraphStore = request.getfixturevalue("neo4j_store")
    return neo


@pytest.fixture(scope="session")
def sector10(tmp_path_factory: pytest.TempPathFactory) -> Sector:
    """The generated sector at scale 10, ingested, resolved and loaded (embedded), once.

    Shared by every test that checks against the generator's truth: read it, never write.
    """
    return build_sector(tmp_path_factory.mktemp("sector10"), 10)
