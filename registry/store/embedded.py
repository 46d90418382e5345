"""The embedded store: the graph in memory, saved as a JSON Lines snapshot in the workspace.

The default when no Neo4j is configured, so that a new user needs nothing but Python.
``registry load`` builds it from the ledger and saves the snapshot; readers open it.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from pathlib import Path

from registry.errors import NotFoundError, StoreUnavailableError
from registry.model import Edge, Node, Subgraph
from registry.store.protocol import WriteStats

SNAPSHOT_NAME = "graph.jsonl"
_FORMAT = "registry-embedded-graph/1"


class EmbeddedStore:
    """In-memory graph with the lookups of the protocol."""

    name = "embedded"

    def __init__(self, snapshot: Path | None = None) -> None:
        self.snapshot = snapshot
        self._nodes: dict[str, Node] = {}
        self._edges: dict[str, Edge] = {}
        self._in: dict[str, set[str]] = defaultdict(set)
        self._aliases: dict[str, set[str]] = defaultdict(set)

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
            if header.get("format") != _FORMAT:
                raise StoreUnavailableError(
                    f"{path} is not an embedded graph snapshot of this version; run load again",
                    path=str(path),
                )
            for line in handle:
                item = json.loads(line)
                if item["type"] == "node":
                    nodes.append(Node.model_validate(item["value"]))
                else:
                    edges.append(Edge.model_validate(item["value"]))
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
        self._aliases.clear()

    def write(self, nodes: Iterable[Node], edges: Iterable[Edge]) -> WriteStats:
        start = time.perf_counter()
        n = e = 0
        for node in nodes:
            old = self._nodes.get(node.id)
            if old is not None:
                for alias in _aliases(old):
                    self._aliases[alias].discard(old.id)
            self._nodes[node.id] = node
            for alias in _aliases(node):
                self._aliases[alias].add(node.id)
            n += 1
        for edge in edges:
            old_edge = self._edges.get(edge.id)
            if old_edge is not None:
                self._in[old_edge.target].discard(edge.id)
            self._edges[edge.id] = edge
            self._in[edge.target].add(edge.id)
            e += 1
        return WriteStats(nodes=n, edges=e, seconds=time.perf_counter() - start)

    def node(self, node_id: str) -> Node | None:
        return self._nodes.get(node_id)

    def find(self, ref: str) -> Node | None:
        if ref in self._nodes:
            return self._nodes[ref]
        ids = sorted(self._aliases.get(ref, ()))
        return self._nodes[ids[0]] if ids else None

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
                if edge.source not in self._nodes:
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


def _aliases(node: Node) -> list[str]:
    return [*node.record_ids, *(i.key for i in node.identifiers)]
