"""Every export of a generated register: libcovebods passes the BODS export, the round trip
keeps every holder's owners, GraphML opens in networkx with the store's counts,
followthemoney parses the FtM export, the CSV tables have a row per node and edge.

The BODS export, libcovebods and the round trip run on the session's scale-10 sector (the
``sector10`` fixture, shared with the other truth tests); the other formats on a sector of
scale ``SCALE`` (2) to keep the suite fast. ``bench/export_bench.py --scale 10`` times them.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from followthemoney import model

from ingest.cli import cli
from ingest.export.cove import validate_bods
from ingest.export.ftm import export_ftm
from ingest.export.networks import export_graphml
from ingest.export.roundtrip import RoundTripReport, round_trip
from ingest.export.tables import EDGE_COLUMNS, NODE_COLUMNS, export_csv
from registry.model import NodeKind
from registry.store import EmbeddedStore
from tests.support.sector import Sector, build_sector

SCALE = 2


@pytest.fixture(scope="module")
def sector(tmp_path_factory: pytest.TempPathFactory) -> Sector:
    return build_sector(tmp_path_factory.mktemp("export-sector"), SCALE)


@pytest.fixture(scope="module")
def trip(
    sector10: Sector, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, RoundTripReport]:
    folder = tmp_path_factory.mktemp("export-trip")
    return folder, round_trip(sector10.store(), folder, as_of=date.today())


def test_libcovebods_finds_no_error_in_the_generated_register(
    trip: tuple[Path, RoundTripReport],
) -> None:
    folder, report = trip
    assert report.export.relationships > 20_000  # scale 10
    assert report.export.unspecified > 0
    result = validate_bods(folder / "register.bods.jsonl")
    assert result.schema_version == "0.4"
    assert [p.message for p in result.problems][:10] == []
    assert result.statistics["count_person_statements"] == report.export.persons


def test_the_round_trip_keeps_every_holders_owners(trip: tuple[Path, RoundTripReport]) -> None:
    _, report = trip
    assert report.holders > 10_000
    assert report.missing == []
    assert report.different == []
    assert report.same == report.holders


def test_graphml_opens_in_networkx_with_the_stores_counts(sector: Sector, tmp_path: Path) -> None:
    store = sector.store()
    counts = store.counts()
    export_graphml(store, tmp_path / "r.graphml")
    graph = nx.read_graphml(tmp_path / "r.graphml", force_multigraph=True)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (counts["nodes"], counts["edges"])
    kinds = Counter(data["kind"] for _, data in graph.nodes(data=True))
    assert kinds == {
        k.removeprefix("nodes:"): v for k, v in counts.items() if k.startswith("nodes:")
    }


def test_followthemoney_parses_every_entity_and_every_reference_resolves(
    sector: Sector, tmp_path: Path
) -> None:
    store = sector.store()
    report = export_ftm(store, tmp_path / "r.ftm.json")
    lines = (tmp_path / "r.ftm.json").read_text("utf-8").splitlines()
    assert len(lines) == report.nodes + report.edges
    proxies = [model.get_proxy(json.loads(line), cleaned=False) for line in lines]
    ids = {p.id for p in proxies}
    assert len(ids) == len(proxies)
    schemata = Counter(p.schema.name for p in proxies)
    for name in (
        "Person",
        "Company",
        "Ownership",
        "Directorship",
        "Contract",
        "License",
        "ContractAward",
        "Sanction",
    ):
        assert schemata[name] > 0, name
    persons = sum(1 for _ in store.iter_nodes([NodeKind.PERSON]))
    assert schemata["Person"] == persons
    for proxy, line in zip(proxies, lines, strict=True):
        for required in proxy.schema.required:
            assert proxy.get(required), (proxy.schema.name, required)
        raw = json.loads(line)["properties"]
        assert {k: len(v) for k, v in raw.items()} == {k: len(proxy.get(k)) for k in raw}
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in ids, (proxy.schema.name, prop.name)


def test_csv_tables_have_a_row_per_node_and_edge(sector: Sector, tmp_path: Path) -> None:
    store = sector.store()
    counts = store.counts()
    export_csv(store, tmp_path)
    with (tmp_path / "nodes.csv").open(encoding="utf-8-sig", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with (tmp_path / "edges.csv").open(encoding="utf-8-sig", newline="") as handle:
        edges = list(csv.DictReader(handle))
    assert (len(nodes), len(edges)) == (counts["nodes"], counts["edges"])
    assert list(nodes[0]) == list(NODE_COLUMNS)
    assert list(edges[0]) == list(EDGE_COLUMNS)
    ids = {n["id"] for n in nodes}
    assert all(e["source"] in ids and e["target"] in ids for e in edges)


def test_the_export_commands_write_and_validate(sector: Sector, tmp_path: Path) -> None:
    runner = CliRunner()
    workspace = ["--workspace", str(sector.settings.workspace)]
    out = tmp_path / "cli.bods.jsonl"
    result = runner.invoke(cli, [*workspace, "export", "bods", "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    lines = out.read_text("utf-8").splitlines()
    assert answer["statements"] == len(lines)
    entities = [line for line in lines if '"recordType":"entity"' in line][:200]
    small = tmp_path / "entities.jsonl"
    small.write_text("\n".join(entities), "utf-8")
    assert runner.invoke(cli, ["validate-bods", str(small)]).exit_code == 0
    small.write_text("\n".join(entities).replace('"registeredEntity"', '"company"', 1), "utf-8")
    result = runner.invoke(cli, ["validate-bods", str(small), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.output)["problems"][0]["type"] == "enum"
    tables = tmp_path / "tables"
    result = runner.invoke(cli, [*workspace, "export", "csv", "-o", str(tables), "--json"])
    assert result.exit_code == 0, result.output
    assert (
        json.loads(result.output)["nodes"]
        == EmbeddedStore.open(sector.settings.workspace).counts()["nodes"]
    )
