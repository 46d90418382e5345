"""GraphML, GEXF, CSV and FtM exports of a small register, on both stores."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from followthemoney import model

from ingest.export.ftm import export_ftm
from ingest.export.networks import export_gexf, export_graphml, to_networkx
from registry.model import Edge, EdgeRole, Node, NodeKind
from registry.store import GraphStore
from tests.registry import sample_register

LISTING = Node(id="li-1", kind=NodeKind.LISTING, name="SAT 69-B: SIE150101AB1")
LISTED = Edge(
    id="e-si-li", source="si", target="li-1", role=EdgeRole.LISTING, attributes={"list": "SAT 69-B"}
)


def _load(store: GraphStore) -> GraphStore:
    store.write([*sample_register.nodes(), LISTING], [*sample_register.edges(), LISTED])
    return store


def test_graphml_keeps_every_node_edge_and_attribute(store: GraphStore, tmp_path: Path) -> None:
    report = export_graphml(_load(store), tmp_path / "r.graphml")
    graph = nx.read_graphml(tmp_path / "r.graphml", force_multigraph=True)
    counts = store.counts()
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (counts["nodes"], counts["edges"])
    assert (report.nodes, report.edges) == (counts["nodes"], counts["edges"])
    assert graph.nodes["fi"]["label"] == "Trust"
    assert graph.nodes["dario"]["pep"] is True
    assert graph.nodes["pg"]["identifiers"] == "MX-RFC:PGO150101AB1"
    owns = graph.get_edge_data("ana", "hn")["e-ana-hn"]
    assert (owns["type"], owns["share_min"], owns["share_max"]) == ("OWNS", 60.0, 60.0)
    assert graph.get_edge_data("carla", "fi")["e-carla-fi"]["type"] == "SETTLOR_OF"
    assert graph.get_edge_data("pg", "hc-1")["e-pg-hc"]["attr_operator"] is True


def test_gexf_opens_in_networkx(store: GraphStore, tmp_path: Path) -> None:
    export_gexf(_load(store), tmp_path / "r.gexf")
    graph = nx.read_gexf(tmp_path / "r.gexf")
    assert graph.number_of_nodes() == store.counts()["nodes"]
    assert graph.number_of_edges() == store.counts()["edges"]
    assert graph.nodes["pg"]["label"] == "Petrolera Golfo"


def test_a_part_of_the_register_as_networkx(store: GraphStore) -> None:
    graph = to_networkx(
        _load(store),
        kinds=[k for k in NodeKind if k.is_party],
        roles=[EdgeRole.CAPITAL],
    )
    assert "hc-1" not in graph
    assert all(d["role"] == "capital" for _, _, d in graph.edges(data=True))
    assert set(nx.descendants(graph, "ana")) >= {"hn", "pg", "mp"}


def test_ftm_entities_parse_and_say_who_owns_what(store: GraphStore, tmp_path: Path) -> None:
    export_ftm(_load(store), tmp_path / "r.ftm.json")
    proxies = {
        p.id: p
        for p in (
            model.get_proxy(json.loads(line), cleaned=False)
            for line in (tmp_path / "r.ftm.json").read_text("utf-8").splitlines()
        )
    }
    assert proxies["dario"].get("topics") == ["role.pep"]
    assert proxies["si"].get("topics") == ["crime.fraud"]
    ownership = proxies["e-ana-hn"]
    assert ownership.schema.name == "Ownership"
    assert (ownership.first("owner"), ownership.first("asset")) == ("ana", "hn")
    assert ownership.first("percentage") == "60"
    assert proxies["e-pg-hc"].schema.name == "ContractAward"
    assert proxies["e-pg-hc"].first("role") == "operator"
    assert proxies["mc-1"].schema.name == "License"
    assert proxies["e-si-li"].schema.name == "Sanction"
    assert proxies["un"].schema.name == "LegalEntity"
