"""``registry risk``: JSON shape, filters, the CSV report and writing into the store."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from ingest.cli import cli
from registry.model import Edge, Node
from registry.store import EmbeddedStore
from tests.registry.risk.builders import firm, flatten, hydrocarbon, listed, member
from tests.support.factories import owns, person, unknown


def _workspace(folder: Path) -> Path:
    items = flatten(
        [
            hydrocarbon("k", "2020-01-10"),
            firm("h", rfc="HHH010101AB1"),
            member("h", "k"),
            listed("h", "SAT 69-B", "Definitivo"),
            hydrocarbon("k2", "2020-01-10"),
            firm("g"),
            member("g", "k2"),
            unknown("u"),
            owns("u", "g", 100),
            firm("f"),
            member("f", "k2"),
            person("p"),
            owns("p", "f", 100),
        ]
    )
    store = EmbeddedStore(folder / "graph.jsonl")
    store.write(
        [i for i in items if isinstance(i, Node)], [i for i in items if isinstance(i, Edge)]
    )
    store.save()
    return folder


def test_risk_json_filters_csv_and_write(tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "ws")
    runner = CliRunner()
    base = ["--workspace", str(ws), "risk", "--as-of", "2024-06-30"]
    out = runner.invoke(cli, [*base, "--json", "--csv", str(tmp_path / "r.csv"), "--write"])
    assert out.exit_code == 0, out.output
    answer = json.loads(out.stdout)
    ids = [r["id"] for r in answer["results"]]
    assert "h" in ids
    assert "g" in ids
    assert "f" not in ids
    for r in answer["results"]:
        assert set(r) >= {"id", "name", "kind", "score", "flags"}
        for hit in r["flags"]:
            assert set(hit) >= {"code", "severity", "evidence"}
    with (tmp_path / "r.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["id"] for row in rows} == set(ids)
    assert EmbeddedStore.open(ws).risk_marks()

    only = json.loads(runner.invoke(cli, [*base, "--json", "--flag", "SAT_69B"]).stdout)
    assert [r["id"] for r in only["results"]] == ["h"]
    one = json.loads(runner.invoke(cli, [*base, "--json", "MX-RFC:HHH010101AB1"]).stdout)
    assert [r["id"] for r in one["results"]] == ["h"]
    high = json.loads(runner.invoke(cli, [*base, "--json", "--min-score", "25"]).stdout)
    assert all(r["score"] >= 25 for r in high["results"])
    assert high["results"]


def test_risk_unknown_id_fails_cleanly(tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "ws")
    out = CliRunner().invoke(cli, ["--workspace", str(ws), "risk", "NOPE"])
    assert out.exit_code == 1
    assert "NOPE" in out.output
