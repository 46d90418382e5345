"""The embedded store: the graph in memory, saved as a JSON Lines snapshot in the workspace.

The default when no Neo4j is configured, so that a new user needs nothing but Python.
``registry load`` builds it from the ledger and saves the snapshot; readers open it.
Derived facts (``registry analyze``) live beside the graph and are saved with it.
"""

from __future__ import annotations

import gc
import json
import os
import time
from collections import Counter, defaultdict, deque
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from registry.errors import NotFoundError, StoreUnavailableError
from registry.model import Edge, EdgeRole, Node, NodeKind, Subgraph
from registry.search import SearchHit, rank
from registry.store.protocol import CycleMark, RiskMark, UltimateOwnerFact, WriteStats

SNAPSHOT_NAME = "graph.jsonl"
_FORMAT = "registry-embedded-graph/2"
_READABLE = {"registry-embedded-graph/1", _FORMAT}


def _fact_from(value: dict[str, Any]) -> UltimateOwnerFact:
    return UltimateOwnerFact(
        **{
            **value,
            "as_of": date.fromisoformat(value["as_of"]),
            "reasons": tuple(value.get("reasons", ())),
        }
    )


def _risk_from(value: dict[str, Any]) -> RiskMark:
    return RiskMark(
        node=value["node"],
        score=float(value["score"]),
        codes=tuple(value.get("codes", ())),
        reasons=tuple(value.get("reasons", ())),
        as_of=date.fromisoformat(value["as_of"]),
        cleared=tuple(value.get("cleared", ())),
    )


class EmbeddedStore:
    """In-memory graph with the lookups of the protocol."""

    name = "embedded"

    def __init__(self, snapshot: Path | None = None) -> None:
        self.snapshot = snapshot
        self._nodes: dict[str, Node] = {}
        self._edges: dict[str, Edge] = {}
        self._in: dict[str, set[str]] = defaultdict(set)
        self._out: dict[str, set[str]] = defaultdict(set)
        self._aliases: dict[str, set[str]] = defaultdict(set)
        self._names: dict[str, set[str]] = defaultdict(set)
        self._derived: dict[str, UltimateOwnerFact] = {}
        self._marks: dict[str, CycleMark] = {}
        self._risk: dict[str, RiskMark] = {}

    # -- persistence -------------------------------------------------------------------
    @classmethod
    def open(cls, workspace: Path) -> EmbeddedStore:
        """Load the snapshot that ``registry load`` wrote in ``workspace``."""
        path = workspace / SNAPSHOT_NAME
        store = cls(path)
        if not path.exists():
            raise NotFoundError(
                f"no embedded graph in {workspace}: run `registry --workspace {workspace} load` "
                "after ingesting",
                path=str(path),
            )
        nodes: list[Node] = []
        edges: list[Edge] = []
        with path.open(encoding="utf-8") as handle:
            header = json.loads(handle.readline() or "{}")
            if header.get("format") not in _READABLE:
                raise StoreUnavailableError(
                    f"{path} is not an embedded graph snapshot of this version; run load again",
                    path=str(path),
                )
            for line in handle:
                item = json.loads(line)
                kind = item["type"]
                if kind == "node":
                    nodes.append(Node.model_validate(item["value"]))
                elif kind == "edge":
                    edges.append(Edge.model_validate(item["value"]))
                elif kind == "ultimate_owner":
                    fact = _fact_from(item["value"])
                    store._derived[fact.id] = fact
                elif kind == "cycle_mark":
                    mark = CycleMark(**item["value"])
                    store._marks[mark.node] = mark
                elif kind == "risk_mark":
                    risk = _risk_from(item["value"])
                    store._risk[risk.node] = risk
        store.write(nodes, edges)
        return store

    def save(self, path: Path | None = None) -> Path:
        """Write the snapshot atomically (a crash never leaves half a file)."""
        target = path or self.snapshot
        if target is None:
            raise ValueError("no snapshot path given")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as handle:
            handle.write(json.dumps({"format": _FORMAT}) + "\n")
            for node_id in sorted(self._nodes):
                value = self._nodes[node_id].model_dump(mode="json")
                handle.write(json.dumps({"type": "node", "value": value}) + "\n")
            for edge_id in sorted(self._edges):
                value = self._edges[edge_id].model_dump(mode="json")
                handle.write(json.dumps({"type": "edge", "value": value}) + "\n")
            for fact_id in sorted(self._derived):
                fact = asdict(self._derived[fact_id])
                fact["as_of"] = fact["as_of"].isoformat()
                fact["reasons"] = list(fact["reasons"])
                handle.write(json.dumps({"type": "ultimate_owner", "value": fact}) + "\n")
            for node_id in sorted(self._marks):
                mark = asdict(self._marks[node_id])
                handle.write(json.dumps({"type": "cycle_mark", "value": mark}) + "\n")
            for node_id in sorted(self._risk):
                risk = asdict(self._risk[node_id])
                risk["as_of"] = risk["as_of"].isoformat()
                handle.write(json.dumps({"type": "risk_mark", "value": risk}) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(target)
        return target

    # -- protocol ----------------------------------------------------------------------
    def ensure_schema(self) -> None:
        return None

    def clear(self) -> None:
        self._nodes.clear()
        self._edges.clear()
        self._in.clear()
        self._out.clear()
        self._aliases.clear()
        self._names.clear()
        self._derived.clear()
        self._marks.clear()
        self._risk.clear()

    def write(self, nodes: Iterable[Node], edges: Iterable[Edge]) -> WriteStats:
        start = time.perf_counter()
        n = e = 0
        for node in nodes:
            old = self._nodes.get(node.id)
            if old is not None:
                for alias in _aliases(old):
                    self._aliases[alias].discard(old.id)
                self._names[old.name].discard(old.id)
                # A node written again loses its derived marks, as in Neo4j (SET n = row).
                self._marks.pop(node.id, None)
                self._risk.pop(node.id, None)
            self._nodes[node.id] = node
            for alias in _aliases(node):
                self._aliases[alias].add(node.id)
            if not node.kind.is_party:
                self._names[node.name].add(node.id)
            n += 1
        for edge in edges:
            old_edge = self._edges.get(edge.id)
            if old_edge is not None:
                self._in[old_edge.target].discard(edge.id)
                self._out[old_edge.source].discard(edge.id)
            self._edges[edge.id] = edge
            self._in[edge.target].add(edge.id)
            self._out[edge.source].add(edge.id)
            e += 1
        if n + e >= _SETTLE_AFTER:
            _settle()
        return WriteStats(nodes=n, edges=e, seconds=time.perf_counter() - start)

    def node(self, node_id: str) -> Node | None:
        return self._nodes.get(node_id)

    def find(self, ref: str) -> Node | None:
        if ref in self._nodes:
            return self._nodes[ref]
        ids = sorted(self._aliases.get(ref, ()))
        return self._nodes[ids[0]] if ids else None

    def nodes_named(self, names: Sequence[str], kinds: Collection[NodeKind]) -> list[Node]:
        wanted = set(kinds)
        ids = {i for name in names for i in self._names.get(name, ())}
        ids |= {
            n.id
            for n in self._nodes.values()
            if n.kind.is_party and n.kind in wanted and n.name in names
        }
        return [self._nodes[i] for i in sorted(ids) if self._nodes[i].kind in wanted]

    def search(self, text: str, kinds: Collection[NodeKind], limit: int) -> list[SearchHit]:
        wanted = set(kinds)
        return rank(text, (n for n in self._nodes.values() if n.kind in wanted), wanted, limit)

    def upstream(self, node_id: str, max_nodes: int) -> Subgraph:
        if node_id not in self._nodes:
            raise NotFoundError(f"no party with id {node_id!r}", id=node_id)
        seen = {node_id}
        edges: list[Edge] = []
        queue = deque([node_id])
        truncated = False
        while queue:
            current = queue.popleft()
            for edge_id in sorted(self._in.get(current, ())):
                edge = self._edges[edge_id]
                if not edge.role.is_interest or edge.source not in self._nodes:
                    continue
                if edge.source not in seen:
                    if len(seen) > max_nodes:
                        truncated = True
                        continue
                    seen.add(edge.source)
                    queue.append(edge.source)
                edges.append(edge)
        nodes = {i: self._nodes[i] for i in sorted(seen)}
        return Subgraph(nodes=nodes, edges=tuple(edges), truncated=truncated)

    def downstream(self, node_id: str, max_nodes: int) -> Subgraph:
        if node_id not in self._nodes:
            raise NotFoundError(f"no party with id {node_id!r}", id=node_id)
        seen = {node_id}
        order = [node_id]
        queue = deque([node_id])
        truncated = False
        while queue:
            current = queue.popleft()
            for edge_id in sorted(self._out.get(current, ())):
                edge = self._edges[edge_id]
                if not edge.role.is_interest or edge.target not in self._nodes:
                    continue
                if edge.target not in seen:
                    if len(seen) > max_nodes:
                        truncated = True
                        continue
                    seen.add(edge.target)
                    order.append(edge.target)
                    queue.append(edge.target)
        # Every interest into a reached party, also from parties outside: the rest of its
        # capital, against which each share is read.
        nodes = set(seen)
        edges: dict[str, Edge] = {}
        for target in order:
            for edge_id in self._in.get(target, ()):
                edge = self._edges[edge_id]
                if edge.role.is_interest and edge.source in self._nodes:
                    edges[edge_id] = edge
                    nodes.add(edge.source)
        return Subgraph(
            nodes={i: self._nodes[i] for i in sorted(nodes)},
            edges=tuple(edges[i] for i in sorted(edges)),
            truncated=truncated,
        )

    def edges_of(self, node_ids: Sequence[str], roles: Collection[EdgeRole]) -> Subgraph:
        wanted = set(roles)
        edges: dict[str, Edge] = {}
        for node_id in node_ids:
            for edge_id in (*self._in.get(node_id, ()), *self._out.get(node_id, ())):
                edge = self._edges[edge_id]
                if (
                    edge.role in wanted
                    and edge.source in self._nodes
                    and edge.target in self._nodes
                ):
                    edges[edge_id] = edge
        ids = {i for i in node_ids if i in self._nodes}
        ids |= {x for e in edges.values() for x in (e.source, e.target)}
        return Subgraph(
            nodes={i: self._nodes[i] for i in sorted(ids)},
            edges=tuple(edges[i] for i in sorted(edges)),
        )

    def iter_edges(self, roles: Collection[EdgeRole]) -> Iterator[Edge]:
        wanted = set(roles)
        for edge in list(self._edges.values()):
            if edge.role in wanted and edge.source in self._nodes and edge.target in self._nodes:
                yield edge

    def shareholdings(self, day: date) -> Iterator[tuple[str, str]]:
        # As in Neo4j: "held" and "holds" by any shareholding, whatever its dates.
        links: list[tuple[str, str]] = []
        holders: set[str] = set()
        held: set[str] = set()
        for edge in self._edges.values():
            if edge.role is not EdgeRole.CAPITAL:
                continue
            if edge.source not in self._nodes or edge.target not in self._nodes:
                continue
            holders.add(edge.source)
            held.add(edge.target)
            if not edge.declared_indirect and edge.active_on(day):
                links.append((edge.source, edge.target))
        for source, target in links:
            if source in held and target in holders:
                yield source, target

    def iter_nodes(self, kinds: Collection[NodeKind]) -> Iterator[Node]:
        wanted = set(kinds)
        for node in list(self._nodes.values()):
            if node.kind in wanted:
                yield node

    def replace_derived(
        self, basis: str, owners: Sequence[UltimateOwnerFact], cycles: Sequence[CycleMark]
    ) -> WriteStats:
        start = time.perf_counter()
        self._derived = {k: v for k, v in self._derived.items() if v.basis != basis}
        for fact in owners:
            if fact.owner in self._nodes and fact.subject in self._nodes:
                self._derived[fact.id] = fact
        self._marks = {m.node: m for m in cycles if m.node in self._nodes}
        return WriteStats(
            nodes=len(self._marks), edges=len(owners), seconds=time.perf_counter() - start
        )

    def derived_owners(self, subject: str | None = None) -> list[UltimateOwnerFact]:
        return [
            self._derived[i]
            for i in sorted(self._derived)
            if subject is None or self._derived[i].subject == subject
        ]

    def cycle_marks(self) -> list[CycleMark]:
        return [self._marks[i] for i in sorted(self._marks)]

    def replace_risk(self, marks: Sequence[RiskMark]) -> WriteStats:
        start = time.perf_counter()
        self._risk = {m.node: m for m in marks if m.node in self._nodes}
        return WriteStats(nodes=len(self._risk), edges=0, seconds=time.perf_counter() - start)

    def risk_marks(self) -> list[RiskMark]:
        return [self._risk[i] for i in sorted(self._risk)]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {"nodes": len(self._nodes), "edges": len(self._edges)}
        out.update(
            {
                f"nodes:{k}": v
                for k, v in Counter(n.kind.value for n in self._nodes.values()).items()
            }
        )
        return out

    def ping(self) -> None:
        return None

    def close(self) -> None:
        return None


#: Writes at least this large move the graph out of the garbage collector's way.
_SETTLE_AFTER = 20_000


def _settle() -> None:
    """Collect once, then freeze what lives: the graph is long-lived and holds no cycles
    to collect, and a full collection walking a million objects in the middle of a
    question would cost it a second (the p99 of ``owners`` showed it)."""
    gc.collect()
    gc.freeze()


def _aliases(node: Node) -> list[str]:
    keys = [*node.record_ids, *(i.key for i in node.identifiers)]
    # A person's RFC is MEX-TAXID in BODS; people look it up as MX-RFC too.
    keys += [f"MX-RFC:{i.id}" for i in node.identifiers if i.scheme == "MEX-TAXID"]
    return keys
