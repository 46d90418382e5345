"""Small factories: ``person("p")``, ``owns("p", "t", 25)``, ``graph(...)``."""

from __future__ import annotations

from datetime import date
from itertools import count

from registry.codelists import DirectOrIndirect, InterestType, UnspecifiedReason
from registry.model import Edge, Node, NodeKind, Share, Subgraph
from registry.schema import role_of

_ids = count(1)


def person(node_id: str, name: str | None = None, *, pep: bool = False) -> Node:
    return Node(id=node_id, kind=NodeKind.PERSON, name=name or node_id, politically_exposed=pep)


def company(node_id: str, name: str | None = None) -> Node:
    return Node(id=node_id, kind=NodeKind.COMPANY, name=name or node_id)


def trust(node_id: str, name: str | None = None) -> Node:
    return Node(id=node_id, kind=NodeKind.TRUST, name=name or node_id, entity_subtype="trust")


def unknown(node_id: str, reason: UnspecifiedReason = UnspecifiedReason.UNKNOWN) -> Node:
    return Node(id=node_id, kind=NodeKind.UNSPECIFIED, unspecified_reason=reason)


def owns(
    source: str,
    target: str,
    pct: float | tuple[float, float] | None = None,
    *,
    interest: InterestType | None = InterestType.SHAREHOLDING,
    indirect: bool = False,
    start: date | None = None,
    end: date | None = None,
    edge_id: str | None = None,
) -> Edge:
    share: Share | None
    if pct is None:
        share = None
    elif isinstance(pct, tuple):
        share = Share(min=pct[0], max=pct[1])
    else:
        share = Share.exact(pct)
    return Edge(
        id=edge_id or f"e{next(_ids):05d}",
        source=source,
        target=target,
        interest_type=interest,
        role=role_of(interest),
        share=share,
        direct_or_indirect=DirectOrIndirect.INDIRECT if indirect else DirectOrIndirect.DIRECT,
        start_date=start,
        end_date=end,
    )


def controls(source: str, target: str, interest: InterestType, **kwargs: object) -> Edge:
    return owns(source, target, None, interest=interest, **kwargs)  # type: ignore[arg-type]


def graph(*items: Node | Edge) -> Subgraph:
    nodes = {n.id: n for n in items if isinstance(n, Node)}
    edges = tuple(e for e in items if isinstance(e, Edge))
    return Subgraph(nodes=nodes, edges=edges)
