"""The whole register read once from a store: what every exporter starts from."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from registry.model import Edge, EdgeRole, Node, NodeKind
from registry.store.protocol import GraphStore

__all__ = ["ExportReport", "Register", "read_register"]


@dataclass(frozen=True, slots=True)
class Register:
    """Nodes by id and edges sorted by id, so that every export is deterministic."""

    nodes: dict[str, Node]
    edges: tuple[Edge, ...]

    def kinds(self) -> dict[NodeKind, int]:
        counts: dict[NodeKind, int] = {}
        for node in self.nodes.values():
            counts[node.kind] = counts.get(node.kind, 0) + 1
        return counts


def read_register(
    store: GraphStore,
    kinds: Collection[NodeKind] | None = None,
    roles: Collection[EdgeRole] | None = None,
) -> Register:
    """Every node of ``kinds`` and every edge of ``roles`` (default: all) whose two ends
    were read; an edge to a node of another kind is left out."""
    wanted_kinds = list(kinds) if kinds is not None else list(NodeKind)
    wanted_roles = list(roles) if roles is not None else list(EdgeRole)
    nodes = {n.id: n for n in store.iter_nodes(wanted_kinds)}
    edges = sorted(
        (e for e in store.iter_edges(wanted_roles) if e.source in nodes and e.target in nodes),
        key=lambda e: e.id,
    )
    return Register(nodes=dict(sorted(nodes.items())), edges=tuple(edges))


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What an export of the graph wrote."""

    format: str
    path: str
    nodes: int
    edges: int
    files: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, str | int | list[str]]:
        return {
            "format": self.format,
            "path": self.path,
            "nodes": self.nodes,
            "edges": self.edges,
            "files": list(self.files),
        }
