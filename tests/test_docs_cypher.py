"""Every query of docs/cypher-cookbook.md runs on a real Neo4j loaded by the registry and
finds what it promises on the generated sector (scale 1), after `analyze` and `risk`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from neo4j import GraphDatabase
from pydantic import SecretStr

from ingest.generate.world import REF_DATE
from ingest.pipeline import load
from registry.queries import analyze_register
from registry.risk import assess
from registry.settings import Backend
from registry.store import open_store
from tests.support import neo4j_server
from tests.support.sector import build_sector

pytestmark = pytest.mark.neo4j

COOKBOOK = Path(__file__).resolve().parents[1] / "docs" / "cypher-cookbook.md"
_BLOCK = re.compile(r"```cypher\n(.*?)```", re.S)
_PARAMS = re.compile(r"^// params: (\{.*\})\n", re.M)


@dataclass(frozen=True)
class Query:
    text: str
    params: dict[str, str]
    heading: str


def _queries() -> list[Query]:
    text = COOKBOOK.read_text(encoding="utf-8")
    out: list[Query] = []
    for match in _BLOCK.finditer(text):
        body = match.group(1)
        found = _PARAMS.match(body)
        params = json.loads(found.group(1)) if found else {}
        heading = re.findall(r"^## (.+)$", text[: match.start()], re.M)[-1]
        out.append(Query(_PARAMS.sub("", body), params, heading))
    return out


@pytest.fixture(scope="module")
def loaded(
    neo4j: neo4j_server.Neo4jServer, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    """The scale-1 sector in Neo4j, analysed; the values the cookbook's ``@`` names stand for."""
    sector = build_sector(tmp_path_factory.mktemp("cookbook"), 1)
    settings = sector.settings.model_copy(
        update={
            "neo4j_uri": neo4j.uri,
            "neo4j_user": neo4j.user,
            "neo4j_password": SecretStr(neo4j.password),
        }
    )
    load(settings, Backend.NEO4J)
    store = open_store(settings, Backend.NEO4J)
    try:
        analyze_register(store, as_of=REF_DATE)
        assess(store, as_of=REF_DATE, write=True)
    finally:
        store.close()
    with GraphDatabase.driver(neo4j.uri, auth=(neo4j.user, neo4j.password)) as driver:
        pick = driver.execute_query(
            "MATCH (o:Person)-[:ULTIMATE_OWNER_OF]->(h:Company)-[:PARTY_TO|HOLDS]->(k) "
            "WHERE h.rfc IS NOT NULL AND EXISTS { (o)-[:OWNS]->() } "
            "RETURN h.id AS holder, o.id AS owner, k.id AS contract, h.rfc AS rfc LIMIT 1"
        ).records
    assert pick, "the generated sector has no analysed holder"
    return {f"@{k}": v for k, v in pick[0].data().items()}


@pytest.mark.parametrize("query", _queries(), ids=lambda q: q.heading[:40])
def test_cookbook_query_runs_and_finds_rows(
    query: Query, loaded: dict[str, str], neo4j: neo4j_server.Neo4jServer
) -> None:
    params: dict[str, Any] = {k: loaded.get(v, v) for k, v in query.params.items()}
    with GraphDatabase.driver(neo4j.uri, auth=(neo4j.user, neo4j.password)) as driver:
        records = driver.execute_query(query.text, params).records
    assert records, f"no rows for: {query.text}"


def test_the_cookbook_has_queries_for_each_question() -> None:
    headings = {q.heading for q in _queries()}
    assert len(_queries()) >= 12
    assert {"Circular ownership", "Red flags"} <= headings
