"""The graph store protocol: what the analysis, API and pipeline need from a store."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol, runtime_checkable

from registry.model import Edge, EdgeRole, Node, NodeKind, Subgraph, make_id
from registry.search import SearchHit


@dataclass(frozen=True, slots=True)
class WriteStats:
    nodes: int
    edges: int
    seconds: float


@dataclass(frozen=True, slots=True)
class UltimateOwnerFact:
    """A derived ``ULTIMATE_OWNER_OF`` edge: ``owner`` ultimately owns or controls ``subject``.

    Percentages are of the subject's capital (and votes, where the register has votes).
    """

    owner: str
    subject: str
    basis: str
    effective_min: float
    effective_max: float
    as_of: date
    reasons: tuple[str, ...] = ()
    voting_min: float | None = None
    voting_max: float | None = None
    unknown_owner: bool = False

    @property
    def id(self) -> str:
        return make_id("uo", self.owner, self.subject, self.basis)


@dataclass(frozen=True, slots=True)
class CycleMark:
    """A derived mark on a node: it is a member of circular-ownership group ``group``."""

    node: str
    group: str
    size: int


@dataclass(frozen=True, slots=True)
class RiskMark:
    """A derived mark on a node (party or contract): its risk score, the flags that count
    towards it, the cleared ones shown but not scored, and the reasons (``registry risk``)."""

    node: str
    score: float
    codes: tuple[str, ...]
    reasons: tuple[str, ...]
    as_of: date
    cleared: tuple[str, ...] = ()


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

    def nodes_named(self, names: Sequence[str], kinds: Collection[NodeKind]) -> list[Node]:
        """Nodes of these kinds whose name is exactly one of ``names``, by id."""

    def search(self, text: str, kinds: Collection[NodeKind], limit: int) -> list[SearchHit]:
        """The best ``limit`` nodes of these kinds by name or RFC/CURP, ranked by
        ``registry.search.rank`` (the rules of what matches are written there)."""

    def upstream(self, node_id: str, max_nodes: int) -> Subgraph:
        """The node, every party with a chain of interests into it, and the edges among
        them; ``truncated`` is set when more than ``max_nodes`` parties were reached."""

    def downstream(self, node_id: str, max_nodes: int) -> Subgraph:
        """The node, every party it has a chain of interests into, the interest edges among
        them, and the other interest edges into those parties with their interested parties
        (not followed further), so that each share can be read against the rest of its
        company's capital; ``truncated`` as for ``upstream``."""

    def edges_of(self, node_ids: Sequence[str], roles: Collection[EdgeRole]) -> Subgraph:
        """Every edge of these roles with either end in ``node_ids``, and both ends."""

    def iter_edges(self, roles: Collection[EdgeRole]) -> Iterator[Edge]:
        """Every edge of these roles in the register, streamed (order not specified)."""

    def shareholdings(self, day: date) -> Iterator[tuple[str, str]]:
        """``(holder, held)`` of every direct shareholding (``OWNS``) active on ``day``,
        streamed, for the register-wide cycle sweep; those whose holder nobody holds, or
        whose held party holds nothing, may be left out (they cannot lie on a circle)."""

    def iter_nodes(self, kinds: Collection[NodeKind]) -> Iterator[Node]:
        """Every node of these kinds, streamed (order not specified)."""

    def replace_derived(
        self, basis: str, owners: Sequence[UltimateOwnerFact], cycles: Sequence[CycleMark]
    ) -> WriteStats:
        """Replace the ``ULTIMATE_OWNER_OF`` edges of ``basis`` and every cycle mark."""

    def derived_owners(self, subject: str | None = None) -> list[UltimateOwnerFact]:
        """The derived ``ULTIMATE_OWNER_OF`` edges (into ``subject``, or all), by id."""

    def cycle_marks(self) -> list[CycleMark]:
        """The derived cycle marks, by node id."""

    def replace_risk(self, marks: Sequence[RiskMark]) -> WriteStats:
        """Replace every risk mark (flags and score on nodes) by ``marks``."""

    def risk_marks(self) -> list[RiskMark]:
        """The stored risk marks, by node id."""

    def counts(self) -> dict[str, int]:
        """Number of nodes and edges, in total and by kind."""

    def ping(self) -> None:
        """Raise ``StoreUnavailableError`` when the store cannot answer."""

    def close(self) -> None:
        """Release connections."""


__all__ = ["CycleMark", "GraphStore", "RiskMark", "UltimateOwnerFact", "WriteStats"]
