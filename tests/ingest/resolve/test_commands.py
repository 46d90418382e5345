"""The resolution commands, run as the main group runs them (``ctx.obj`` = Settings)."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ingest.resolve.commands import COMMANDS
from registry.settings import Settings
from tests.ingest.resolve.factories import company_row, ingest, mention, person_row, rfc


@pytest.fixture
def cli(tmp_path: Path) -> click.Group:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    ingest(
        workspace,
        "decl.csv",
        [
            company_row("Minera Alfa SA de CV", "Holding Uno SA", declarer_rfc=rfc("MAL150820AB")),
            company_row("MINERA ALFA S.A. DE C.V.", "Holding Uno, S.A."),
            person_row("Minera Alfa SA de CV", "Juan", "Pérez", "Gómez"),
            person_row("Minera Alfa SA de CV", "JUAN", "PEREZ", "GOMEZ"),
        ],
    ).close()

    @click.group()
    @click.pass_context
    def group(ctx: click.Context) -> None:
        ctx.obj = Settings(workspace=workspace)

    for command in COMMANDS:
        group.add_command(command)
    return group


def test_resolve_prints_the_four_counts(cli: click.Group) -> None:
    result = CliRunner().invoke(cli, ["resolve", "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output)
    assert set(counts) == {"records", "entities", "merged", "possible"}
    assert counts["records"] == 4
    assert counts["merged"] >= 3
    human = CliRunner().invoke(cli, ["resolve"])
    assert human.exit_code == 0
    assert "entities" in human.output


def test_entities_are_json_lines_with_members(cli: click.Group) -> None:
    CliRunner().invoke(cli, ["resolve", "--json"])
    result = CliRunner().invoke(cli, ["entities", "--json"])
    assert result.exit_code == 0, result.output
    entities = [json.loads(line) for line in result.output.splitlines()]
    assert all(set(e) == {"id", "kind", "name", "identifiers", "members"} for e in entities)
    alfa = next(e for e in entities if mention("decl.csv", 1, "EMPRESA_DECLARANTE") in e["members"])
    assert mention("decl.csv", 2, "EMPRESA_DECLARANTE") in alfa["members"]
    assert alfa["identifiers"] == [f"MX-RFC:{rfc('MAL150820AB')}"]
    table = CliRunner().invoke(cli, ["entities"])
    assert table.exit_code == 0
    assert alfa["id"] in table.output


def test_judge_matches_and_explain(cli: click.Group, tmp_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["resolve", "--json"])
    a, b = mention("decl.csv", 3, "NOMBRE"), mention("decl.csv", 4, "NOMBRE")
    result = runner.invoke(cli, ["judge", a, b, "different", "--by", "ana", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["by"] == "ana"
    entities = [
        json.loads(x) for x in runner.invoke(cli, ["entities", "--json"]).output.splitlines()
    ]
    owner = {m: e["id"] for e in entities for m in e["members"]}
    assert owner[a] != owner[b]
    listed = runner.invoke(cli, ["matches", "--status", "all", "--json"])
    assert listed.exit_code == 0
    for line in listed.output.splitlines():
        assert {"entity_a", "entity_b", "probability", "levels", "status"} <= set(json.loads(line))
    explained = runner.invoke(
        cli, ["explain", owner[mention("decl.csv", 1, "EMPRESA_DECLARANTE")], "--json"]
    )
    assert explained.exit_code == 0, explained.output
    assert json.loads(explained.output)["merges"]
    out = tmp_path / "j.jsonl"
    assert runner.invoke(cli, ["judgements", "--export", str(out)]).exit_code == 0
    assert len(out.read_text().splitlines()) == 1


def test_errors_are_one_line_and_exit_1(cli: click.Group) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["resolve", "--json"])
    result = runner.invoke(cli, ["judge", "ent-nope", "ent-other", "same"])
    assert result.exit_code == 1
    assert "error:" in result.output
    bad = runner.invoke(cli, ["judge", "a", "b", "maybe"])
    assert bad.exit_code == 2


def test_no_ledger_is_a_clear_error(tmp_path: Path) -> None:
    @click.group()
    @click.pass_context
    def group(ctx: click.Context) -> None:
        ctx.obj = Settings(workspace=tmp_path / "empty")

    for command in COMMANDS:
        group.add_command(command)
    result = CliRunner().invoke(group, ["resolve"])
    assert result.exit_code == 1
    assert "registry ingest" in result.output
