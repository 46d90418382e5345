"""The graph store protocol: what the analysis, API and pipeline need from a store."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from registry.model import Edge, Node, Subgraph


@dataclass(frozen=True, slots=True)
class WriteStats:
    nodes: int
    edges: int
    seconds: float


@runtime_checkable
class GraphStore(Protocol):
    """A graph of parties and interests. Writes are idempotent: the same batch twice
    leaves the store as after the first."""

    name: str

    def ensure_schema(self) -> None:
        """Create constraints and indexes (no-op where the store has none)."""

    def clear(self) -> None:
        """Remove every party and interest."""

    def write(self, nodes: Iterable[Node], edges: Iterable[Edge]) -> WriteStats:
        """Insert or replace nodes and edges by id, in batches."""

    def node(self, node_id: str) -> Node | None:
        """The node with this canonical id."""

    def find(self, ref: str) -> Node | None:
        """A node by canonical id, source record id, or identifier key (``MX-RFC:<rfc>``)."""

    def upstream(self, node_id: str, max_nodes: int) -> Subgraph:
        """The node, every party with a chain of interests into it, and the edges among
        them; ``truncated`` is set when more than ``max_nodes`` parties were reached."""

    def counts(self) -> dict[str, int]:
        """Number of nodes and edges, in total and by kind."""

    def ping(self) -> None:
        """Raise ``StoreUnavailableError`` when the store cannot answer."""

    def close(self) -> None:
        """Release connections."""
