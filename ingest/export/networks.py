"""The register as a networkx graph, and as GraphML or GEXF files for Gephi and others.

One ``MultiDiGraph``: a node per party, contract, concession and listing, an edge per
interest, participation, award, position, listing… (two parties may be linked more than
once). Node attributes: ``kind``, ``label`` (the Neo4j label), ``name``, ``identifiers``,
``record_ids``, ``jurisdiction``, ``pep`` and the source's own facts prefixed ``attr_``;
edge attributes: ``type`` (the Neo4j relationship type), ``role``, ``interest_type``,
``share_min``/``share_max``, ``start_date``/``end_date``, ``details``, ``record_id``. A
value that is not known is left out rather than written empty, and every attribute has one
type across the graph (GraphML declares a type per key).

Example::

    graph = to_networkx(store, roles=[EdgeRole.CAPITAL])
    networkx.pagerank(graph)
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

import networkx as nx

from ingest.export.register import ExportReport, Register, read_register
from registry.model import Edge, EdgeRole, Node, NodeKind
from registry.schema import NODE_LABELS, edge_rel_type
from registry.store.protocol import GraphStore

__all__ = ["export_gexf", "export_graphml", "register_graph", "to_networkx"]

Scalar = str | int | float | bool


def _node_attributes(node: Node) -> dict[str, Scalar]:
    values: dict[str, Scalar | None] = {
        "kind": node.kind.value,
        "label": NODE_LABELS[node.kind],
        "name": node.name,
        "identifiers": " ".join(i.key for i in node.identifiers),
        "record_ids": " ".join(node.record_ids),
        "jurisdiction": node.jurisdiction,
        "pep": node.politically_exposed,
        "entity_type": node.entity_type,
        "entity_subtype": node.entity_subtype,
        "person_type": node.person_type,
        "unspecified_reason": node.unspecified_reason.value if node.unspecified_reason else None,
        "description": node.description,
        "incorporation_date": node.incorporation_date.isoformat()
        if node.incorporation_date
        else None,
        "address": node.address,
        "postal_code": node.postal_code,
    }
    for key, value in node.attributes.items():
        values[f"attr_{key}"] = value
    return {k: v for k, v in values.items() if v is not None and v != ""}


def _edge_attributes(edge: Edge) -> dict[str, Scalar]:
    values: dict[str, Scalar | None] = {
        "id": edge.id,
        "type": edge_rel_type(edge),
        "role": edge.role.value,
        "interest_type": edge.interest_type.value if edge.interest_type else None,
        "share_min": edge.share.min if edge.share else None,
        "share_max": edge.share.max if edge.share else None,
        "direct_or_indirect": edge.direct_or_indirect.value if edge.direct_or_indirect else None,
        "start_date": edge.start_date.isoformat() if edge.start_date else None,
        "end_date": edge.end_date.isoformat() if edge.end_date else None,
        "details": edge.details,
        "record_id": edge.record_id,
    }
    for key, value in edge.attributes.items():
        values[f"attr_{key}"] = value
    return {k: v for k, v in values.items() if v is not None and v != ""}


def _one_type_per_key(items: list[dict[str, Scalar]]) -> None:
    """Where a key holds values of different types, write them all as text."""
    types: dict[str, set[type]] = {}
    for item in items:
        for key, value in item.items():
            types.setdefault(key, set()).add(float if type(value) is int else type(value))
    mixed = {k for k, t in types.items() if len(t) > 1}
    for item in items:
        for key, value in item.items():
            if key in mixed:
                item[key] = str(value)
            elif type(value) is int:
                item[key] = float(value)


def register_graph(register: Register) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` of a register read from a store; edges keyed by edge id."""
    graph = nx.MultiDiGraph()
    node_values = [_node_attributes(n) for n in register.nodes.values()]
    edge_values = [_edge_attributes(e) for e in register.edges]
    _one_type_per_key(node_values)
    _one_type_per_key(edge_values)
    for node_id, values in zip(register.nodes, node_values, strict=True):
        graph.add_node(node_id, **values)
    for edge, values in zip(register.edges, edge_values, strict=True):
        graph.add_edge(edge.source, edge.target, key=edge.id, **values)
    return graph


def to_networkx(
    store: GraphStore,
    *,
    kinds: Collection[NodeKind] | None = None,
    roles: Collection[EdgeRole] | None = None,
) -> nx.MultiDiGraph:
    """The register (or the nodes of ``kinds`` and edges of ``roles``) as networkx."""
    return register_graph(read_register(store, kinds, roles))


def _report(fmt: str, path: Path, graph: Any) -> ExportReport:
    return ExportReport(
        format=fmt,
        path=str(path),
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        files=(str(path),),
    )


def export_graphml(store: GraphStore, path: Path) -> ExportReport:
    """Write the whole register as GraphML (opens in Gephi, yEd, networkx, igraph)."""
    graph = to_networkx(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(graph, path, named_key_ids=True)
    return _report("graphml", path, graph)


def export_gexf(store: GraphStore, path: Path) -> ExportReport:
    """Write the whole register as GEXF 1.2 (Gephi's own format)."""
    graph = to_networkx(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    # GEXF has its own id and label for edges; keep ours as attributes under other names.
    for _, _, data in graph.edges(data=True):
        data["edge_id"] = data.pop("id")
        data["rel_type"] = data.pop("type")
    for _, data in graph.nodes(data=True):
        data["neo4j_label"] = data.pop("label")
        data["label"] = str(data.get("name") or "")
    nx.write_gexf(graph, path)
    return _report("gexf", path, graph)
