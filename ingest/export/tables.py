"""The register as two CSV tables for spreadsheets: ``nodes.csv`` and ``edges.csv``.

UTF-8 with a byte-order mark, so that spreadsheet programs read accents right. One row per
node and per edge, with the same columns as the GraphML export; the source's own facts
go into one ``attributes`` column as JSON, and ``sources`` lists the files and rows.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Final

from ingest.export.register import ExportReport, read_register
from registry.model import Edge, Node
from registry.schema import NODE_LABELS, edge_rel_type
from registry.store.protocol import GraphStore

__all__ = ["EDGE_COLUMNS", "NODE_COLUMNS", "export_csv"]

NODE_COLUMNS: Final = (
    "id",
    "kind",
    "label",
    "name",
    "identifiers",
    "record_ids",
    "jurisdiction",
    "pep",
    "entity_type",
    "entity_subtype",
    "person_type",
    "unspecified_reason",
    "description",
    "incorporation_date",
    "address",
    "postal_code",
    "attributes",
    "sources",
)
EDGE_COLUMNS: Final = (
    "id",
    "source",
    "target",
    "type",
    "role",
    "interest_type",
    "share_min",
    "share_max",
    "direct_or_indirect",
    "start_date",
    "end_date",
    "details",
    "record_id",
    "attributes",
    "sources",
)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _node_row(node: Node) -> list[str]:
    values: list[object] = [
        node.id,
        node.kind.value,
        NODE_LABELS[node.kind],
        node.name,
        " ".join(i.key for i in node.identifiers),
        " ".join(node.record_ids),
        node.jurisdiction,
        node.politically_exposed,
        node.entity_type,
        node.entity_subtype,
        node.person_type,
        node.unspecified_reason.value if node.unspecified_reason else None,
        node.description,
        node.incorporation_date,
        node.address,
        node.postal_code,
        json.dumps(node.attributes, ensure_ascii=False, sort_keys=True) if node.attributes else "",
        " | ".join(node.sources),
    ]
    return [_text(v) for v in values]


def _edge_row(edge: Edge) -> list[str]:
    values: list[object] = [
        edge.id,
        edge.source,
        edge.target,
        edge_rel_type(edge),
        edge.role.value,
        edge.interest_type.value if edge.interest_type else None,
        edge.share.min if edge.share else None,
        edge.share.max if edge.share else None,
        edge.direct_or_indirect.value if edge.direct_or_indirect else None,
        edge.start_date,
        edge.end_date,
        edge.details,
        edge.record_id,
        json.dumps(edge.attributes, ensure_ascii=False, sort_keys=True) if edge.attributes else "",
        " | ".join(edge.sources),
    ]
    return [_text(v) for v in values]


def export_csv(store: GraphStore, folder: Path) -> ExportReport:
    """Write ``nodes.csv`` and ``edges.csv`` of the whole register into ``folder``."""
    register = read_register(store)
    folder.mkdir(parents=True, exist_ok=True)
    nodes_path, edges_path = folder / "nodes.csv", folder / "edges.csv"
    with nodes_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(NODE_COLUMNS)
        writer.writerows(_node_row(n) for n in register.nodes.values())
    with edges_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(EDGE_COLUMNS)
        writer.writerows(_edge_row(e) for e in register.edges)
    return ExportReport(
        format="csv",
        path=str(folder),
        nodes=len(register.nodes),
        edges=len(register.edges),
        files=(str(nodes_path), str(edges_path)),
    )
