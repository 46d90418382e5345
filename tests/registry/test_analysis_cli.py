"""The analysis commands as scripts use them: JSON shapes, tables, exit codes, both stores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from pydantic import SecretStr

from ingest.analysis_commands import COMMANDS
from registry.settings import Settings
from registry.store import EmbeddedStore
from registry.store.embedded import SNAPSHOT_NAME
from registry.store.neo4j_store import Neo4jStore
from tests.registry.sample_register import edges, nodes
from tests.support.neo4j_server import Neo4jServer

COMMAND = {c.name: c for c in COMMANDS}


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """A workspace with the sample register, in the embedded store or in Neo4j."""
    if request.param == "embedded":
        store = EmbeddedStore(tmp_path / SNAPSHOT_NAME)
        store.write(nodes(), edges())
        store.save()
        return Settings(workspace=tmp_path)
    server: Neo4jServer = request.getfixturevalue("neo4j")
    neo = Neo4jStore(server.uri, server.user, server.password)
    try:
        neo.ensure_schema()
        neo.clear()
        neo.write(nodes(), edges())
    finally:
        neo.close()
    return Settings(
        workspace=tmp_path,
        neo4j_uri=server.uri,
        neo4j_user=server.user,
        neo4j_password=SecretStr(server.password),
    )


def run(settings: Settings, name: str, *args: str, code: int = 0) -> Any:
    command: click.Command = COMMAND[name]
    result = CliRunner().invoke(command, list(args), obj=settings, catch_exceptions=False)
    assert result.exit_code == code, result.output
    return json.loads(result.stdout) if "--json" in args and code == 0 else result.output


def test_commands_are_exported() -> None:
    assert set(COMMAND) == {"holdings", "path", "contract", "cycles", "analyze"}


def test_holdings_json_and_table(settings: Settings) -> None:
    answer = run(settings, "holdings", "ana", "--as-of", "2021-01-01", "--json")
    assert set(answer) >= {"owner", "as_of", "holdings", "contracts", "circular"}
    first = answer["holdings"][0]
    assert set(first) >= {"id", "name", "kind", "effective", "voting", "controls", "paths"}
    assert {(c["name"], c["effective"]["min"]) for c in answer["contracts"]} == {
        ("CNH-R01-L01-A7/2015", 18.0),
        ("227855", 60.0),
    }
    assert "Petrolera" in run(settings, "holdings", "ana")


def test_path_json(settings: Settings) -> None:
    answer = run(settings, "path", "ana", "MX-RFC:PGO150101AB1", "--json")
    assert answer["direction"] == "source_holds_target"
    assert answer["shortest"]["ids"] == ["ana", "hn", "pg"]
    assert answer["effective"] == {"min": 30.0, "max": 30.0}
    assert "strongest" in run(settings, "path", "ana", "pg")


def test_contract_json_by_cnh_id_and_title(settings: Settings) -> None:
    answer = run(settings, "contract", "CNH-R01-L01-A7/2015", "--basis", "lfpiorpi", "--json")
    assert set(answer) >= {"contract", "as_of", "threshold", "holders", "beneficial_owners"}
    assert answer["threshold"]["basis"] == "lfpiorpi"
    holder = answer["holders"][0]
    assert set(holder) >= {"id", "participation", "operator", "owners", "traced", "untraced"}
    title = run(settings, "contract", "T-227855", "--as-of", "2022-03-01", "--json")
    assert [h["id"] for h in title["holders"]] == ["beto"]
    assert "Petrolera" in run(settings, "contract", "CNH-R01-L01-A7/2015")
    missing = run(settings, "contract", "CNH-NOPE", code=1)
    assert "T-227855" in missing


def test_cycles_json_shape(settings: Settings) -> None:
    answer = run(settings, "cycles", "--json")
    assert answer["cycles"] == [
        {
            "id": answer["cycles"][0]["id"],
            "members": ["co", "si"],
            "edges": [
                {
                    "id": "e-co-si",
                    "source": "co",
                    "target": "si",
                    "share": {"min": 70.0, "max": 70.0},
                },
                {
                    "id": "e-si-co",
                    "source": "si",
                    "target": "co",
                    "share": {"min": 80.0, "max": 80.0},
                },
            ],
            "example": ["co", "si", "co"],
        }
    ]
    assert "co, si" in run(settings, "cycles")


def test_analyze_writes_and_persists(settings: Settings) -> None:
    first = run(settings, "analyze", "--as-of", "2024-06-01", "--json")
    assert first["ultimate_owner_edges"] == 4
    assert first["cycles"] == 1
    again = run(settings, "analyze", "--as-of", "2024-06-01", "--json")
    assert again["ultimate_owner_edges"] == 4
    if settings.neo4j_uri is None:
        saved = EmbeddedStore.open(settings.workspace)
        assert len(saved.derived_owners("pg")) == 4
        assert [m.node for m in saved.cycle_marks()] == ["co", "si"]
    assert "ULTIMATE_OWNER_OF" in run(settings, "analyze", "--as-of", "2024-06-01")
