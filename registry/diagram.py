"""The ownership diagram of a party or contract: nodes and edges to draw, upstream and
downstream, a bounded number of levels and of neighbours per node.

Read level by level from the store (one ``edges_of`` per level and direction), so a big
network costs what is drawn, not what exists. A node whose other owners (or holdings) are
left out says how many (``more_owners``, ``more_holdings``): the page shows "and N more"
and fetches them when clicked. Circular-ownership groups among the drawn nodes are marked.

>>> from registry.store import EmbeddedStore
>>> from registry.model import Edge, EdgeRole, Node, NodeKind, Share
>>> store = EmbeddedStore()
>>> _ = store.write(
...     [Node(id="p", kind=NodeKind.PERSON, name="P"), Node(id="c", kind=NodeKind.COMPANY)],
...     [Edge(id="e", source="p", target="c", role=EdgeRole.CAPITAL, share=Share.exact(60))],
... )
>>> d = diagram_of(store, "c", depth=2)
>>> [(n.id, n.layer) for n in d.nodes], [(e.source, e.target, e.share.max) for e in d.edges]
([('c', 0), ('p', -1)], [('p', 'c', 60.0)])
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field

from registry.analysis.results import Percent
from registry.model import Edge, EdgeRole, Node, NodeKind, Subgraph
from registry.queries import resolve
from registry.store.protocol import GraphStore

__all__ = ["DIAGRAM_ROLES", "Diagram", "DiagramEdge", "DiagramNode", "diagram_of"]

_OUT = ConfigDict(frozen=True)
#: Interests, and the links of holders to the contracts and titles they hold.
DIAGRAM_ROLES: frozenset[EdgeRole] = frozenset(
    {*(r for r in EdgeRole if r.is_interest), EdgeRole.PARTICIPATION, EdgeRole.HOLDING}
)


class DiagramNode(BaseModel):
    model_config = _OUT

    id: str
    kind: NodeKind
    name: str
    entity_subtype: str | None = None
    unspecified_reason: str | None = None
    politically_exposed: bool = False
    layer: int = Field(description="0 the subject; -1 its direct owners, 1 its holdings, …")
    cycle: str | None = Field(default=None, description="Circular-ownership group, if any.")
    more_owners: int = Field(default=0, description="Owners not drawn.")
    more_holdings: int = Field(default=0, description="Holdings not drawn.")


class DiagramEdge(BaseModel):
    model_config = _OUT

    id: str
    source: str = Field(description="The interested party (owner, holder).")
    target: str = Field(description="The subject (company, trust, contract).")
    role: EdgeRole
    interest_type: str | None = None
    share: Percent | None = None
    start_date: date | None = None
    end_date: date | None = None
    active: bool = Field(description="In force on the diagram's day.")
    in_cycle: bool = False


class Diagram(BaseModel):
    model_config = _OUT

    root: str
    as_of: date
    depth: int
    nodes: list[DiagramNode]
    edges: list[DiagramEdge]
    truncated: bool = Field(description="The node cap cut the drawing somewhere.")


def _share_key(edge: Edge) -> float:
    return edge.share.max if edge.share is not None else -1.0


class _Walk:
    """Breadth-first, one direction at a time, with the caps."""

    def __init__(self, root: Node) -> None:
        self.nodes: dict[str, Node] = {root.id: root}
        self.layer: dict[str, int] = {root.id: 0}
        self.edges: dict[str, Edge] = {}
        self.hidden: dict[tuple[str, bool], set[str]] = defaultdict(set)
        self.truncated = False

    def step(
        self,
        frontier: list[str],
        links: Subgraph,
        *,
        up: bool,
        level: int,
        per_node: int,
        max_nodes: int,
        day: date | None,
        grow: bool,
    ) -> list[str]:
        """Add the neighbours of ``frontier`` in one direction; the new frontier."""
        found: list[str] = []
        by_node: dict[str, list[Edge]] = defaultdict(list)
        for edge in links.edges:
            if day is not None and not edge.active_on(day):
                continue
            here, there = (edge.target, edge.source) if up else (edge.source, edge.target)
            if here in frontier:
                by_node[here].append(edge)
        for here in frontier:
            edges = sorted(
                by_node[here],
                key=lambda e: (-_share_key(e), links.nodes[e.source if up else e.target].name),
            )
            kept = 0
            for edge in edges:
                there = edge.source if up else edge.target
                if there in self.nodes:
                    self.edges[edge.id] = edge
                    continue
                if not grow or kept >= per_node or len(self.nodes) >= max_nodes:
                    self.hidden[(here, up)].add(there)
                    self.truncated = self.truncated or (grow and len(self.nodes) >= max_nodes)
                    continue
                kept += 1
                self.nodes[there] = links.nodes[there]
                self.layer[there] = -level if up else level
                self.edges[edge.id] = edge
                found.append(there)
        return found

    def more(self, node_id: str, up: bool) -> int:
        """Neighbours of ``node_id`` that are not drawn (a title held twice counts once)."""
        return len(self.hidden[(node_id, up)] - self.nodes.keys())


def diagram_of(
    store: GraphStore,
    ref: str,
    *,
    depth: int = 3,
    per_node: int = 12,
    max_nodes: int = 200,
    as_of: date | None = None,
) -> Diagram:
    """Nodes and edges within ``depth`` levels up and down of a party or contract.

    ``per_node`` caps the owners (and holdings) drawn per node, strongest share first;
    ``max_nodes`` the whole drawing. With ``as_of`` only interests in force that day.
    """
    root = resolve(store, ref)
    walk = _Walk(root)
    for up in (True, False):
        frontier = [root.id]
        for level in range(1, depth + 2):
            if not frontier:
                break
            links = store.edges_of(frontier, DIAGRAM_ROLES)
            frontier = walk.step(
                frontier,
                links,
                up=up,
                level=level,
                per_node=per_node,
                max_nodes=max_nodes,
                day=as_of,
                grow=level <= depth,
            )
    day = as_of or date.today()
    groups = _cycles(walk.edges.values(), day)
    nodes = [
        DiagramNode(
            id=n.id,
            kind=n.kind,
            name=n.name or _unnamed(n),
            entity_subtype=n.entity_subtype,
            unspecified_reason=n.unspecified_reason.value if n.unspecified_reason else None,
            politically_exposed=n.politically_exposed,
            layer=walk.layer[n.id],
            cycle=groups.get(n.id),
            more_owners=walk.more(n.id, True),
            more_holdings=walk.more(n.id, False),
        )
        for n in sorted(walk.nodes.values(), key=lambda n: (walk.layer[n.id], n.name, n.id))
    ]
    edges = [
        DiagramEdge(
            id=e.id,
            source=e.source,
            target=e.target,
            role=e.role,
            interest_type=e.interest_type.value if e.interest_type else None,
            share=Percent(min=e.share.min, max=e.share.max) if e.share is not None else None,
            start_date=e.start_date,
            end_date=e.end_date,
            active=e.active_on(day),
            in_cycle=e.source in groups
            and groups.get(e.source) == groups.get(e.target)
            and e.role is EdgeRole.CAPITAL,
        )
        for e in sorted(walk.edges.values(), key=lambda e: e.id)
    ]
    return Diagram(
        root=root.id, as_of=day, depth=depth, nodes=nodes, edges=edges, truncated=walk.truncated
    )


def _unnamed(node: Node) -> str:
    if node.kind is NodeKind.UNSPECIFIED:
        return "Unknown owner"
    return node.id


def _cycles(edges: Iterable[Edge], day: date) -> dict[str, str]:
    """Node → group id (its smallest member id) for circular shareholdings among ``edges``."""
    graph: nx.DiGraph = nx.DiGraph()
    for edge in edges:
        if edge.role is EdgeRole.CAPITAL and edge.active_on(day) and not edge.declared_indirect:
            graph.add_edge(edge.source, edge.target)
    out: dict[str, str] = {}
    for component in nx.strongly_connected_components(graph):
        # A company holding its own shares is a circle of one.
        if len(component) > 1 or any(graph.has_edge(n, n) for n in component):
            group = min(component)
            out.update(dict.fromkeys(component, group))
    return out
