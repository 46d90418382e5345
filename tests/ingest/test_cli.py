"""The command line as scripts use it: JSON shapes, exit codes, both backends alike."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ingest.cli import cli
from tests.support.neo4j_server import Neo4jServer
from tests.support.paths import EXAMPLES, FIXTURES, require


def run(workspace: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    result = CliRunner().invoke(
        cli, ["--workspace", str(workspace), *args], env=env or {}, catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--json" in args else result.stdout


def test_ingest_json_report_shape(tmp_path: Path) -> None:
    path = require(FIXTURES) / "core" / "01-direct-ownership.json"
    report = run(tmp_path, "ingest", "bods", str(path), "--json")
    (entry,) = report["files"]
    assert {"path", "read", "loaded", "quarantined", "duplicates", "reasons"} <= set(entry)
    assert (entry["read"], entry["loaded"], entry["quarantined"]) == (3, 3, 0)


def test_owners_json_shape_and_table(tmp_path: Path) -> None:
    run(tmp_path, "ingest", "bods", str(require(FIXTURES) / "core" / "01-direct-ownership.json"))
    run(tmp_path, "load", "--backend", "embedded")
    answer = run(tmp_path, "owners", "rec-acme-holdings-ltd", "--json")
    assert set(answer) >= {"subject", "owners", "traced", "unspecified", "circular"}
    (owner,) = answer["owners"]
    assert set(owner) >= {"id", "name", "kind", "effective", "beneficial_owner", "reasons", "paths"}
    assert owner["effective"] == {"min": 75.0, "max": 75.0}
    table = run(tmp_path, "owners", "GB-COH:10000001", "--basis", "lfpiorpi")
    assert "Jane Smith" in table
    assert "traced to natural persons: 75" in table


def test_errors_exit_one_with_a_message(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["--workspace", str(tmp_path), "ingest", "bods", "nope.json"])
    assert missing.exit_code == 1
    assert "nope.json" in missing.output
    unknown = runner.invoke(cli, ["--workspace", str(tmp_path), "ingest", "foo", __file__])
    assert unknown.exit_code == 1
    assert "bods" in unknown.output
    no_graph = runner.invoke(cli, ["--workspace", str(tmp_path), "owners", "x"])
    assert no_graph.exit_code == 1
    assert "registry" in no_graph.output
    assert "load" in no_graph.output
    bad_date = runner.invoke(cli, ["--workspace", str(tmp_path), "owners", "x", "--as-of", "2020"])
    assert bad_date.exit_code == 2


def _parties(path: Path) -> list[str]:
    """Record ids of the entities and persons whose latest statement is not closed."""
    status: dict[str, str] = {}
    for s in json.loads(path.read_text()):
        if s.get("recordType") in ("entity", "person"):
            status[s["recordId"]] = s.get("recordStatus", "new")
    return sorted(r for r, st in status.items() if st != "closed")


@pytest.mark.neo4j
def test_owners_json_identical_on_both_backends_for_every_example(
    tmp_path: Path, neo4j: Neo4jServer
) -> None:
    files = sorted(require(EXAMPLES).glob("*.json")) + sorted(require(FIXTURES).rglob("*.json"))
    assert len(files) == 22
    env = {
        "REGISTRY_NEO4J_URI": neo4j.uri,
        "REGISTRY_NEO4J_USER": neo4j.user,
        "REGISTRY_NEO4J_PASSWORD": neo4j.password,
    }
    compared = 0
    for path in files:
        workspace = tmp_path / path.stem
        run(workspace, "ingest", "bods", str(path), "--json")
        embedded = run(workspace, "load", "--backend", "embedded", "--json")
        loaded = run(workspace, "load", "--backend", "neo4j", "--json", env=env)
        assert (loaded["nodes"], loaded["edges"]) == (embedded["nodes"], embedded["edges"])
        for party in _parties(path):
            args = ("owners", party, "--as-of", "2026-01-01", "--json")
            a = run(workspace, *args, "--backend", "embedded")
            b = run(workspace, *args, "--backend", "neo4j", env=env)
            assert a == b, (path.name, party)
            compared += 1
    assert compared >= 50  # every current party of the 22 files
