"""How two parties are linked: the shortest and the strongest chain between them.

When one holds the other (directly or through others), the answer gives the shortest chain
(fewest links, any interest) and the strongest (largest product of shares, shareholdings
only), and the holder's effective share, the same number ``owners`` gives. When neither
holds the other, it names the nearest owners they share and the nearest parties both hold.

>>> from registry.model import Edge, EdgeRole, Node, NodeKind, Share, Subgraph
>>> nodes = {i: Node(id=i, kind=NodeKind.COMPANY, name=i) for i in ("a", "b", "m", "t")}
>>> def e(i, s, t, pct):
...     return Edge(id=i, source=s, target=t, role=EdgeRole.CAPITAL, share=Share.exact(pct))
>>> g = Subgraph(nodes=nodes, edges=(
...     e("1", "a", "t", 10), e("2", "a", "m", 90), e("3", "m", "b", 90), e("4", "b", "t", 90)))
>>> answer = paths_between(g, "a", "t", as_of=date(2024, 1, 1))
>>> answer.direction, answer.shortest.ids, answer.strongest.ids, answer.effective.min
('source_holds_target', ['a', 't'], ['a', 'm', 'b', 't'], 82.9)
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from collections.abc import Mapping, Sequence
from datetime import date
from itertools import pairwise

from registry.analysis.integrated import ONE, ZERO, Interval
from registry.analysis.interests import Active, Weights, active_interests, interest_label, summary
from registry.analysis.ownership import capital_solution, upstream_of
from registry.analysis.results import CommonParty, OwnershipPath, PathAnswer
from registry.errors import NotFoundError
from registry.model import Edge, Node, Subgraph

__all__ = ["merge", "paths_between"]


def merge(*graphs: Subgraph) -> Subgraph:
    """One subgraph with the nodes and edges of all, each once."""
    nodes: dict[str, Node] = {}
    edges: dict[str, Edge] = {}
    for graph in graphs:
        nodes.update(graph.nodes)
        edges.update((e.id, e) for e in graph.edges)
    return Subgraph(
        nodes=dict(sorted(nodes.items())),
        edges=tuple(edges[i] for i in sorted(edges)),
        truncated=any(g.truncated for g in graphs),
    )


class _Links:
    def __init__(self, active: Active) -> None:
        self.active = active
        everything = [e for edges in active.hops_in.values() for e in edges]
        self.weights = Weights(everything + active.self_loops)
        self.pair: dict[tuple[str, str], Interval] = {}
        self.first: dict[tuple[str, str], Edge] = {}
        for edge in everything:
            key = (edge.source, edge.target)
            self.first.setdefault(key, edge)
            share = self.weights.capital_of(edge)
            if share is not None:
                self.pair[key] = self.pair.get(key, ZERO) + share

    def bfs(self, start: str, forward: bool) -> tuple[dict[str, int], dict[str, str]]:
        """Fewest links from ``start`` along (or against) the interests; parent pointers."""
        dist = {start: 0}
        parent: dict[str, str] = {}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            edges = self.active.hops_out if forward else self.active.hops_in
            for edge in edges.get(node, ()):
                nxt = edge.target if forward else edge.source
                if nxt not in dist:
                    dist[nxt] = dist[node] + 1
                    parent[nxt] = node
                    queue.append(nxt)
        return dist, parent

    def strongest(self, source: str, target: str) -> list[str] | None:
        dist: dict[str, float] = {source: 0.0}
        prev: dict[str, str] = {}
        heap: list[tuple[float, str]] = [(0.0, source)]
        done: set[str] = set()
        succ: dict[str, list[tuple[str, float]]] = {}
        for (a, b), share in sorted(self.pair.items()):
            hi = min(share.hi, 1.0)
            if hi > 0:
                succ.setdefault(a, []).append((b, -math.log(hi)))
        while heap:
            d, node = heapq.heappop(heap)
            if node in done:
                continue
            done.add(node)
            if node == target:
                break
            for nxt, weight in succ.get(node, ()):
                if nxt == source:
                    continue
                nd = d + weight
                if nxt not in dist or nd < dist[nxt] - 1e-15:
                    dist[nxt] = nd
                    prev[nxt] = node
                    heapq.heappush(heap, (nd, nxt))
        if target not in prev:
            return None
        ids = [target]
        while ids[-1] != source:
            ids.append(prev[ids[-1]])
        return ids[::-1]

    def describe(self, ids: Sequence[str]) -> OwnershipPath:
        interests: list[str] = []
        product: Interval | None = ONE
        for a, b in pairwise(ids):
            key = (a, b)
            share = self.pair.get(key)
            edge = self.first[key]
            interests.append(interest_label(edge))
            product = product * share.capped() if product is not None and share else None
        return OwnershipPath(
            ids=list(ids), interests=interests, share=product.percent() if product else None
        )


def _chain(parent: Mapping[str, str], start: str, end: str) -> list[str]:
    """The ids from ``end`` back to ``start`` along parent pointers, start first."""
    ids = [end]
    while ids[-1] != start:
        ids.append(parent[ids[-1]])
    return ids[::-1]


def paths_between(
    graph: Subgraph,
    source: str,
    target: str,
    *,
    as_of: date | None = None,
    max_common: int = 5,
) -> PathAnswer:
    """Chains between ``source`` and ``target`` in ``graph`` on the day.

    ``graph`` must hold what is downstream and upstream of both (``merge`` the stores'
    ``downstream`` and ``upstream`` of each).
    """
    for ref in (source, target):
        if ref not in graph.nodes:
            raise NotFoundError(f"no party with id {ref!r}", id=ref)
    day = as_of or date.today()
    links = _Links(active_interests(graph.edges, graph.nodes, day))
    ends = (summary(graph.nodes[source]), summary(graph.nodes[target]))
    truncated = graph.truncated
    if source == target:
        return PathAnswer(
            source=ends[0], target=ends[1], as_of=day, direction="none", truncated=truncated
        )
    for holder, held, direction in (
        (source, target, "source_holds_target"),
        (target, source, "target_holds_source"),
    ):
        dist, parent = links.bfs(holder, forward=True)
        if held not in dist:
            continue
        strongest = links.strongest(holder, held)
        effective = capital_solution(upstream_of(graph, held, day)).effective.get(holder, ZERO)
        return PathAnswer(
            source=ends[0],
            target=ends[1],
            as_of=day,
            direction=direction,
            effective=effective.percent(),
            shortest=links.describe(_chain(parent, holder, held)),
            strongest=links.describe(strongest) if strongest else None,
            truncated=truncated,
        )

    def common(forward: bool) -> list[CommonParty]:
        # Owners of both: walk against the interests; parties both hold: along them.
        dist_s, parent_s = links.bfs(source, forward)
        dist_t, parent_t = links.bfs(target, forward)
        shared = sorted(
            (dist_s[n] + dist_t[n], n)
            for n in dist_s.keys() & dist_t.keys()
            if n not in (source, target)
        )
        found: list[CommonParty] = []
        for _, node in shared[:max_common]:
            to_source = _chain(parent_s, source, node)
            to_target = _chain(parent_t, target, node)
            if not forward:
                # Chains run along the interests: the owner first.
                to_source, to_target = to_source[::-1], to_target[::-1]
            found.append(
                CommonParty(
                    id=node,
                    name=graph.nodes[node].name,
                    kind=graph.nodes[node].kind.value,
                    to_source=links.describe(to_source),
                    to_target=links.describe(to_target),
                )
            )
        return found

    owners_of_both = common(forward=False)
    held_by_both = common(forward=True)
    direction = "common_owner" if owners_of_both else "common_holding" if held_by_both else "none"
    return PathAnswer(
        source=ends[0],
        target=ends[1],
        as_of=day,
        direction=direction,
        common_owners=owners_of_both,
        common_holdings=held_by_both,
        truncated=truncated,
    )
